package com.exampleco.timesheets.batch.delivery;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import com.exampleco.timesheets.batch.inbox.TimesheetEntry;

/**
 * The JSON of {@code POST /timesheets/upload} as timesheets-api documents it (its README,
 * "Upload format"), in one place so that a change of the API's format is a change here
 * only. Request: an array of entries in snake_case, each with its
 * {@code idempotency_key}. Response: one result per entry, in the same order, with
 * {@code status} {@code created}, {@code duplicate} or {@code rejected}, the entry's
 * {@code id} (a UUID) and {@code errors} as {@code {"field", "message"}} objects.
 */
final class UploadWire {

	private UploadWire() {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EntryJson(@JsonProperty("idempotency_key") String idempotencyKey,
			@JsonProperty("employee_id") String employeeId, @JsonProperty("date") LocalDate date,
			@JsonProperty("project") String project, @JsonProperty("hours") BigDecimal hours,
			@JsonProperty("notes") String notes) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ResultJson(@JsonProperty("idempotency_key") String idempotencyKey, @JsonProperty("status") String status,
			@JsonProperty("id") JsonNode id, @JsonProperty("errors") List<JsonNode> errors) {
	}

	static List<EntryJson> request(List<TimesheetEntry> chunk) {
		return chunk.stream()
			.map((entry) -> new EntryJson(entry.idempotencyKey().value(), entry.employeeId(), entry.date(),
					entry.project(), entry.hours(), entry.notes()))
			.toList();
	}

	/**
	 * Pairs each result with its entry: by idempotency key when the API echoes keys (then
	 * every entry must have exactly one result of its own), by position when it echoes
	 * none.
	 * @throws UnexpectedResponseException when the answer does not account for every
	 * entry, so that no entry is taken as delivered on the strength of another entry's
	 * result
	 */
	static List<EntryResult> results(List<TimesheetEntry> chunk, List<ResultJson> results) {
		if (results == null || results.size() != chunk.size()) {
			throw new UnexpectedResponseException("The API answered " + ((results != null) ? results.size() : 0)
					+ " results for " + chunk.size() + " entries");
		}
		if (results.stream().anyMatch(Objects::isNull)) {
			throw new UnexpectedResponseException("The API answered null in place of a result");
		}
		boolean keyed = results.stream().anyMatch((r) -> r.idempotencyKey() != null);
		Map<String, ResultJson> byKey = new HashMap<>();
		if (keyed) {
			for (ResultJson result : results) {
				if (result.idempotencyKey() == null || byKey.putIfAbsent(result.idempotencyKey(), result) != null) {
					throw new UnexpectedResponseException(
							"The API's results do not name each entry of the upload exactly once");
				}
			}
		}
		List<EntryResult> paired = new ArrayList<>(chunk.size());
		for (int i = 0; i < chunk.size(); i++) {
			TimesheetEntry entry = chunk.get(i);
			ResultJson result = keyed ? byKey.get(entry.idempotencyKey().value()) : results.get(i);
			if (result == null) {
				throw new UnexpectedResponseException("The API answered no result for the entry of line " + entry.line()
						+ " but one for an entry it was not sent");
			}
			paired.add(new EntryResult(entry, status(result.status()), text(result.id()), errors(result.errors())));
		}
		return paired;
	}

	private static EntryResult.Status status(String status) {
		if (status == null) {
			throw new UnexpectedResponseException("A result has no status");
		}
		return switch (status.toLowerCase(Locale.ROOT)) {
			case "created" -> EntryResult.Status.CREATED;
			case "duplicate" -> EntryResult.Status.DUPLICATE;
			case "rejected" -> EntryResult.Status.REJECTED;
			default -> throw new UnexpectedResponseException("Unknown result status \"" + status + "\"");
		};
	}

	/**
	 * Errors arrive as strings or as objects naming a field; either way they end as
	 * "field: message".
	 */
	private static List<String> errors(List<JsonNode> errors) {
		if (errors == null) {
			return List.of();
		}
		return errors.stream().map(UploadWire::error).toList();
	}

	private static String error(JsonNode error) {
		if (!error.isObject()) {
			return error.asString();
		}
		String field = firstText(error, "field", "pointer", "name");
		String message = firstText(error, "message", "reason", "detail", "error", "code");
		return (field != null) ? field + ": " + message : String.valueOf(message);
	}

	private static String firstText(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value != null && !value.isNull()) {
				return value.asString();
			}
		}
		return null;
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

}
