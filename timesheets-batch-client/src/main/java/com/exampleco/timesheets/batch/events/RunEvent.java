package com.exampleco.timesheets.batch.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of the import job as the flow page shows it. Never an entry's content, a
 * secret or a token: a token is named by its {@code jti} alone.
 *
 * @param type {@code run_started}, {@code run_finished}, {@code file_picked},
 * {@code file_delivered}, {@code file_failed}, {@code chunk_sent},
 * {@code chunk_accepted}, {@code chunk_retried}, {@code chunk_failed},
 * {@code token_obtained} or {@code token_failed}
 * @param date when it happened
 * @param file the inbox file's name, shortened, or {@code null}
 * @param firstLine the first line of the chunk in its file
 * @param entries entries in the chunk or the file
 * @param attempt the attempt that failed (retries)
 * @param reason why a retry, a failure or a refusal happened
 * @param jti the access token this step used or obtained
 * @param detail counts and figures of the step, in a few words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(String type, Instant date, String file, @JsonProperty("first_line") Integer firstLine,
		Integer entries, Integer attempt, String reason, String jti, String detail) {

	private static final int MAX_TEXT = 300;

	static RunEvent of(String type) {
		return new RunEvent(type, Instant.now(), null, null, null, null, null, null, null);
	}

	RunEvent file(String name) {
		return new RunEvent(this.type, this.date, cut(name), this.firstLine, this.entries, this.attempt, this.reason,
				this.jti, this.detail);
	}

	RunEvent chunk(int firstLine, int entries) {
		return new RunEvent(this.type, this.date, this.file, firstLine, entries, this.attempt, this.reason, this.jti,
				this.detail);
	}

	RunEvent entries(int entries) {
		return new RunEvent(this.type, this.date, this.file, this.firstLine, entries, this.attempt, this.reason,
				this.jti, this.detail);
	}

	RunEvent attempt(int attempt) {
		return new RunEvent(this.type, this.date, this.file, this.firstLine, this.entries, attempt, this.reason,
				this.jti, this.detail);
	}

	RunEvent reason(String reason) {
		return new RunEvent(this.type, this.date, this.file, this.firstLine, this.entries, this.attempt, cut(reason),
				this.jti, this.detail);
	}

	RunEvent jti(String jti) {
		return new RunEvent(this.type, this.date, this.file, this.firstLine, this.entries, this.attempt, this.reason,
				cut(jti), this.detail);
	}

	RunEvent detail(String detail) {
		return new RunEvent(this.type, this.date, this.file, this.firstLine, this.entries, this.attempt, this.reason,
				this.jti, cut(detail));
	}

	private static String cut(String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "...";
	}

}
