package com.exampleco.timesheets.api.timesheet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.exampleco.timesheets.api.system.FieldProblem;
import com.exampleco.timesheets.api.system.InvalidRequestException;

/**
 * Turns list parameters into an {@link EntryQuery}, refusing every out-of-range one at
 * once.
 */
@Component
public class EntryQueries {

	private final TimesheetsProperties.Page limits;

	EntryQueries(TimesheetsProperties properties) {
		this.limits = properties.page();
	}

	public EntryQuery of(String employeeId, String project, LocalDate from, LocalDate to, Boolean approved,
			Integer page, Integer size) {
		List<FieldProblem> problems = new ArrayList<>();
		int pageNumber = (page != null) ? page : 0;
		int pageSize = (size != null) ? size : this.limits.defaultSize();
		if (pageNumber < 0) {
			problems.add(new FieldProblem("page", "must be 0 or more"));
		}
		if (pageSize < 1 || pageSize > this.limits.maxSize()) {
			problems.add(new FieldProblem("size", "must be between 1 and " + this.limits.maxSize()));
		}
		for (String[] filter : new String[][] { { "employee_id", employeeId }, { "project", project } }) {
			if (filter[1] != null && !filter[1].matches(NewTimesheetEntry.NO_CONTROL_CHARACTERS)) {
				problems.add(new FieldProblem(filter[0], NewTimesheetEntry.NO_CONTROL_CHARACTERS_MESSAGE));
			}
		}
		if (!WorkDate.Validator.withinBounds(from)) {
			problems.add(new FieldProblem("from", WorkDate.MESSAGE));
		}
		if (!WorkDate.Validator.withinBounds(to)) {
			problems.add(new FieldProblem("to", WorkDate.MESSAGE));
		}
		if (from != null && to != null && from.isAfter(to)) {
			problems.add(new FieldProblem("from", "must not be after to"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new EntryQuery(blankToNull(employeeId), blankToNull(project), from, to, approved, pageNumber, pageSize);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
