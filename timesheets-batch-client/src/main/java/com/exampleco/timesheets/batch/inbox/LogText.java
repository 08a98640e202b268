package com.exampleco.timesheets.batch.inbox;

/**
 * A value that came from the inbox (a file name, a line's value, a parser's message
 * quoting it), made safe to print on one line of a log or a report. A file name may hold
 * a line feed, and a CSV field a quoted one: printed raw, either would start a forged log
 * line or report line (CWE-117). Control characters, Unicode format characters
 * (bidirectional overrides that reorder what a reader sees) and line or paragraph
 * separators are printed as {@code \n} or {@code \}{@code uXXXX} escapes, and a very long
 * value is cut.
 */
public final class LogText {

	/**
	 * Longer values are cut: a 200 KB "file name" or field would otherwise flood each log
	 * line that names it.
	 */
	static final int MAX_LENGTH = 500;

	private LogText() {
	}

	public static String of(String value) {
		return escape(value, MAX_LENGTH);
	}

	/**
	 * Escaped like {@link #of}, but never cut: for the report, whose lines a person
	 * corrects from.
	 */
	static String whole(String value) {
		return escape(value, Integer.MAX_VALUE);
	}

	private static String escape(String value, int maxLength) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength) + 16);
		for (int i = 0; i < value.length(); i++) {
			if (out.length() >= maxLength) {
				out.append("... (").append(value.length() - i).append(" more characters)");
				break;
			}
			char c = value.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (needsEscape(c)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	private static boolean needsEscape(char c) {
		int type = Character.getType(c);
		return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR;
	}

}
