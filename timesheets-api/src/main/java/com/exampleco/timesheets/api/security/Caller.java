package com.exampleco.timesheets.api.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The machine-to-machine client behind a request, as its access token tells.
 *
 * @param clientId the token's {@code client_id}, else {@code azp}, else {@code sub}
 * without Auth0's {@code @clients} suffix
 * @param orgId the organization the token was issued for, or {@code null}: a token
 * without an organization sees only entries that belong to no organization
 */
public record Caller(String clientId, String orgId) {

	private static final String AUTH0_CLIENT_SUFFIX = "@clients";

	static Caller from(Jwt jwt) {
		String clientId = firstText(jwt.getClaimAsString("client_id"), jwt.getClaimAsString("azp"));
		if (clientId == null) {
			String subject = jwt.getSubject();
			clientId = (subject != null && subject.endsWith(AUTH0_CLIENT_SUFFIX))
					? subject.substring(0, subject.length() - AUTH0_CLIENT_SUFFIX.length()) : subject;
		}
		return new Caller(clientId, firstText(jwt.getClaimAsString("org_id")));
	}

	private static String firstText(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}
