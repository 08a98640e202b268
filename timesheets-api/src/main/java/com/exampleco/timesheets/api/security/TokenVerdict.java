package com.exampleco.timesheets.api.security;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jose.proc.BadJOSEException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * What the security layer decided about a request's access token, kept on the request for
 * the call's event ({@code events.ApiCallRecorder}). The client only reads the careful
 * wording of {@link BearerTokenErrors}; this is the precise reason, for the protected
 * event stream (a forger has no {@code read:events} token).
 *
 * @param code {@code ok}, {@code no_token}, {@code invalid_token},
 * {@code insufficient_scope} or {@code unavailable}
 * @param reason the precise reason in a few words ({@code expired},
 * {@code wrong_audience}, {@code wrong_issuer}, {@code bad_signature},
 * {@code unknown_key}, {@code malformed}, {@code invalid_claims}), or {@code null}
 * @param description a sentence for a learner
 * @param scopeNeeded the scope a 403 named, or {@code null}
 * @param token the verified token (its signature checked), or {@code null}: an unverified
 * token's claims are whatever its sender wrote and are not reported
 */
public record TokenVerdict(String code, String reason, String description, String scopeNeeded, Jwt token) {

	private static final String ATTRIBUTE = TokenVerdict.class.getName();

	/**
	 * The verdict on this request, or {@code null} when security did not look at a token
	 * (a public endpoint).
	 */
	public static TokenVerdict of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof TokenVerdict verdict) ? verdict : null;
	}

	void on(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	static TokenVerdict accepted(Jwt token) {
		return new TokenVerdict("ok", null, null, null, token);
	}

	static TokenVerdict noToken() {
		return new TokenVerdict("no_token", null, "No Authorization: Bearer header: the client must send its token",
				null, null);
	}

	static TokenVerdict unavailable() {
		return new TokenVerdict("unavailable", "keys_unavailable",
				"The authorization server's keys could not be fetched: the token may be good, the client should retry",
				null, null);
	}

	TokenVerdict insufficientScope(String scope) {
		return new TokenVerdict(
				"insufficient_scope", "scope_missing", "The token is valid but lacks the scope " + scope
						+ ": ask the authorization server for it (the " + "client's grant must include it)",
				scope, this.token);
	}

	static TokenVerdict insufficientScope(Jwt token, String scope) {
		return accepted(token).insufficientScope(scope);
	}

	/** Why a token was refused, from the exception Spring Security and Nimbus raised. */
	static TokenVerdict refused(OAuth2AuthenticationException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return claims(invalid.getErrors());
			}
			if (cause instanceof ParseException) {
				return invalid("malformed", "The token is not a well-formed JWT");
			}
			if (cause instanceof BadJOSEException bad) {
				String message = String.valueOf(bad.getMessage()).toLowerCase(Locale.ROOT);
				if (message.contains("no matching key")) {
					return invalid("unknown_key", "No published key matches the token's kid and alg: signed by "
							+ "another server, or with a key since withdrawn");
				}
				return invalid("bad_signature", "The signature does not verify with the published key (forged or "
						+ "altered token, or an algorithm this API refuses)");
			}
		}
		return invalid("malformed", "The token is not a well-formed JWT");
	}

	private static TokenVerdict claims(Collection<OAuth2Error> errors) {
		List<String> descriptions = errors.stream().map(OAuth2Error::getDescription).map(String::valueOf).toList();
		String all = String.join("; ", descriptions);
		String lower = all.toLowerCase(Locale.ROOT);
		if (lower.contains("expired")) {
			return invalid("expired", "The token expired (exp is in the past): the client must request a new one");
		}
		if (lower.contains("(aud)")) {
			return invalid("wrong_audience",
					"The token was issued for another API (aud): request it with this " + "API's audience");
		}
		if (lower.contains("issuer")) {
			return invalid("wrong_issuer", "The token was not issued by the expected authorization server (iss)");
		}
		return invalid("invalid_claims", all);
	}

	private static TokenVerdict invalid(String reason, String description) {
		return new TokenVerdict("invalid_token", reason, description, null, null);
	}

}
