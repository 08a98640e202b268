package com.exampleco.timesheets.api.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ProblemDetail;

/**
 * The problem details a request was answered with, kept on the request for the call's
 * event ({@code events.ApiCallRecorder}): bodies are written once and not read back.
 */
public final class AnsweredProblem {

	private static final String ATTRIBUTE = AnsweredProblem.class.getName();

	private AnsweredProblem() {
	}

	static void on(HttpServletRequest request, ProblemDetail problem) {
		request.setAttribute(ATTRIBUTE, problem);
	}

	/**
	 * The answered problem, or {@code null} when the answer was not a problem written by
	 * a controller advice.
	 */
	public static ProblemDetail of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ProblemDetail problem) ? problem : null;
	}

}
