package com.exampleco.timesheets.api.system;

import java.util.List;

/** A request that cannot be served as asked, with every field that is wrong. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidRequestException(List<FieldProblem> problems) {
		super("Invalid request: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
