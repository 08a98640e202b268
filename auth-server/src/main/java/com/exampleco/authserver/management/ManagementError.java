package com.exampleco.authserver.management;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;

/**
 * Auth0's management API error body: {@code {"statusCode":404,"error":"Not
 * Found","message":"...","errorCode":"..."}}. Auth0's SDKs read these four members (the
 * Java SDK's {@code APIException} exposes {@code getStatusCode()}, {@code getError()},
 * {@code getDescription()} from {@code message}, and the error code).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagementError(int statusCode, String error, String message, String errorCode) {

	public static ManagementError of(HttpStatus status, String message, String errorCode) {
		return new ManagementError(status.value(), status.getReasonPhrase(), message, errorCode);
	}
}
