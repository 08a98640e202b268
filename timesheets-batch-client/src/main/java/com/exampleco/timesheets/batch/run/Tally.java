package com.exampleco.timesheets.batch.run;

import java.time.Duration;

/** The counts of one pass over the inbox, added up file by file into its {@link ImportSummary}. */
final class Tally {

	int files;

	int filesLeft;

	int created;

	int duplicates;

	int resumed;

	int invalidLines;

	int rejected;

	int undelivered;

	ImportSummary summary(long tokenRequests, long retries, Duration elapsed) {
		return new ImportSummary(this.files, this.filesLeft, this.created, this.duplicates, this.resumed,
				this.invalidLines, this.rejected, this.undelivered, tokenRequests, retries, elapsed);
	}

}
