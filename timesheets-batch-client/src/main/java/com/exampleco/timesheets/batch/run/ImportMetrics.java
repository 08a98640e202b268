package com.exampleco.timesheets.batch.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counters for actuator ({@code /actuator/metrics/batch.entries.sent} and friends),
 * incremented from the counts the pipeline returns: each chunk's as it is journalled, the
 * rest at each file's end. Token requests are counted where they are made
 * ({@code batch.tokens.fetched}).
 */
@Component
public class ImportMetrics {

	private final Counter created;

	private final Counter duplicates;

	private final Counter invalidLines;

	private final Counter rejected;

	private final Counter undelivered;

	private final Counter retries;

	public ImportMetrics(MeterRegistry meters) {
		this.created = sent(meters, "created");
		this.duplicates = sent(meters, "duplicate");
		this.invalidLines = failure(meters, "invalid_line");
		this.rejected = failure(meters, "rejected");
		this.undelivered = failure(meters, "undelivered");
		this.retries = Counter.builder("batch.retries")
			.description("Upload attempts repeated after a transient failure")
			.register(meters);
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

	/**
	 * A chunk's answer, as soon as it is journalled: operators (and the end-to-end tests)
	 * watch {@code batch.entries.sent} grow while a large file is delivered, not only at
	 * its end.
	 */
	void recordChunk(ImportCounts chunk) {
		this.created.increment(chunk.created());
		this.duplicates.increment(chunk.duplicates());
		this.rejected.increment(chunk.rejected());
		this.retries.increment(chunk.retries());
	}

	/**
	 * What only the file's end knows: its invalid lines and the entries left undelivered.
	 */
	void recordFile(ImportCounts file) {
		this.invalidLines.increment(file.invalidLines());
		this.undelivered.increment(file.undelivered());
	}

}
