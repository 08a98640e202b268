package com.exampleco.timesheets.batch.delivery;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where entries go and how hard the job tries.
 *
 * @param apiUrl the Timesheets API's base URL
 * @param uploadPath the batch upload endpoint
 * @param chunkSize entries per upload request; the API refuses more than 1000 in one request (413)
 * @param concurrency upload requests in flight at once; 1 keeps the API's entries in file order, more overlaps the
 * network and the API's work (a crash then resends up to twice this many chunks, which the API answers as duplicates)
 * @param connectTimeout connect timeout towards the API
 * @param readTimeout read timeout towards the API (one chunk)
 * @param retry retries of one chunk on connection errors, 5xx and 429
 */
@Validated
@ConfigurationProperties("batch.delivery")
public record DeliveryProperties(@NotNull @DefaultValue("http://localhost:8080") URI apiUrl,
		@NotBlank @DefaultValue("/timesheets/upload") String uploadPath,
		@Min(1) @Max(1000) @DefaultValue("500") int chunkSize, @Min(1) @Max(32) @DefaultValue("4") int concurrency,
		@NotNull @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DefaultValue("60s") Duration readTimeout, @Valid @NotNull @DefaultValue Retry retry) {

	/**
	 * Exponential backoff with jitter: the n-th retry waits {@code min(max-delay, initial-delay * multiplier^(n-1))},
	 * less a random part of up to {@code jitter} of it, and never less than the server's {@code Retry-After}.
	 *
	 * @param maxAttempts attempts per chunk, the first included; then the chunk is reported as not delivered
	 * @param initialDelay wait before the first retry
	 * @param maxDelay longest computed wait
	 * @param multiplier growth of the wait from one retry to the next
	 * @param jitter fraction (0 to 1) of each wait that is random, so that many clients do not retry in step
	 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for: the chunk is reported and the
	 * next run tries again
	 */
	public record Retry(@Min(1) @Max(100) @DefaultValue("6") int maxAttempts,
			@NotNull @DefaultValue("500ms") Duration initialDelay, @NotNull @DefaultValue("30s") Duration maxDelay,
			@DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
			@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double jitter,
			@NotNull @DefaultValue("120s") Duration maxRetryAfter) {

		/**
		 * The wait after {@code failedAttempts} failed attempts, before any {@code Retry-After}.
		 * @param random a number from 0 (inclusive) to 1 (exclusive) that picks the jitter
		 */
		public Duration backoff(int failedAttempts, double random) {
			double exponential = this.initialDelay.toMillis()
					* Math.pow(this.multiplier, Math.max(0, failedAttempts - 1));
			double capped = Math.min(exponential, this.maxDelay.toMillis());
			return Duration.ofMillis(Math.round(capped * (1 - this.jitter * random)));
		}

	}

}
