package com.exampleco.authserver.management;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.ObjectMapper;

import com.exampleco.authserver.log.LogValues;

/**
 * The one place where the management API's failures become Auth0's management error shape
 * ({@link ManagementError}): a missing or invalid token (401, with RFC 6750's
 * {@code WWW-Authenticate} beside it), a missing scope (403), and every exception a
 * {@link ManagementApi} controller throws. Never a stack trace, never an internal detail:
 * an unexpected failure is logged here and answered with a fixed 500 message.
 */
@RestControllerAdvice(annotations = ManagementApi.class)
public class ManagementErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(ManagementErrors.class);

	private final ObjectMapper json;

	// Spring Security's RFC 6750 challenges; the body is Auth0's.
	private final BearerTokenAuthenticationEntryPoint challenges = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler scopeChallenges = new BearerTokenAccessDeniedHandler();

	public ManagementErrors(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * 401: no token, or one that is not a valid management API token from this server.
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		boolean missing = request.getHeader("Authorization") == null;
		challenges.commence(request, response, failure);
		// Auth0's messages. Why a token is invalid (expired, wrong audience, wrong
		// issuer) is not told to the caller, who may be probing; the log says it at
		// DEBUG.
		log.debug("Management API request refused: {}", LogValues.safe(failure.getMessage()));
		write(response, HttpStatus.UNAUTHORIZED, missing ? "Missing authentication" : "Invalid token",
				missing ? null : "invalid_token");
	}

	/** 403: a valid token without the scope this endpoint requires. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		scopeChallenges.handle(request, response, denied);
		String message = ManagementScopes.ruleFor(request)
			.map(ManagementScopes.Rule::describe)
			.orElse("Insufficient scope");
		write(response, HttpStatus.FORBIDDEN, message, "insufficient_scope");
	}

	@ExceptionHandler(ManagementApiException.class)
	ResponseEntity<ManagementError> refused(ManagementApiException e) {
		return answer(e.status(), e.getMessage(), e.errorCode());
	}

	/**
	 * Spring MVC's own refusals (unsupported method or media type, a missing or malformed
	 * parameter...) keep their status; anything else is unexpected.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ManagementError> other(Exception e) {
		if (e instanceof ErrorResponse error && HttpStatus.resolve(error.getStatusCode().value()) != null) {
			HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
			String detail = error.getBody().getDetail();
			return answer(status, detail == null ? status.getReasonPhrase() : LogValues.truncated(detail),
					status == HttpStatus.BAD_REQUEST ? "invalid_query_string" : null);
		}
		if (e instanceof TypeMismatchException mismatch) {
			return answer(HttpStatus.BAD_REQUEST, "Query validation error: invalid value of '"
					+ LogValues.truncated(mismatch.getPropertyName()) + "'", "invalid_query_string");
		}
		log.error("Management API request failed", e);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", null);
	}

	/** Writes the error body where no controller runs (the security chain's filters). */
	public void write(HttpServletResponse response, HttpStatus status, String message, String errorCode)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("Cache-Control", "no-store");
		json.writeValue(response.getOutputStream(), ManagementError.of(status, message, errorCode));
	}

	private static ResponseEntity<ManagementError> answer(HttpStatus status, String message, String errorCode) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Cache-Control", "no-store")
			.body(ManagementError.of(status, message, errorCode));
	}

}
