package com.exampleco.timesheets.batch.delivery;

import java.util.List;

import com.exampleco.timesheets.batch.inbox.TimesheetEntry;

/** What the Timesheets API did with one entry of an upload. */
public record EntryResult(TimesheetEntry entry, Status status, String remoteId, List<String> errors) {

	public enum Status {

		/** Stored now. */
		CREATED,

		/**
		 * Stored before under the same idempotency key: a resend, nothing new was
		 * created.
		 */
		DUPLICATE,

		/**
		 * Refused, for the reasons in {@code errors}; resending the same entry would be
		 * refused again.
		 */
		REJECTED

	}

}
