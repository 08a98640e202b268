package com.exampleco.authserver.log;

/**
 * Request values as they may appear in a log line. A client controls every value it sends
 * (client_id, audience, method, a parameter's name): written as it came, a CR or LF in
 * one would start a new, forged log line (CWE-117), so every control character is written
 * as a {@code \\uXXXX} escape, and the value is cut to a length a reader needs.
 */
public final class LogValues {

	private static final int MAX_LENGTH = 200;

	private LogValues() {
	}

	/**
	 * The value with control characters escaped and cut to {@value #MAX_LENGTH}
	 * characters.
	 */
	public static String safe(Object value) {
		if (value == null) {
			return "-";
		}
		String text = truncated(value.toString());
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i)) || isLineSeparator(text.charAt(i))) {
				return escaped(text);
			}
		}
		return text;
	}

	/** The value cut to {@value #MAX_LENGTH} characters, for an answer or a log line. */
	public static String truncated(String value) {
		return value == null || value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH) + "…";
	}

	private static String escaped(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || isLineSeparator(c)) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * NEL and the Unicode line and paragraph separators, which some log viewers also
	 * break lines at.
	 */
	private static boolean isLineSeparator(char c) {
		return c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

}
