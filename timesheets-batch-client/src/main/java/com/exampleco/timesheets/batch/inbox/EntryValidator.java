package com.exampleco.timesheets.batch.inbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a raw line the way the Timesheets API checks an entry, so that a bad line is
 * reported here, with its line number, instead of costing a round trip:
 * {@code employee_id} (at most 64 characters), {@code date} (ISO 8601,
 * {@code 2026-11-02}), {@code project} (at most 128) and {@code hours} (greater than 0,
 * at most 24, at most two decimals) are required; {@code notes} (at most 1000) is
 * optional. These are the Timesheets API's own rules ({@code NewTimesheetEntry} in
 * timesheets-api).
 */
final class EntryValidator {

	static final int MAX_ID_LENGTH = 64;

	static final int MAX_PROJECT_LENGTH = 128;

	static final int MAX_NOTES_LENGTH = 1000;

	private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(24);

	private EntryValidator() {
	}

	/** The entry, or the reasons it is not one; never both. */
	record Outcome(TimesheetEntry entry, List<LineError> errors) {
	}

	static Outcome validate(String fileContentHash, int line, Map<String, String> fields) {
		List<LineError> errors = new ArrayList<>();
		String employeeId = required(fields, "employee_id", MAX_ID_LENGTH, line, errors);
		String project = required(fields, "project", MAX_PROJECT_LENGTH, line, errors);
		LocalDate date = date(fields.get("date"), line, errors);
		BigDecimal hours = hours(fields.get("hours"), line, errors);
		String notes = blankToNull(fields.get("notes"));
		if (notes != null && notes.length() > MAX_NOTES_LENGTH) {
			errors.add(new LineError(line, "notes", "is longer than " + MAX_NOTES_LENGTH + " characters"));
		}
		if (!errors.isEmpty()) {
			return new Outcome(null, List.copyOf(errors));
		}
		return new Outcome(new TimesheetEntry(IdempotencyKey.of(fileContentHash, line), line, employeeId, date, project,
				hours, notes), List.of());
	}

	private static String required(Map<String, String> fields, String name, int maxLength, int line,
			List<LineError> errors) {
		String value = blankToNull(fields.get(name));
		if (value == null) {
			errors.add(new LineError(line, name, "is required"));
			return null;
		}
		if (value.length() > maxLength) {
			errors.add(new LineError(line, name, "is longer than " + maxLength + " characters"));
		}
		return value;
	}

	private static LocalDate date(String raw, int line, List<LineError> errors) {
		String value = blankToNull(raw);
		if (value == null) {
			errors.add(new LineError(line, "date", "is required"));
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(new LineError(line, "date", "must be an ISO date such as 2026-11-02 (got \"" + value + "\")"));
			return null;
		}
	}

	private static BigDecimal hours(String raw, int line, List<LineError> errors) {
		String value = blankToNull(raw);
		if (value == null) {
			errors.add(new LineError(line, "hours", "is required"));
			return null;
		}
		BigDecimal hours;
		try {
			hours = new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			errors.add(new LineError(line, "hours", "must be a number (got \"" + value + "\")"));
			return null;
		}
		if (hours.signum() <= 0 || hours.compareTo(MAX_HOURS) > 0) {
			errors.add(new LineError(line, "hours", "must be greater than 0 and at most 24 (got " + value + ")"));
			return null;
		}
		if (hours.stripTrailingZeros().scale() > 2) {
			errors.add(new LineError(line, "hours", "must have at most 2 decimal places (got " + value + ")"));
			return null;
		}
		return hours;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
