package com.exampleco.timesheets.batch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.inbox.TimesheetEntry;
import com.exampleco.timesheets.batch.retry.RetryDecision;
import com.exampleco.timesheets.batch.retry.RetryProperties;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Delivers one chunk, retrying transient failures with exponential backoff and jitter.
 *
 * <p>
 * Why Failsafe: the delay before a retry must be computed from the failure itself,
 * because a 429 or 503 may carry {@code Retry-After}, and a server that says how long to
 * wait should not be hit sooner. Failsafe's {@code withDelayFn} receives the last failure
 * and the attempt number, so the whole policy (backoff, jitter, floor at
 * {@code Retry-After}) is one small, pure function below, testable without sleeping.
 * Spring Framework 7's {@code RetryTemplate} computes its delays from a {@code BackOff}
 * that never sees the failure, and Resilience4j would bring a larger library for the same
 * {@code IntervalBiFunction}. Failsafe has no dependencies.
 *
 * <p>
 * Resending a chunk is safe: every entry carries its idempotency key, and the API answers
 * {@code duplicate} for an entry it already stored, for instance when the first attempt
 * was stored but its answer was lost.
 */
@Component
public class ChunkDelivery {

	private static final Logger logger = LoggerFactory.getLogger(ChunkDelivery.class);

	private final TimesheetsApi api;

	private final RetryProperties retry;

	private final Clock clock;

	private final DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

	private final RetryPolicy<List<EntryResult>> policy;

	private final RunEvents events;

	public ChunkDelivery(TimesheetsApi api, RetryProperties retry, Clock clock, RunEvents events) {
		this.api = api;
		this.retry = retry;
		this.clock = clock;
		this.events = events;
		this.policy = RetryPolicy.<List<EntryResult>>builder()
			.handleIf((Throwable failure) -> shouldRetry(failure))
			.withMaxAttempts(this.retry.maxAttempts())
			.withDelayFn((context) -> delayBeforeRetry(context.getAttemptCount(), context.getLastException()))
			.onRetry((event) -> logger.warn("Upload attempt {} failed ({}); retrying", event.getAttemptCount(),
					RetryDecision.describe(event.getLastException())))
			.build();
	}

	/**
	 * Uploads the chunk; never throws for a failure of the API or of the network, which
	 * comes back as {@link ChunkUpload.Failed}.
	 */
	public ChunkUpload deliver(List<TimesheetEntry> chunk) {
		Retries retries = new Retries();
		try {
			return new ChunkUpload.Answered(chunk, upload(chunk, retries), retries.count);
		}
		catch (RuntimeException ex) {
			return new ChunkUpload.Failed(chunk, ex, retries.count);
		}
	}

	private List<EntryResult> upload(List<TimesheetEntry> chunk, Retries retries) {
		try {
			return Failsafe.with(this.policy).get((attempt) -> {
				if (attempt.isRetry()) {
					retries.count++;
					this.events.chunkRetried(chunk.get(0).line(), chunk.size(), attempt.getAttemptCount(),
							RetryDecision.describe(attempt.getLastException()));
				}
				return this.api.upload(chunk);
			});
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() != HttpStatus.CONTENT_TOO_LARGE.value() || chunk.size() < 2) {
				throw ex;
			}
			// The API caps uploads by entries and by bytes (long notes make a chunk
			// heavy). Halving until it fits keeps such a file from failing on every run;
			// the answers still come back in entry order.
			int half = chunk.size() / 2;
			logger.warn("The API refused {} entries as too large (413); sending them as {} + {}. Consider a smaller "
					+ "batch.delivery.chunk-size", chunk.size(), half, chunk.size() - half);
			List<EntryResult> results = new ArrayList<>(chunk.size());
			results.addAll(upload(chunk.subList(0, half), retries));
			results.addAll(upload(chunk.subList(half, chunk.size()), retries));
			return results;
		}
	}

	boolean shouldRetry(Throwable failure) {
		// The token endpoint has its own budget (batch.token.max-wait), spent before the
		// failure got here: retrying the chunk would multiply it by max-attempts.
		if (!RetryDecision.isTransient(failure) || RetryDecision.fromTokenEndpoint(failure)) {
			return false;
		}
		Optional<Duration> retryAfter = RetryDecision.retryAfter(failure, this.clock);
		// A server that asks for a long pause gets it from the next run rather than from
		// a thread asleep here.
		return retryAfter.isEmpty() || retryAfter.get().compareTo(this.retry.maxRetryAfter()) <= 0;
	}

	/**
	 * The wait before the next attempt, after {@code failedAttempts} attempts failed, the
	 * last with {@code failure}.
	 */
	Duration delayBeforeRetry(int failedAttempts, Throwable failure) {
		return RetryDecision.delay(backoff(failedAttempts), failure, this.clock);
	}

	Duration backoff(int failedAttempts) {
		return this.retry.backoff(failedAttempts, this.random.getAsDouble());
	}

	/**
	 * The retries of one chunk's upload, its halves included; used by one thread only.
	 */
	private static final class Retries {

		private int count;

	}

}
