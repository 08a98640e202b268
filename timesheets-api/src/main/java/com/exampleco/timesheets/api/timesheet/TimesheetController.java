package com.exampleco.timesheets.api.timesheet;

import java.net.URI;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.exampleco.timesheets.api.security.Caller;
import com.exampleco.timesheets.api.system.FieldProblem;
import com.exampleco.timesheets.api.system.InvalidRequestException;

/**
 * The timesheet entries of the caller's organization. Scopes: see
 * {@code security.EndpointScopes}.
 *
 * <p>
 * The bodies are JSON and say so ({@code consumes}): any other content type is refused
 * with 415 when the request is mapped, before anything reads the body. Without it, Spring
 * MVC would read a form body through Tomcat's parameter parser (past
 * {@link RequestBodyLimit}) only to find no converter for it.
 */
@Tag(name = "timesheets")
@RestController
@RequestMapping("/timesheets")
class TimesheetController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final TimesheetEntries entries;

	private final TimesheetRepository repository;

	private final EntryQueries queries;

	private final TimesheetsProperties properties;

	TimesheetController(TimesheetEntries entries, TimesheetRepository repository, EntryQueries queries,
			TimesheetsProperties properties) {
		this.entries = entries;
		this.repository = repository;
		this.queries = queries;
		this.properties = properties;
	}

	@Operation(summary = "Record one entry",
			description = "With an Idempotency-Key header, a retry with the same key and content answers the first "
					+ "request's entry (with Idempotent-Replayed: true) and creates nothing; the same key with other "
					+ "content is refused with 422.")
	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	// For the OpenAPI document; the ResponseEntity below sets the status.
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<TimesheetEntry> create(Caller caller, @Valid @RequestBody NewTimesheetEntry entry,
			@Parameter(description = "1 to 255 printable ASCII characters, unique per entry") @RequestHeader(
					name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			HttpServletRequest request) {
		// Spring joins repeated headers with a comma: "a" and "b" would silently become
		// the key "a,b".
		if (Collections.list(request.getHeaders(IDEMPOTENCY_KEY)).size() > 1) {
			throw new InvalidRequestException(List.of(new FieldProblem(IDEMPOTENCY_KEY, "must be sent once")));
		}
		if (idempotencyKey != null && !IdempotencyKey.isValid(idempotencyKey)) {
			throw new InvalidRequestException(List.of(new FieldProblem(IDEMPOTENCY_KEY, IdempotencyKey.rule())));
		}
		Creation creation = this.entries.create(caller, entry, idempotencyKey);
		if (creation.entry() == null) {
			throw new EntryNotFoundException(creation.id());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.created(URI.create("/timesheets/" + creation.id()));
		if (creation.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(creation.entry());
	}

	@Operation(summary = "Upload a batch of entries, each with its own idempotency key",
			description = "Answers 200 with one result per entry, in request order: created, duplicate (stored "
					+ "before; id is the original entry's) or rejected (with errors). More entries than "
					+ "timesheets.api.upload.max-entries: 413.")
	@PostMapping(path = "/upload", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	List<UploadResult> upload(Caller caller, @RequestBody List<UploadEntry> upload) {
		int maxEntries = this.properties.upload().maxEntries();
		if (upload.size() > maxEntries) {
			throw new UploadTooLargeException(upload.size(), maxEntries);
		}
		if (upload.isEmpty()) {
			throw new InvalidRequestException(List.of(new FieldProblem("", "must contain at least one entry")));
		}
		return this.entries.upload(caller, upload);
	}

	@Operation(summary = "List entries, newest work date first")
	@GetMapping
	EntryPage list(Caller caller, @RequestParam(name = "employee_id", required = false) String employeeId,
			@RequestParam(required = false) String project,
			@Parameter(description = "first work date, inclusive") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "last work date, inclusive") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@Parameter(description = "0-based page number") @RequestParam(required = false) Integer page,
			@Parameter(description = "page size, at most timesheets.api.page.max-size") @RequestParam(
					required = false) Integer size) {
		return this.repository.search(this.queries.of(employeeId, project, from, to, null, page, size), caller.orgId());
	}

	@Operation(summary = "Read one entry")
	@GetMapping("/{id}")
	TimesheetEntry get(Caller caller, @PathVariable UUID id) {
		return this.repository.find(id, caller.orgId()).orElseThrow(() -> new EntryNotFoundException(id));
	}

	@Operation(summary = "Delete one entry")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Caller caller, @PathVariable UUID id) {
		if (!this.repository.delete(id, caller.orgId())) {
			throw new EntryNotFoundException(id);
		}
	}

}
