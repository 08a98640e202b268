package com.exampleco.timesheets.api.timesheet;

import java.time.LocalDate;

/**
 * A validated page request over the caller's entries; {@code null} filters match
 * everything.
 *
 * @param approved {@code false} for the pending entries of {@code GET /approvals}
 */
public record EntryQuery(String employeeId, String project, LocalDate from, LocalDate to, Boolean approved, int page,
		int size) {

	long offset() {
		return (long) this.page * this.size;
	}

}
