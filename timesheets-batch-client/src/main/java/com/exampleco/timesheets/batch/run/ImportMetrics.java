package com.exampleco.timesheets.batch.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counters for actuator ({@code /actuator/metrics/batch.entries.sent} and friends). Token requests are counted where
 * they are made ({@code batch.tokens.fetched}), retries where they happen ({@code batch.retries}).
 */
@Component
public class ImportMetrics {

	private final Counter created;

	private final Counter duplicates;

	private final Counter invalidLines;

	private final Counter rejected;

	private final Counter undelivered;

	public ImportMetrics(MeterRegistry meters) {
		this.created = sent(meters, "created");
		this.duplicates = sent(meters, "duplicate");
		this.invalidLines = failure(meters, "invalid_line");
		this.rejected = failure(meters, "rejected");
		this.undelivered = failure(meters, "undelivered");
	}

	private static Counter sent(MeterRegistry meters, String outcome) {
		return Counter.builder("batch.entries.sent")
			.description("Entries the Timesheets API acknowledged, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	private static Counter failure(MeterRegistry meters, String kind) {
		return Counter.builder("batch.failures")
			.description("Entries not delivered, by kind")
			.tag("kind", kind)
			.register(meters);
	}

	void created(int count) {
		this.created.increment(count);
	}

	void duplicates(int count) {
		this.duplicates.increment(count);
	}

	void invalidLines(int count) {
		this.invalidLines.increment(count);
	}

	void rejected(int count) {
		this.rejected.increment(count);
	}

	void undelivered(int count) {
		this.undelivered.increment(count);
	}

}
