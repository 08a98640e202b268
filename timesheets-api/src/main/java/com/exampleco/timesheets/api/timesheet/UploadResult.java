package com.exampleco.timesheets.api.timesheet;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.exampleco.timesheets.api.system.FieldProblem;
import com.exampleco.timesheets.api.system.ProblemBounds;

/**
 * What became of one uploaded entry, at the same position as the entry in the request.
 *
 * @param status {@code created}: stored now; {@code duplicate}: this key was stored
 * before with the same content, nothing was created and {@code id} is the original
 * entry's; {@code rejected}: nothing stored, see {@code errors}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(@JsonProperty("idempotency_key") String idempotencyKey, Status status, UUID id,
		List<FieldProblem> errors) {

	public enum Status {

		@JsonProperty("created")
		CREATED, @JsonProperty("duplicate")
		DUPLICATE, @JsonProperty("rejected")
		REJECTED

	}

	static UploadResult of(String idempotencyKey, Creation creation) {
		return new UploadResult(idempotencyKey, creation.replayed() ? Status.DUPLICATE : Status.CREATED, creation.id(),
				List.of());
	}

	/**
	 * The key is echoed so the client can match the result, but never longer than a valid
	 * key may be.
	 */
	static UploadResult rejected(String idempotencyKey, List<FieldProblem> errors) {
		return new UploadResult(ProblemBounds.text(idempotencyKey, IdempotencyKey.MAX_LENGTH), Status.REJECTED, null,
				errors);
	}

}
