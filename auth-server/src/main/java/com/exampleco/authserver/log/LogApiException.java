package com.exampleco.authserver.log;

import org.springframework.http.HttpStatus;

/** A refusal of the logs endpoints, answered in Auth0's Management API error shape by {@link TenantLogController}. */
class LogApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorCode;

    LogApiException(HttpStatus status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    static LogApiException badQuery(String message) {
        return new LogApiException(HttpStatus.BAD_REQUEST, "invalid_query_string", message);
    }

    HttpStatus status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }
}
