package com.exampleco.timesheets.batch.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.retry.RetryDecision;
import com.exampleco.timesheets.batch.retry.RetryProperties;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Waits out an authorization server that is unreachable or failing (connection refused,
 * timeout, 5xx, 429), for instance one still starting when the job starts: the token
 * request is retried with the delivery's backoff ({@code batch.delivery.retry}, never
 * sooner than a {@code Retry-After}) for up to {@code batch.token.max-wait}.
 *
 * <p>
 * The budget belongs to the outage, not to the request: it starts with the first failure
 * and ends with the next success. Every chunk and every file of a run needs the same
 * token, so once the budget is spent the others try once each and fail at once, instead
 * of each waiting out a budget of its own. A refusal (wrong secret, no grant for the
 * audience) is not an outage and is not retried.
 */
public class TokenEndpointRetry implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private static final Logger logger = LoggerFactory.getLogger(TokenEndpointRetry.class);

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate;

	private final RetryProperties backoff;

	private final Duration maxWait;

	private final Clock clock;

	/** When the current outage began; null while the token endpoint answers. */
	private volatile Instant failingSince;

	public TokenEndpointRetry(OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate,
			RetryProperties backoff, Duration maxWait, Clock clock) {
		this.delegate = delegate;
		this.backoff = backoff;
		this.maxWait = maxWait;
		this.clock = clock;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
		RetryPolicy<OAuth2AccessTokenResponse> policy = RetryPolicy.<OAuth2AccessTokenResponse>builder()
			.handleIf((Throwable failure) -> RetryDecision.isTransient(failure) && !remaining().isZero())
			.withMaxRetries(-1)
			.withDelayFn((context) -> delay(context.getAttemptCount(), context.getLastException()))
			.onRetry((event) -> logger.warn("The token endpoint is unavailable ({}); trying again, for up to {} s more",
					RetryDecision.describe(event.getLastException()), remaining().toSeconds()))
			.build();
		try {
			return Failsafe.with(policy).get(() -> attempt(request));
		}
		catch (FailsafeException ex) {
			// Only checked exceptions are wrapped; the token client throws none, but
			// never lose the cause.
			throw new IllegalStateException(ex.getCause());
		}
	}

	private OAuth2AccessTokenResponse attempt(OAuth2ClientCredentialsGrantRequest request) {
		try {
			OAuth2AccessTokenResponse response = this.delegate.getTokenResponse(request);
			this.failingSince = null;
			return response;
		}
		catch (RuntimeException ex) {
			if (RetryDecision.isTransient(ex) && this.failingSince == null) {
				this.failingSince = this.clock.instant();
			}
			throw ex;
		}
	}

	/** What is left of the current outage's budget (zero once spent). */
	Duration remaining() {
		Instant since = this.failingSince;
		if (since == null) {
			return this.maxWait;
		}
		Duration left = this.maxWait.minus(Duration.between(since, this.clock.instant()));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private Duration delay(int failedAttempts, Throwable failure) {
		Duration wanted = RetryDecision
			.delay(this.backoff.backoff(failedAttempts, ThreadLocalRandom.current().nextDouble()), failure, this.clock);
		Duration left = remaining();
		// The last attempt is made when the budget ends rather than not at all.
		return (wanted.compareTo(left) > 0) ? left : wanted;
	}

}
