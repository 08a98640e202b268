package com.exampleco.timesheets.batch.token;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.batch.retry.RetryProperties;
import com.exampleco.timesheets.batch.support.MutableClock;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An unavailable token endpoint is retried for batch.token.max-wait per outage. Each
 * attempt here "takes" 10 s of a moved clock, so the budget is spent by the attempts, not
 * by waiting.
 */
class TokenEndpointRetryTests {

	final MutableClock clock = new MutableClock();

	final AtomicInteger attempts = new AtomicInteger();

	final AtomicBoolean up = new AtomicBoolean();

	final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> endpoint = (request) -> {
		this.attempts.incrementAndGet();
		this.clock.advance(Duration.ofSeconds(10));
		if (!this.up.get()) {
			throw new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response"),
					new ResourceAccessException("I/O error on POST request: Connection refused"));
		}
		return OAuth2AccessTokenResponse.withToken("t").tokenType(OAuth2AccessToken.TokenType.BEARER).build();
	};

	static final RetryProperties QUICK_BACKOFF = new RetryProperties(6, Duration.ofMillis(1), Duration.ofMillis(1), 2.0,
			0.0, Duration.ofMinutes(2));

	final TokenEndpointRetry retry = new TokenEndpointRetry(this.endpoint, QUICK_BACKOFF, Duration.ofSeconds(30),
			this.clock);

	@Test
	void anOutageIsRetriedUntilItsBudgetIsSpentAndLaterRequestsOfTheSameOutageTryOnce() {
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.retry.getTokenResponse(null));
		// Failing since the first attempt ended: 30 s of budget cover three more attempts
		// of 10 s each.
		assertThat(this.attempts).hasValue(4);

		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.retry.getTokenResponse(null));
		assertThat(this.attempts).hasValue(5);
	}

	@Test
	void aSuccessEndsTheOutageSoTheNextOneHasTheWholeBudget() {
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.retry.getTokenResponse(null));
		this.up.set(true);
		assertThat(this.retry.getTokenResponse(null).getAccessToken().getTokenValue()).isEqualTo("t");
		this.up.set(false);
		this.attempts.set(0);

		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.retry.getTokenResponse(null));
		assertThat(this.attempts).hasValue(4);
	}

	@Test
	void aRefusalIsNotAnOutageAndIsNotRetried() {
		TokenEndpointRetry refusing = new TokenEndpointRetry((request) -> {
			this.attempts.incrementAndGet();
			throw new OAuth2AuthorizationException(new OAuth2Error("invalid_client"));
		}, QUICK_BACKOFF, Duration.ofSeconds(30), this.clock);

		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(() -> refusing.getTokenResponse(null))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
		assertThat(this.attempts).hasValue(1);
	}

}
