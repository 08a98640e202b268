package com.exampleco.timesheets.api.timesheet;

/** An upload with more entries than {@code timesheets.api.upload.max-entries}. */
public class UploadTooLargeException extends RuntimeException {

	UploadTooLargeException(int entries, int maxEntries) {
		super("An upload may carry at most " + maxEntries + " entries; this one has " + entries
				+ ". Split it into smaller uploads.");
	}

}
