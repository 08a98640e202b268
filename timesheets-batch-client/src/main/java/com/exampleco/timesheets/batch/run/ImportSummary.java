package com.exampleco.timesheets.batch.run;

import java.time.Duration;
import java.util.Locale;

/**
 * What one pass over the inbox did.
 *
 * @param files inbox files handled (moved to processed/ or failed/) or attempted
 * @param filesLeftInInbox files that could not be delivered completely; the next run
 * resumes them
 * @param created entries the API stored
 * @param duplicates entries the API already held under the same idempotency key (nothing
 * created)
 * @param resumed entries acknowledged by an earlier, interrupted run and therefore not
 * sent again
 * @param invalidLines lines refused here, before sending (reported in failed/)
 * @param rejected entries the API refused (reported in failed/)
 * @param undelivered entries not delivered because of a failure that outlasted the
 * retries (file left in inbox)
 * @param tokenRequests requests made to the token endpoint during this run
 * @param retries upload attempts repeated after a transient failure
 */
public record ImportSummary(int files, int filesLeftInInbox, int created, int duplicates, int resumed, int invalidLines,
		int rejected, int undelivered, long tokenRequests, long retries, Duration elapsed) {

	/** Exit status of a one-shot run. */
	public static final int OK = 0;

	/**
	 * Some lines or entries were refused as invalid: the data needs fixing (see failed/).
	 */
	public static final int SOME_REJECTED = 1;

	/**
	 * Some entries could not be delivered (API or authorization server unreachable,
	 * refused the job): retry later.
	 */
	public static final int SOME_UNDELIVERED = 2;

	/**
	 * The job could not run (invalid configuration, journal database unavailable or
	 * locked, inbox unreadable): see the log. Not 1, which would send an operator to fix
	 * the data.
	 */
	public static final int COULD_NOT_RUN = 3;

	public int sent() {
		return this.created + this.duplicates;
	}

	public int failures() {
		return this.invalidLines + this.rejected + this.undelivered;
	}

	public int exitCode() {
		if (this.undelivered > 0 || this.filesLeftInInbox > 0) {
			return SOME_UNDELIVERED;
		}
		return (failures() > 0) ? SOME_REJECTED : OK;
	}

	public String describe() {
		double seconds = Math.max(this.elapsed.toMillis(), 1) / 1000.0;
		StringBuilder text = new StringBuilder();
		text.append("Import summary\n");
		text.append(String.format(Locale.ROOT, "  files             %d (%d left in the inbox for the next run)%n",
				this.files, this.filesLeftInInbox));
		text.append(String.format(Locale.ROOT, "  entries sent      %d (%d created, %d duplicates skipped)%n", sent(),
				this.created, this.duplicates));
		if (this.resumed > 0) {
			text.append(String.format(Locale.ROOT,
					"  resumed           %d entries acknowledged by an interrupted run, not sent again%n",
					this.resumed));
		}
		text.append(String.format(Locale.ROOT,
				"  failures          %d (%d invalid lines, %d rejected by the API, %d undelivered)%n", failures(),
				this.invalidLines, this.rejected, this.undelivered));
		text.append(String.format(Locale.ROOT, "  token requests    %d%n", this.tokenRequests));
		text.append(String.format(Locale.ROOT, "  retries           %d%n", this.retries));
		text.append(
				String.format(Locale.ROOT, "  elapsed           %.1f s (%.0f entries/s)", seconds, sent() / seconds));
		return text.toString();
	}

}
