package com.exampleco.authserver.token;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.exampleco.authserver.client.ClientAuthenticationLimits;
import com.exampleco.authserver.log.LogValues;
import com.exampleco.authserver.log.TenantLogTypes;
import com.exampleco.authserver.log.TokenExchangeLog;
import com.exampleco.authserver.quota.TokenQuotaExceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * The one place where token endpoint errors become responses: RFC 6749 §5.2 JSON with the
 * status each error calls for. {@code invalid_client} is 401, with
 * {@code WWW-Authenticate: Basic} when the client tried Basic; Auth0's
 * {@code access_denied} is 403; Auth0's {@code too_many_requests} is 429 with
 * {@code Retry-After} (and, for a spent token quota, Auth0's quota and
 * {@code X-RateLimit-*} headers); server faults are 500; everything else is 400, unless
 * the caller names a status (405, 408, 413).
 */
@Component
public class TokenErrorResponder implements AuthenticationFailureHandler {

	static final String RETRY_AFTER_SECONDS = "1";

	private static final Logger log = LoggerFactory.getLogger(TokenErrorResponder.class);

	private final HttpMessageConverter<OAuth2Error> converter = new OAuth2ErrorHttpMessageConverter();

	private final TokenExchangeLog tenantLog;

	TokenErrorResponder(TokenExchangeLog tenantLog) {
		this.tenantLog = tenantLog;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth2 ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null);
		String type = TenantLogTypes.FAILED_CLIENT_CREDENTIALS;
		if (exception instanceof ClientAuthenticationLimits.TooManyFailures tooMany) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
			type = tooMany.perClient() ? TenantLogTypes.BLOCKED_CLIENT : TenantLogTypes.BLOCKED_ADDRESS;
		}
		if (exception instanceof TokenQuotaExceeded quotaExceeded) {
			quotaExceeded.writeHeadersTo(response);
		}
		write(request, response, error, statusOf(error.getErrorCode()), type);
	}

	public void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error) throws IOException {
		write(request, response, error, statusOf(error.getErrorCode()));
	}

	void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error, HttpStatus status)
			throws IOException {
		write(request, response, error, status, TenantLogTypes.FAILED_CLIENT_CREDENTIALS);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error, HttpStatus status,
			String tenantLogType) throws IOException {
		OAuth2Error described = error.getDescription() != null ? error
				: new OAuth2Error(error.getErrorCode(), defaultDescription(error.getErrorCode()), error.getUri());
		log.info("Token request refused: {} {} ({})", status.value(), described.getErrorCode(),
				LogValues.safe(described.getDescription()));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		if (status == HttpStatus.UNAUTHORIZED && triedBasic(request)) {
			// RFC 6749 §5.2: a client that authenticated with the Authorization header
			// gets a challenge in its scheme.
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\", charset=\"UTF-8\"");
		}
		// Every refusal of the token endpoint passes here: one tenant log event each.
		// Parameters only when the token endpoint has parsed them; an early refusal's
		// body is never read for the log.
		tenantLog.refused(request, tenantLogType, described.getErrorCode(), described.getDescription(), status.value(),
				TokenRequestFilter.parsedParameters(request));
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(status);
		converter.write(described, null, httpResponse);
	}

	static HttpStatus statusOf(String errorCode) {
		return switch (errorCode) {
			case OAuth2ErrorCodes.INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
			case TokenErrors.ACCESS_DENIED -> HttpStatus.FORBIDDEN;
			case OAuth2ErrorCodes.SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
			case OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case ClientAuthenticationLimits.TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
			default -> HttpStatus.BAD_REQUEST;
		};
	}

	private static boolean triedBasic(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5);
	}

	private static String defaultDescription(String errorCode) {
		return switch (errorCode) {
			case OAuth2ErrorCodes.INVALID_CLIENT -> "Client authentication failed.";
			case OAuth2ErrorCodes.INVALID_REQUEST -> "The token request is malformed.";
			case OAuth2ErrorCodes.SERVER_ERROR -> "The authorization server could not complete the request.";
			default -> errorCode;
		};
	}

}
