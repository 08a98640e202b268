package com.exampleco.authserver.management;

import org.springframework.http.HttpStatus;

/**
 * A management request refused, with Auth0's {@code errorCode} and a message a script's
 * author can act on. The message never holds a secret: it is sent to the caller as it is.
 */
public class ManagementApiException extends RuntimeException {

	private final HttpStatus status;

	private final String errorCode;

	public ManagementApiException(HttpStatus status, String message, String errorCode) {
		super(message, null, false, false);
		this.status = status;
		this.errorCode = errorCode;
	}

	public HttpStatus status() {
		return status;
	}

	public String errorCode() {
		return errorCode;
	}

	/** 400, as Auth0 answers a body that does not match the endpoint's schema. */
	public static ManagementApiException invalidBody(String message) {
		return new ManagementApiException(HttpStatus.BAD_REQUEST, message, "invalid_body");
	}

	/** 400, as Auth0 answers a query string that does not match the endpoint's schema. */
	public static ManagementApiException invalidQuery(String message) {
		return new ManagementApiException(HttpStatus.BAD_REQUEST, message, "invalid_query_string");
	}

	public static ManagementApiException notFound(String message, String errorCode) {
		return new ManagementApiException(HttpStatus.NOT_FOUND, message, errorCode);
	}

	public static ManagementApiException conflict(String message, String errorCode) {
		return new ManagementApiException(HttpStatus.CONFLICT, message, errorCode);
	}

}
