package com.exampleco.timesheets.api.timesheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored timesheet entry, as clients see it. {@code id}, {@code approved},
 * {@code submitted_by}, {@code org_id} and {@code created_at} are set by the server,
 * never by the client.
 */
public record TimesheetEntry(UUID id, @JsonProperty("employee_id") String employeeId, LocalDate date, String project,
		BigDecimal hours, String notes, boolean approved, @JsonProperty("approved_by") String approvedBy,
		@JsonProperty("approved_at") Instant approvedAt, @JsonProperty("submitted_by") String submittedBy,
		@JsonProperty("org_id") String orgId, @JsonProperty("created_at") Instant createdAt) {
}
