package com.exampleco.authserver.log;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.exampleco.authserver.management.ManagementApi;
import com.exampleco.authserver.management.ManagementApiException;
import com.exampleco.authserver.token.IssuerProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * Auth0's log endpoints of the Management API: {@code GET /api/v2/logs} (search, or
 * checkpoint with {@code from}/{@code take}), {@code GET /api/v2/logs/{id}}, and the live
 * stream {@code GET /api/v2/logs/stream}. Every parameter is checked before the store is
 * asked; a refusal is Auth0's error shape ({@code statusCode}, {@code error},
 * {@code message}, {@code errorCode}), written by the management API's
 * {@code ManagementErrors}, whose security chain requires the scope {@code read:logs}.
 */
@ManagementApi
class TenantLogController {

	static final int MAX_PER_PAGE = 100;
	static final int DEFAULT_PER_PAGE = 50;

	/**
	 * Auth0 pages through the first 1,000 results of a search only; past that, the
	 * checkpoint method.
	 */
	static final int MAX_SEARCH_RESULTS = 1000;

	private static final Set<String> FIELDS = Set.of("date", "type", "description", "client_id", "client_name", "ip",
			"user_agent", "hostname", "audience", "scope", "details", "log_id");

	private static final List<String> SINGLE = List.of("q", "search", "page", "per_page", "include_totals", "sort",
			"fields", "include_fields", "from", "take");

	private final TenantLogStore store;

	private final TenantLogStream stream;

	private final TenantLogProperties properties;

	private final ObjectMapper json;

	private final Clock clock;

	private final String logsUrl;

	TenantLogController(TenantLogStore store, TenantLogStream stream, TenantLogProperties properties, ObjectMapper json,
			Clock clock, IssuerProperties issuer) {
		this.store = store;
		this.stream = stream;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.logsUrl = issuer.url("/api/v2/logs");
	}

	@GetMapping(path = "/api/v2/logs", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> logs(HttpServletRequest request) {
		for (String name : SINGLE) {
			String[] values = request.getParameterValues(name);
			if (values != null && values.length > 1) {
				throw ManagementApiException.invalidQuery("Query parameter " + name + " is repeated; send it once.");
			}
		}
		String from = request.getParameter("from");
		String take = request.getParameter("take");
		if (from != null || take != null) {
			return checkpoint(from, take);
		}
		LogQuery query;
		try {
			query = LogQuery.parse(search(request));
		}
		catch (LogQuery.BadQuery e) {
			throw ManagementApiException.invalidQuery(e.getMessage());
		}
		int perPage = integer(request, "per_page", DEFAULT_PER_PAGE, 0, MAX_PER_PAGE);
		int page = integer(request, "page", 0, 0, MAX_SEARCH_RESULTS);
		if ((long) page * perPage + perPage > MAX_SEARCH_RESULTS) {
			throw ManagementApiException.invalidQuery("Only the first " + MAX_SEARCH_RESULTS + " results of a search "
					+ "can be paged through; narrow q, or read by checkpoint (from, take).");
		}
		boolean ascending = ascending(request.getParameter("sort"));
		boolean totals = bool(request, "include_totals");
		Set<String> fields = fields(request);
		boolean includeFields = request.getParameter("include_fields") == null || bool(request, "include_fields");
		List<Object> logs = project(store.search(query, ascending, page * perPage, perPage), fields, includeFields);
		if (!totals) {
			return ResponseEntity.ok(logs);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("start", page * perPage);
		body.put("limit", perPage);
		body.put("length", logs.size());
		body.put("total", store.count(query));
		body.put("logs", logs);
		return ResponseEntity.ok(body);
	}

	/**
	 * The search: {@code q}, as Auth0's documentation names it, or {@code search}, as
	 * Auth0's own SDKs (generated from its current API description) send it. Both at once
	 * is ambiguous, so refused.
	 */
	private static String search(HttpServletRequest request) {
		String q = request.getParameter("q");
		String search = request.getParameter("search");
		if (q != null && search != null) {
			throw ManagementApiException.invalidQuery("Send the search as q or as search, not both.");
		}
		return q != null ? q : search;
	}

	/**
	 * Checkpoint reading, as Auth0: events after {@code from} (from the oldest kept when
	 * absent), ordered by log id, {@code take} at most 100; the {@code Link} header's
	 * {@code next} continues after the last one returned (the same URL when none was).
	 * Events younger than {@code checkpoint-delay} wait for the next call, so one another
	 * instance is still writing cannot be skipped.
	 */
	private ResponseEntity<Object> checkpoint(String from, String take) {
		if (from != null && !LogIds.isWellFormed(from)) {
			throw ManagementApiException.invalidQuery("from must be a log_id (" + LogIds.LENGTH + " digits).");
		}
		int count = take == null ? DEFAULT_PER_PAGE : parse("take", take, 1, MAX_PER_PAGE);
		List<TenantLogEvent> events = store.after(from, clock.instant().minus(properties.checkpointDelay()), count);
		String next = events.isEmpty() ? from : events.get(events.size() - 1).logId();
		UriComponentsBuilder link = UriComponentsBuilder.fromUriString(logsUrl);
		if (next != null) {
			link.queryParam("from", next);
		}
		link.queryParam("take", count);
		return ResponseEntity.ok()
			.header(HttpHeaders.LINK, "<" + link.build().toUriString() + ">; rel=\"next\"")
			.body(new ArrayList<Object>(events));
	}

	@GetMapping(path = "/api/v2/logs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	TenantLogEvent log(@PathVariable String id) {
		if (!LogIds.isWellFormed(id)) {
			throw new ManagementApiException(HttpStatus.BAD_REQUEST,
					"Path validation error: the log id must be " + LogIds.LENGTH + " digits.", "invalid_uri");
		}
		return store.find(id)
			.orElseThrow(() -> ManagementApiException.notFound("The log does not exist.", "inexistent_log"));
	}

	/**
	 * Server-Sent Events: each new event as {@code id: <log_id>}, {@code event: log},
	 * {@code data: <JSON>}; with {@code Last-Event-ID}, the stored events after it first.
	 */
	@GetMapping(path = "/api/v2/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		if (lastEventId != null && !LogIds.isWellFormed(lastEventId)) {
			throw ManagementApiException.invalidQuery("Last-Event-ID must be a log_id (" + LogIds.LENGTH + " digits).");
		}
		return stream.subscribe(lastEventId)
			.orElseThrow(() -> new ManagementApiException(HttpStatus.TOO_MANY_REQUESTS,
					"Too many log streams are open; retry later.", "too_many_requests"));
	}

	private List<Object> project(List<TenantLogEvent> events, Set<String> fields, boolean include) {
		List<Object> result = new ArrayList<>(events.size());
		for (TenantLogEvent event : events) {
			if (fields.isEmpty()) {
				result.add(event);
				continue;
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> all = json.convertValue(event, LinkedHashMap.class);
			all.keySet().removeIf(name -> fields.contains(name) != include);
			result.add(all);
		}
		return result;
	}

	private static Set<String> fields(HttpServletRequest request) {
		String fields = request.getParameter("fields");
		Set<String> names = new LinkedHashSet<>();
		if (fields == null || fields.isEmpty()) {
			return names;
		}
		if (fields.length() > 200) {
			throw ManagementApiException.invalidQuery("fields is longer than 200 characters.");
		}
		for (String name : fields.split(",", -1)) {
			if (!FIELDS.contains(name)) {
				throw ManagementApiException.invalidQuery("fields: '" + LogValues.safe(name) + "' is not a log field; "
						+ "use date, type, description, client_id, client_name, ip, user_agent, hostname, audience, "
						+ "scope, details, log_id.");
			}
			names.add(name);
		}
		return names;
	}

	private static boolean ascending(String sort) {
		if (sort == null || sort.equals("date:-1")) {
			return false;
		}
		if (sort.equals("date:1")) {
			return true;
		}
		throw ManagementApiException.invalidQuery("sort must be date:1 (oldest first) or date:-1 (newest first).");
	}

	private static boolean bool(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw ManagementApiException.invalidQuery(name + " must be true or false.");
	}

	private static int integer(HttpServletRequest request, String name, int absent, int min, int max) {
		String value = request.getParameter(name);
		return value == null ? absent : parse(name, value, min, max);
	}

	private static int parse(String name, String value, int min, int max) {
		boolean digits = !value.isEmpty() && value.length() <= 9;
		for (int i = 0; digits && i < value.length(); i++) {
			digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
		}
		int parsed = digits ? Integer.parseInt(value) : -1;
		if (!digits || parsed < min || parsed > max) {
			throw ManagementApiException.invalidQuery(name + " must be an integer from " + min + " to " + max + ".");
		}
		return parsed;
	}

}
