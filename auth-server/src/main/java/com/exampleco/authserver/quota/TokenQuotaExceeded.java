package com.exampleco.authserver.quota;

import jakarta.servlet.http.HttpServletResponse;
import com.exampleco.authserver.client.ClientAuthenticationLimits;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * An enforced quota is spent: Auth0's {@code 429
 * {"error":"too_many_requests","error_description":"Client quota exceeded"}} (or
 * {@code Organization quota exceeded}), with the quota headers, {@code Retry-After}
 * (seconds until the spent bucket resets; the later one when several are spent) and the
 * {@code X-RateLimit-*} headers Auth0 adds for that bucket: its limit, 0 remaining, and
 * its reset as a Unix time.
 */
public final class TokenQuotaExceeded extends OAuth2AuthenticationException {

	private final transient QuotaHeaders quotaHeaders;

	private final long retryAfterSeconds;

	private final long limit;

	private final long resetEpochSecond;

	TokenQuotaExceeded(String description, QuotaHeaders quotaHeaders, long retryAfterSeconds, long limit,
			long resetEpochSecond) {
		super(new OAuth2Error(ClientAuthenticationLimits.TOO_MANY_REQUESTS, description, null));
		this.quotaHeaders = quotaHeaders;
		this.retryAfterSeconds = retryAfterSeconds;
		this.limit = limit;
		this.resetEpochSecond = resetEpochSecond;
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}

	/** Sets the headers of the refusal; the body is the error responder's. */
	public void writeHeadersTo(HttpServletResponse response) {
		quotaHeaders.writeTo(response);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		response.setHeader("X-RateLimit-Limit", Long.toString(limit));
		response.setHeader("X-RateLimit-Remaining", "0");
		response.setHeader("X-RateLimit-Reset", Long.toString(resetEpochSecond));
	}

}
