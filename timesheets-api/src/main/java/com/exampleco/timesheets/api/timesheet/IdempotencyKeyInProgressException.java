package com.exampleco.timesheets.api.timesheet;

/**
 * Another request with the same key has not finished; the client should retry shortly.
 */
public class IdempotencyKeyInProgressException extends RuntimeException {

	IdempotencyKeyInProgressException() {
		super("is being used by a request that has not finished; retry shortly");
	}

}
