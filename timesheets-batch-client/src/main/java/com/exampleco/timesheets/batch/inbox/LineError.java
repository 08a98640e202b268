package com.exampleco.timesheets.batch.inbox;

/**
 * Why one line of an inbox file was not delivered.
 *
 * @param line the line (record) number, counting the CSV header as line 1
 * @param field the offending field, or {@code null} when the whole line is unusable
 * @param reason what is wrong, for a person to fix it
 */
public record LineError(int line, String field, String reason) {

	public String describe() {
		return (this.field != null) ? "line " + this.line + ", field " + this.field + ": " + this.reason
				: "line " + this.line + ": " + this.reason;
	}

}
