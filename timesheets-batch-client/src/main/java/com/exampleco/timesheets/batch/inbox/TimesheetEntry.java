package com.exampleco.timesheets.batch.inbox;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One valid timesheet entry read from an inbox file, with where it came from and the key
 * that makes its delivery idempotent.
 *
 * @param line the line (record) number in its file, counting the CSV header as line 1
 */
public record TimesheetEntry(IdempotencyKey idempotencyKey, int line, String employeeId, LocalDate date, String project,
		BigDecimal hours, String notes) {
}
