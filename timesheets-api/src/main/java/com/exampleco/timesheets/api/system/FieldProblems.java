package com.exampleco.timesheets.api.system;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;

/**
 * Bean Validation results in the client's words: JSON field names are snake_case in this
 * API.
 */
public final class FieldProblems {

	private FieldProblems() {
	}

	public static List<FieldProblem> of(Collection<? extends ConstraintViolation<?>> violations) {
		return violations.stream()
			.map((violation) -> new FieldProblem(jsonName(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
	}

	/** {@code employeeId} becomes {@code employee_id}. */
	public static String jsonName(String javaName) {
		return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

}
