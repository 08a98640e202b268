package com.exampleco.authserver.log;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The tenant log events of the token endpoint, built on the request thread from what is
 * already at hand (no lookup, no parsing of the token) and handed to {@link TenantLog},
 * which writes them in the background.
 * <ul>
 * <li>{@code seccft}: a token was issued. {@code details}: {@code jti},
 * {@code expires_in}, {@code organization} ({@code id}, {@code name}) if any,
 * {@code client_authentication_method}, {@code scopes} granted, and the token's decoded
 * {@code token.header} and {@code token.claims}; never the compact token nor its
 * signature.</li>
 * <li>{@code feccft} (or {@code limit_wc}/{@code limit_mu} for a brute-force refusal):
 * {@code details}: {@code error}, {@code error_description}, {@code status}, and what was
 * asked ({@code request}: audience, resource, scope, organization, grant_type), each
 * value escaped and cut to 200 characters.</li>
 * </ul>
 * No event ever holds a client secret: the secret is read by no code here, and the only
 * request values taken are the ones named above. Entries other code added to the
 * request's {@link TenantLogContext} are added to {@code details}.
 */
@Component
public class TokenExchangeLog {

	static final String SUCCESS_DESCRIPTION = "Client Credentials for Access Token";

	private static final List<String> ASKED = List.of("grant_type", "audience", "resource", "scope", "organization");

	private final TenantLog log;

	private final Clock clock;

	TokenExchangeLog(TenantLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	/**
	 * {@code seccft}: a token was issued; {@code header} and {@code claims} are the
	 * JWT's, decoded.
	 */
	public void issued(HttpServletRequest request, String clientId, String clientName, String authenticationMethod,
			Map<String, Object> header, Map<String, Object> claims, long expiresIn, Collection<String> scopes) {
		if (!log.enabled()) {
			return;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("jti", claims.get("jti"));
		details.put("expires_in", expiresIn);
		Object organizationId = claims.get("org_id");
		if (organizationId != null) {
			Map<String, Object> organization = new LinkedHashMap<>();
			organization.put("id", organizationId);
			organization.put("name", claims.get("org_name"));
			details.put("organization", organization);
		}
		details.put("client_authentication_method", authenticationMethod);
		details.put("scopes", List.copyOf(scopes));
		details.put("token", Map.of("header", header, "claims", claims));
		String type = TenantLogTypes.SUCCESS_CLIENT_CREDENTIALS;
		TenantLogContext context = TenantLogContext.find(request);
		if (context != null) {
			details.putAll(context.details());
			type = context.type() != null ? context.type() : type;
		}
		Object audience = claims.get("aud");
		if (audience instanceof Collection<?> audiences) {
			audience = audiences.isEmpty() ? null : audiences.iterator().next();
		}
		log.record(TenantLogEvent.of(clock.instant(), type, SUCCESS_DESCRIPTION, clientId, clientName,
				request.getRemoteAddr(), userAgent(request), LogValues.safe(request.getServerName()),
				audience == null ? null : audience.toString(), String.join(" ", scopes), details));
	}

	/**
	 * A refused token request: {@code feccft}, or the type the refusal calls for
	 * ({@code limit_wc}, ...).
	 * @param parameters the request's parameters as the token endpoint parsed them, or
	 * {@code null} when it was refused before its body was read (the body is then never
	 * read for this)
	 */
	public void refused(HttpServletRequest request, String type, String error, String description, int status,
			Map<String, String> parameters) {
		if (!log.enabled()) {
			return;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("error", error);
		details.put("error_description", LogValues.safe(description));
		details.put("status", status);
		String clientId = null;
		String audience = null;
		String scope = null;
		if (parameters != null) {
			Map<String, Object> asked = new LinkedHashMap<>();
			for (String name : ASKED) {
				String value = parameters.get(name);
				if (value != null) {
					asked.put(name, LogValues.safe(value));
				}
			}
			details.put("request", asked);
			clientId = parameters.get("client_id");
			audience = parameters.get("audience") != null ? parameters.get("audience") : parameters.get("resource");
			scope = parameters.get("scope");
		}
		if (clientId == null) {
			clientId = basicClientId(request.getHeader(HttpHeaders.AUTHORIZATION));
		}
		TenantLogContext context = TenantLogContext.find(request);
		if (context != null) {
			details.putAll(context.details());
			type = context.type() != null ? context.type() : type;
		}
		log.record(TenantLogEvent.of(clock.instant(), type, LogValues.safe(description),
				clientId == null ? null : LogValues.safe(clientId), null, request.getRemoteAddr(), userAgent(request),
				LogValues.safe(request.getServerName()), audience == null ? null : LogValues.safe(audience),
				scope == null ? null : LogValues.safe(scope), details));
	}

	private static String userAgent(HttpServletRequest request) {
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		return userAgent == null ? null : LogValues.safe(userAgent);
	}

	/**
	 * The client id of a Basic {@code Authorization} header (RFC 6749 §2.3.1:
	 * form-urlencoded, then base64), or {@code null}. Only the part before the colon is
	 * decoded; the secret after it is never looked at.
	 */
	static String basicClientId(String authorization) {
		if (authorization == null || authorization.length() < 6 || authorization.length() > 4096
				|| !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			byte[] decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
			int colon = -1;
			for (int i = 0; i < decoded.length; i++) {
				if (decoded[i] == ':') {
					colon = i;
					break;
				}
			}
			if (colon <= 0) {
				return null;
			}
			return URLDecoder.decode(new String(decoded, 0, colon, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			return null;
		}
	}

}
