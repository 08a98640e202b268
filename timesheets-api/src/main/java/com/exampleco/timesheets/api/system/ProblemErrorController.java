package com.exampleco.timesheets.api.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page for errors raised outside the controllers (a filter, the
 * container's {@code sendError}): a browser would otherwise get an HTML page, and we
 * promise problem+json to every client. It answers nothing itself: the status goes to
 * {@link ProblemDetailsAdvice} as an {@link ErrorResponseException}.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE })
	void error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// No error being forwarded: a client asked for /error itself, which is no
		// resource of this API.
		HttpStatus status = (code == null) ? HttpStatus.NOT_FOUND
				: (code instanceof Integer value && HttpStatus.resolve(value) != null) ? HttpStatus.valueOf(value)
						: HttpStatus.INTERNAL_SERVER_ERROR;
		throw new ErrorResponseException(status);
	}

}
