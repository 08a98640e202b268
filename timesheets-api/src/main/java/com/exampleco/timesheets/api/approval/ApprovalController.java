package com.exampleco.timesheets.api.approval;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.exampleco.timesheets.api.security.Caller;
import com.exampleco.timesheets.api.timesheet.EntryNotFoundException;
import com.exampleco.timesheets.api.timesheet.EntryPage;
import com.exampleco.timesheets.api.timesheet.EntryQueries;
import com.exampleco.timesheets.api.timesheet.TimesheetEntry;
import com.exampleco.timesheets.api.timesheet.TimesheetRepository;

/**
 * Approving entries: an approval is a state of the entry, so this reads and updates the
 * timesheet table.
 */
@Tag(name = "approvals")
@RestController
@RequestMapping("/approvals")
class ApprovalController {

	private final TimesheetRepository repository;

	private final EntryQueries queries;

	ApprovalController(TimesheetRepository repository, EntryQueries queries) {
		this.repository = repository;
		this.queries = queries;
	}

	@Operation(summary = "List the entries waiting for approval")
	@GetMapping
	EntryPage pending(Caller caller, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.repository.search(this.queries.of(null, null, null, null, false, page, size), caller.orgId());
	}

	@Operation(summary = "Approve an entry",
			description = "Idempotent: approving an approved entry keeps its first approver and time.")
	@PutMapping("/{id}")
	TimesheetEntry approve(Caller caller, @PathVariable UUID id) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		return this.repository.approve(id, caller.orgId(), caller.clientId(), now)
			.orElseThrow(() -> new EntryNotFoundException(id));
	}

}
