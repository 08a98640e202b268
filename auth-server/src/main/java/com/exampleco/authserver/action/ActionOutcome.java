package com.exampleco.authserver.action;

import java.time.Duration;
import java.util.List;

/**
 * What one Action did in one token request, for the tenant log: kept as the request
 * attribute {@link ActionRunner#OUTCOMES_ATTRIBUTE} (a {@code List<ActionOutcome>}, in
 * the order the Actions ran) and in {@link ActionRunner.Result#outcomes()}. Never holds a
 * secret or a claim value.
 *
 * @param claims names of the claims the Action set (dropped reserved ones excluded)
 * @param deniedCode the code the Action denied with, or {@code null}
 * @param error why it failed (its error message with its secrets masked, or the limit),
 * or {@code null}
 */
public record ActionOutcome(String name, Status status, Duration duration, List<String> claims, String deniedCode,
		String error) {

	public enum Status {

		SUCCEEDED, DENIED, FAILED, TIMED_OUT, MEMORY_EXCEEDED

	}
}
