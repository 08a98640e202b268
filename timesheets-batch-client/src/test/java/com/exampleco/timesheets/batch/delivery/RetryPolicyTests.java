package com.exampleco.timesheets.batch.delivery;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.batch.retry.RetryDecision;
import com.exampleco.timesheets.batch.retry.RetryProperties;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import com.exampleco.timesheets.batch.events.RunEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry policy as a function: which failures are retried, and how long the job waits
 * before the next try.
 */
class RetryPolicyTests {

	@Test
	void withoutJitterTheWaitDoublesUpToTheMaximum() {
		ChunkDelivery delivery = delivery(0.0, Duration.ofSeconds(120));

		assertThat(delivery.backoff(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(delivery.backoff(2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(delivery.backoff(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(delivery.backoff(10)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void jitterTakesARandomPartOffTheWaitButNeverMoreThanItsShare() {
		ChunkDelivery delivery = delivery(0.5, Duration.ofSeconds(120));

		for (int i = 0; i < 200; i++) {
			assertThat(delivery.backoff(3)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		}
	}

	@Test
	void retryAfterIsAFloorUnderTheBackoff() {
		ChunkDelivery delivery = delivery(0.5, Duration.ofSeconds(120));

		assertThat(delivery.delayBeforeRetry(1, withRetryAfter(HttpStatus.TOO_MANY_REQUESTS, "7")))
			.isEqualTo(Duration.ofSeconds(7));
		assertThat(delivery.delayBeforeRetry(1, withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, "2")))
			.isEqualTo(Duration.ofSeconds(2));
		// A server asking for less than the backoff does not shorten it.
		assertThat(delivery.delayBeforeRetry(8, withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, "1")))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void retryAfterMayBeAnHttpDate() {
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

		Duration delay = delivery(0.0, Duration.ofSeconds(120)).delayBeforeRetry(1,
				withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, inTenSeconds));

		assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
	}

	@Test
	void connectionErrorsServerErrorsAndTooManyRequestsAreRetried() {
		ChunkDelivery delivery = delivery(0.5, Duration.ofSeconds(120));

		assertThat(delivery.shouldRetry(new ResourceAccessException("I/O error", new ConnectException("refused"))))
			.isTrue();
		assertThat(delivery.shouldRetry(HttpServerErrorException.create(HttpStatus.INTERNAL_SERVER_ERROR, "", null,
				null, StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(delivery.shouldRetry(
				HttpServerErrorException.create(HttpStatus.BAD_GATEWAY, "", null, null, StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(delivery.shouldRetry(withRetryAfter(HttpStatus.TOO_MANY_REQUESTS, "3"))).isTrue();
	}

	@Test
	void otherClientErrorsAreNotRetried() {
		ChunkDelivery delivery = delivery(0.5, Duration.ofSeconds(120));

		for (HttpStatus status : new HttpStatus[] { HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
				HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.CONTENT_TOO_LARGE }) {
			assertThat(delivery
				.shouldRetry(HttpClientErrorException.create(status, "", null, null, StandardCharsets.UTF_8)))
				.as("%s", status)
				.isFalse();
		}
		assertThat(delivery.shouldRetry(new UnexpectedResponseException("3 results for 5 entries"))).isFalse();
	}

	@Test
	void tokenEndpointOutagesAreTransientButLeftToTheTokenEndpointsOwnBudget() {
		ChunkDelivery delivery = delivery(0.5, Duration.ofSeconds(120));
		OAuth2Error unreadable = new OAuth2Error("invalid_token_response");
		OAuth2AuthorizationException down = new OAuth2AuthorizationException(unreadable,
				HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "", null, null, null));
		OAuth2AuthorizationException refused = new OAuth2AuthorizationException(unreadable,
				new ResourceAccessException("I/O error on POST " + URI.create("http://localhost:9000/oauth/token")));

		assertThat(RetryDecision.isTransient(down)).isTrue();
		assertThat(RetryDecision.isTransient(refused)).isTrue();
		assertThat(RetryDecision.isTransient(new OAuth2AuthorizationException(new OAuth2Error("invalid_client"))))
			.isFalse();
		assertThat(RetryDecision.isTransient(new OAuth2AuthorizationException(new OAuth2Error("access_denied"))))
			.isFalse();
		// batch.token.max-wait was spent before such a failure reaches the chunk:
		// retrying would multiply it.
		assertThat(delivery.shouldRetry(down)).isFalse();
		assertThat(delivery.shouldRetry(refused)).isFalse();
	}

	@Test
	void aRetryAfterBeyondTheLimitIsLeftToTheNextRun() {
		ChunkDelivery delivery = delivery(0.5, Duration.ofSeconds(60));

		assertThat(delivery.shouldRetry(withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, "60"))).isTrue();
		assertThat(delivery.shouldRetry(withRetryAfter(HttpStatus.SERVICE_UNAVAILABLE, "3600"))).isFalse();
	}

	private static ChunkDelivery delivery(double jitter, Duration maxRetryAfter) {
		RetryProperties retry = new RetryProperties(6, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, jitter,
				maxRetryAfter);
		return new ChunkDelivery(null, retry, Clock.systemUTC(), RunEvents.none());
	}

	private static RuntimeException withRetryAfter(HttpStatus status, String retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		return status.is5xxServerError()
				? HttpServerErrorException.create(status, "", headers, null, StandardCharsets.UTF_8)
				: HttpClientErrorException.create(status, "", headers, null, StandardCharsets.UTF_8);
	}

}
