package com.exampleco.timesheets.batch.retry;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Exponential backoff with jitter, for the API's uploads and for the token endpoint: the
 * n-th retry waits {@code min(max-delay, initial-delay * multiplier^(n-1))}, less a
 * random part of up to {@code jitter} of it, and never less than the server's
 * {@code Retry-After}.
 *
 * @param maxAttempts attempts per chunk, the first included; then the chunk is reported
 * as not delivered
 * @param initialDelay wait before the first retry
 * @param maxDelay longest computed wait
 * @param multiplier growth of the wait from one retry to the next
 * @param jitter fraction (0 to 1) of each wait that is random, so that many clients do
 * not retry in step
 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for: the
 * chunk is reported and the next run tries again
 */
@Validated
@ConfigurationProperties("batch.delivery.retry")
public record RetryProperties(@Min(1) @Max(100) @DefaultValue("6") int maxAttempts,
		@NotNull @DefaultValue("500ms") Duration initialDelay, @NotNull @DefaultValue("30s") Duration maxDelay,
		@DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
		@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double jitter,
		@NotNull @DefaultValue("120s") Duration maxRetryAfter) {

	/**
	 * The wait after {@code failedAttempts} failed attempts, before any
	 * {@code Retry-After}.
	 * @param random a number from 0 (inclusive) to 1 (exclusive) that picks the jitter
	 */
	public Duration backoff(int failedAttempts, double random) {
		double exponential = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.max(0, failedAttempts - 1));
		double capped = Math.min(exponential, this.maxDelay.toMillis());
		return Duration.ofMillis(Math.round(capped * (1 - this.jitter * random)));
	}

}
