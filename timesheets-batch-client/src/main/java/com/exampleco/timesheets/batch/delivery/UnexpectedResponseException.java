package com.exampleco.timesheets.batch.delivery;

/**
 * The API answered 2xx with something that is not an upload result: not retried,
 * reported.
 */
public class UnexpectedResponseException extends RuntimeException {

	public UnexpectedResponseException(String message) {
		super(message);
	}

}
