package com.exampleco.timesheets.api.timesheet;

/**
 * The key was used before for an entry with other content: a client bug, never retried
 * into success.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException() {
		super("was already used for an entry with different content");
	}

}
