package com.exampleco.timesheets.api.system;

/**
 * One invalid field of a request, named as the client wrote it ({@code employee_id},
 * {@code [3].hours}, {@code Idempotency-Key}, {@code size}).
 */
public record FieldProblem(String field, String message) {
}
