package com.exampleco.authserver.quota;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Auth0's quota headers of a token response, on success and on refusal alike, one per
 * quota the request was counted against: {@code Auth0-Client-Quota-Limit} and, when the
 * request names an organization, {@code Auth0-Organization-Quota-Limit}. Each is a
 * comma-separated list of buckets,
 * {@code b=per_hour;q=10;r=7;t=3540,b=per_day;q=50;r=47;t=43200}: the bucket, its quota,
 * the tokens it has left (never below 0) and the seconds until it resets. The values are
 * built from numbers and fixed names only.
 *
 * @param client the client's header value, or {@code null} when no quota applies to the
 * client
 * @param organization the organization's header value, or {@code null}
 */
public record QuotaHeaders(String client, String organization) {

	public static final String CLIENT = "Auth0-Client-Quota-Limit";

	public static final String ORGANIZATION = "Auth0-Organization-Quota-Limit";

	public static final QuotaHeaders NONE = new QuotaHeaders(null, null);

	public void writeTo(HttpServletResponse response) {
		if (client != null) {
			response.setHeader(CLIENT, client);
		}
		if (organization != null) {
			response.setHeader(ORGANIZATION, organization);
		}
	}
}
