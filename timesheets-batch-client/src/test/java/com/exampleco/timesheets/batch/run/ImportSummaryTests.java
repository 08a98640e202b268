package com.exampleco.timesheets.batch.run;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the one-shot summary says, and the exit status a scheduler or CI acts on. */
class ImportSummaryTests {

	@Test
	void everythingDeliveredExitsZero() {
		ImportSummary summary = new ImportSummary(2, 0, 90, 10, 0, 0, 0, 0, 1, 0, Duration.ofSeconds(2));

		assertThat(summary.exitCode()).isEqualTo(ImportSummary.OK);
		assertThat(summary.describe()).contains("files             2 (0 left in the inbox for the next run)",
				"entries sent      100 (90 created, 10 duplicates skipped)",
				"failures          0 (0 invalid lines, 0 rejected by the API, 0 undelivered)", "token requests    1",
				"elapsed           2.0 s (50 entries/s)");
	}

	@Test
	void rejectedLinesNeedTheDataFixed() {
		assertThat(new ImportSummary(1, 0, 9, 0, 0, 1, 0, 0, 1, 0, Duration.ofSeconds(1)).exitCode())
			.isEqualTo(ImportSummary.SOME_REJECTED);
		assertThat(new ImportSummary(1, 0, 9, 0, 0, 0, 1, 0, 1, 0, Duration.ofSeconds(1)).exitCode())
			.isEqualTo(ImportSummary.SOME_REJECTED);
	}

	@Test
	void undeliveredEntriesNeedAnotherRunAndWinOverRejections() {
		ImportSummary summary = new ImportSummary(2, 1, 9, 0, 0, 1, 0, 40, 1, 5, Duration.ofSeconds(1));

		assertThat(summary.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		assertThat(summary.failures()).isEqualTo(41);
	}

}
