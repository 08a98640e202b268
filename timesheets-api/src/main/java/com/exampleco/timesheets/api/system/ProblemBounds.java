package com.exampleco.timesheets.api.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ProblemDetail;

/**
 * The size limits of every error answer, so that no request can make its answer larger
 * than itself: a body of thousands of wrong values would otherwise be answered with one
 * problem each (tens of megabytes for a 2 MB upload), and a long header or path echoed
 * back whole. Every problem body this API writes passes through {@link #bound}.
 *
 * <p>
 * The bounds keep any problem under 64 KiB of JSON: at most {@value #MAX_FIELD_PROBLEMS}
 * field problems within a budget of {@value #FIELD_PROBLEM_BUDGET} bytes (counting 3
 * bytes per character, the most a UTF-16 unit takes in UTF-8 or in JSON once control
 * characters are replaced), each text cut at {@value #MAX_TEXT_LENGTH} characters, the
 * {@code detail} at {@value #MAX_DETAIL_LENGTH}, and an {@code instance} longer than that
 * left out. How many field problems were left out is said in the {@code omitted} member.
 */
public final class ProblemBounds {

	public static final int MAX_FIELD_PROBLEMS = 100;

	public static final int MAX_TEXT_LENGTH = 200;

	public static final int MAX_DETAIL_LENGTH = 1000;

	static final int FIELD_PROBLEM_BUDGET = 32 * 1024;

	/**
	 * The extension member (RFC 9457 §3.2) that counts the field problems not listed in
	 * {@code errors}.
	 */
	public static final String OMITTED = "omitted";

	private ProblemBounds() {
	}

	/**
	 * The first field problems that fit the bounds, each with its texts cut to length.
	 * @param problems every problem found
	 * @param unrecorded problems found but not even recorded (they count as omitted)
	 */
	public static Listed first(List<FieldProblem> problems, long unrecorded) {
		List<FieldProblem> listed = new ArrayList<>(Math.min(problems.size(), MAX_FIELD_PROBLEMS));
		long budget = FIELD_PROBLEM_BUDGET;
		for (FieldProblem problem : problems) {
			FieldProblem bounded = new FieldProblem(text(problem.field()), text(problem.message()));
			budget -= 3L * (length(bounded.field()) + length(bounded.message())) + 32;
			if (listed.size() == MAX_FIELD_PROBLEMS || budget < 0) {
				break;
			}
			listed.add(bounded);
		}
		return new Listed(List.copyOf(listed), problems.size() - listed.size() + unrecorded);
	}

	/**
	 * At most {@value #MAX_TEXT_LENGTH} characters, control characters (CR, LF, NUL...)
	 * replaced by '?'.
	 */
	public static String text(String text) {
		return text(text, MAX_TEXT_LENGTH);
	}

	public static String text(String text, int maxLength) {
		if (text == null) {
			return null;
		}
		String cut = text;
		if (text.length() > maxLength) {
			// Never between the two halves of a surrogate pair: that would not be
			// encodable.
			int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
			cut = text.substring(0, end) + "…";
		}
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

	/**
	 * Cuts every member of a problem to its bound, whoever built it (this API or Spring
	 * MVC).
	 */
	public static ProblemDetail bound(ProblemDetail problem) {
		problem.setTitle(text(problem.getTitle()));
		problem.setDetail(text(problem.getDetail(), MAX_DETAIL_LENGTH));
		URI instance = problem.getInstance();
		if (instance != null && instance.toString().length() > MAX_DETAIL_LENGTH) {
			problem.setInstance(null);
		}
		Map<String, Object> properties = problem.getProperties();
		if (properties != null && properties.get("errors") instanceof List<?> errors && !errors.isEmpty()
				&& errors.stream().allMatch(FieldProblem.class::isInstance)) {
			List<FieldProblem> fieldProblems = errors.stream().map(FieldProblem.class::cast).toList();
			long omitted = (properties.get(OMITTED) instanceof Number number) ? number.longValue() : 0;
			Listed listed = first(fieldProblems, omitted);
			problem.setProperty("errors", listed.problems());
			if (listed.omitted() > 0) {
				problem.setProperty(OMITTED, listed.omitted());
			}
		}
		return problem;
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

	/**
	 * @param problems the field problems to list
	 * @param omitted how many more were found
	 */
	public record Listed(List<FieldProblem> problems, long omitted) {
	}

}
