package com.exampleco.authserver;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OAuth 2.0 lists travel as space-delimited strings (RFC 6749 §3.3); this is the one
 * place that splits and joins them.
 */
public final class SpaceDelimited {

	private SpaceDelimited() {
	}

	/**
	 * The distinct values in order; {@code null} or blank gives an empty list. Split by
	 * hand rather than with {@code String.split(" +")}, which compiles a regular
	 * expression on every call: this runs for the client and its grant on every token
	 * request (its measured share in {@code docs/performance.md}).
	 */
	public static List<String> split(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		String trimmed = value.trim();
		Set<String> values = new LinkedHashSet<>();
		int start = 0;
		while (start < trimmed.length()) {
			int end = trimmed.indexOf(' ', start);
			if (end < 0) {
				end = trimmed.length();
			}
			if (end > start) {
				values.add(trimmed.substring(start, end));
			}
			start = end + 1;
		}
		return List.copyOf(values);
	}

	public static String join(Collection<String> values) {
		return String.join(" ", values);
	}

}
