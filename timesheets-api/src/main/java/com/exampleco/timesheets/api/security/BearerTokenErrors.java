package com.exampleco.timesheets.api.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import com.exampleco.timesheets.api.system.ProblemBounds;

/**
 * The bearer token half of this API's errors (the other half is {@code system.ProblemDetailsAdvice}): every refusal
 * made before a controller runs, answered per RFC 6750 §3 in the {@code WWW-Authenticate} header, with an RFC 9457
 * problem body so that no client ever sees an empty or HTML answer.
 *
 * <ul>
 * <li>no token: 401 {@code Bearer realm="timesheets-api"}, without an error code (§3.1);
 * <li>a token we refuse: 401 {@code invalid_token}; the description says which check failed for a token that was
 * signed by the authorization server (expired, other audience, other issuer) and nothing more than "could not be
 * verified" otherwise, so a forger learns nothing about our keys or algorithms;
 * <li>a valid token without the endpoint's scope: 403 {@code insufficient_scope} naming that scope;
 * <li>keys that cannot be fetched (authorization server unreachable, nothing cached): 503 with {@code Retry-After},
 * since the token may well be good and the client should retry, not re-authenticate.
 * </ul>
 * Tokens are never logged or echoed; descriptions are cut to {@link ProblemBounds}.
 */
@Component
class BearerTokenErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "timesheets-api";

	private static final Logger logger = LoggerFactory.getLogger(BearerTokenErrors.class);

	private static final String UNVERIFIABLE = "The access token is malformed or its signature cannot be verified";

	private final JsonMapper json;

	BearerTokenErrors(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (failure instanceof AuthenticationServiceException) {
			logger.warn("Cannot verify access tokens for {} {}: {}", request.getMethod(), request.getRequestURI(),
					failure.getMessage());
			TokenVerdict.unavailable().on(request);
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			write(response, HttpStatus.SERVICE_UNAVAILABLE,
					"The authorization server's signing keys are unavailable; retry later");
			return;
		}
		if (!(failure instanceof OAuth2AuthenticationException oauth2)) {
			TokenVerdict.noToken().on(request);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
			write(response, HttpStatus.UNAUTHORIZED, "An access token is required (Authorization: Bearer <token>)");
			return;
		}
		TokenVerdict.refused(oauth2).on(request);
		OAuth2Error error = oauth2.getError();
		HttpStatus status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus() : HttpStatus.UNAUTHORIZED;
		String description = ProblemBounds.text(describe(oauth2));
		logger.debug("Refused access token for {} {}: {}", request.getMethod(), request.getRequestURI(), description);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\", error=\"" + error.getErrorCode()
				+ "\", error_description=\"" + quotable(description) + "\"");
		write(response, status, description);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		String scope = EndpointScopes.requiredFor(request).map(Scope::value).orElse("");
		String description = "The access token lacks the scope this request needs: " + scope;
		TokenVerdict accepted = TokenVerdict.of(request);
		if (accepted != null) {
			accepted.insufficientScope(scope).on(request);
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM
				+ "\", error=\"insufficient_scope\", error_description=\"" + description + "\", scope=\"" + scope + "\"");
		write(response, HttpStatus.FORBIDDEN, description);
	}

	private static String describe(OAuth2AuthenticationException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return invalid.getErrors()
					.stream()
					.map(OAuth2Error::getDescription)
					.distinct()
					.collect(Collectors.joining("; "));
			}
		}
		if (failure.getCause() == null && failure.getError().getDescription() != null) {
			// Raised by the bearer token resolver itself (e.g. a malformed Authorization header).
			return failure.getError().getDescription();
		}
		return UNVERIFIABLE;
	}

	/** RFC 6750 §3: error_description may not contain '"' or '\' nor characters outside %x20-7E. */
	private static String quotable(String text) {
		return text.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
	}

	private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", ProblemBounds.text(detail, ProblemBounds.MAX_DETAIL_LENGTH));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
