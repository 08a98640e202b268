package com.exampleco.timesheets.api.timesheet;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One element of the {@code POST /timesheets/upload} array: an entry with the idempotency
 * key its sender chose for it. It is validated element by element, so one bad entry is
 * reported without refusing the others.
 */
public record UploadEntry(@JsonProperty("idempotency_key") String idempotencyKey,
		@JsonProperty("employee_id") String employeeId, LocalDate date, String project, BigDecimal hours,
		String notes) {

	NewTimesheetEntry entry() {
		return new NewTimesheetEntry(this.employeeId, this.date, this.project, this.hours, this.notes);
	}

}
