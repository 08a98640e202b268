package com.exampleco.timesheets.api.system;

import java.util.List;

/** A request that cannot be served as asked, with every field that is wrong. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> problems;

	private final long unrecorded;

	public InvalidRequestException(List<FieldProblem> problems) {
		this(problems, 0);
	}

	/**
	 * @param problems the problems recorded
	 * @param unrecorded how many more were found but not recorded (see
	 * {@link ProblemBounds})
	 */
	public InvalidRequestException(List<FieldProblem> problems, long unrecorded) {
		// The message names no value and no field: it may reach a log, and the client
		// wrote both.
		super("Invalid request: " + (problems.size() + unrecorded) + " invalid fields");
		this.problems = List.copyOf(problems);
		this.unrecorded = unrecorded;
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	public long unrecorded() {
		return this.unrecorded;
	}

}
