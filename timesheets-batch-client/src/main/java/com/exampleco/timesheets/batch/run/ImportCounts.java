package com.exampleco.timesheets.batch.run;

/**
 * The counts of a chunk, a file or a whole pass over the inbox: a value, added up with
 * {@link #plus}, so that each step returns what it did instead of updating a shared
 * tally.
 *
 * @param files inbox files handled (moved to processed/ or failed/) or attempted
 * @param filesLeftInInbox files that could not be delivered completely; the next run
 * resumes them
 * @param created entries the API stored
 * @param duplicates entries the API already held under the same idempotency key (nothing
 * created)
 * @param resumed entries acknowledged by an earlier, interrupted run and therefore not
 * sent again
 * @param invalidLines lines refused here, before sending, or 1 for a file refused as a
 * whole
 * @param rejected entries the API refused
 * @param undelivered entries not delivered because of a failure that outlasted the
 * retries
 * @param retries upload attempts repeated after a transient failure
 */
record ImportCounts(int files, int filesLeftInInbox, int created, int duplicates, int resumed, int invalidLines,
		int rejected, int undelivered, int retries) {

	static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

	/** An acknowledged chunk, as journalled. */
	static ImportCounts chunk(int created, int duplicates, int rejected, int retries) {
		return new ImportCounts(0, 0, created, duplicates, 0, 0, rejected, 0, retries);
	}

	/**
	 * A chunk without an answer: only its retries count; its entries are undelivered once
	 * the file ends.
	 */
	static ImportCounts failedChunk(int retries) {
		return new ImportCounts(0, 0, 0, 0, 0, 0, 0, 0, retries);
	}

	/**
	 * A file that stays in the inbox for the next run, with the entries it could not
	 * deliver.
	 */
	static ImportCounts leftInInbox(int undelivered) {
		return new ImportCounts(0, 1, 0, 0, 0, 0, 0, undelivered, 0);
	}

	static ImportCounts resumed(int entries) {
		return new ImportCounts(0, 0, 0, 0, entries, 0, 0, 0, 0);
	}

	static ImportCounts invalidLines(int lines) {
		return new ImportCounts(0, 0, 0, 0, 0, lines, 0, 0, 0);
	}

	/** One more file handled: what it counted, and the file itself. */
	ImportCounts asFile() {
		return plus(new ImportCounts(1, 0, 0, 0, 0, 0, 0, 0, 0));
	}

	ImportCounts plus(ImportCounts other) {
		return new ImportCounts(this.files + other.files, this.filesLeftInInbox + other.filesLeftInInbox,
				this.created + other.created, this.duplicates + other.duplicates, this.resumed + other.resumed,
				this.invalidLines + other.invalidLines, this.rejected + other.rejected,
				this.undelivered + other.undelivered, this.retries + other.retries);
	}

	/** Entries that have the API's answer, or an earlier run's. */
	int acknowledged() {
		return this.created + this.duplicates + this.rejected;
	}

}
