package com.exampleco.timesheets.api.timesheet;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of entries, newest work date first. */
public record EntryPage(List<TimesheetEntry> items, int page, int size,
		@JsonProperty("total_elements") long totalElements, @JsonProperty("total_pages") int totalPages) {

	static EntryPage of(List<TimesheetEntry> items, EntryQuery query, long total) {
		return new EntryPage(items, query.page(), query.size(), total,
				(int) ((total + query.size() - 1) / query.size()));
	}

}
