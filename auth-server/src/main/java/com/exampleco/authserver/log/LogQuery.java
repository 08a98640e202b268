package com.exampleco.authserver.log;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code q} parameter of {@code GET /api/v2/logs}: the part of Auth0's log search
 * syntax (a subset of Lucene's) that this server answers, parsed by hand in one pass (no
 * regular expression, so no backtracking), at most {@value #MAX_LENGTH} characters and
 * {@value #MAX_CONDITIONS} conditions: <pre>
 * query     = condition *( 1*SP "AND" 1*SP condition )
 * condition = ("type" / "client_id") ":" value
 *           / "date" ":" ( day / range )
 * value     = bare / DQUOTE *( char / "\" DQUOTE / "\\" ) DQUOTE      ; bare: no space, quote, bracket, * ? \ ( ) :
 * range     = ( "[" / "{" ) bound 1*SP "TO" 1*SP bound ( "]" / "}" )  ; [ ] inclusive, { } exclusive
 * bound     = "*" / day / instant                                     ; day: YYYY-MM-DD (UTC), instant: ISO 8601
 * </pre> Anything else (another field, {@code OR}, {@code NOT}, wildcards, parentheses, a
 * bare term) is refused with a message that says where and why: a query this server would
 * silently read differently from Auth0 is worse than a 400.
 */
final class LogQuery {

	static final int MAX_LENGTH = 1024;
	static final int MAX_CONDITIONS = 10;
	static final int MAX_VALUE_LENGTH = 255;

	private static final LogQuery ALL = new LogQuery("", List.of());

	private final String where;

	private final List<Object> arguments;

	private LogQuery(String where, List<Object> arguments) {
		this.where = where;
		this.arguments = List.copyOf(arguments);
	}

	static LogQuery all() {
		return ALL;
	}

	/** The SQL {@code where} clause (with a leading space), or an empty string. */
	String where() {
		return where;
	}

	List<Object> arguments() {
		return arguments;
	}

	static LogQuery parse(String q) {
		if (q == null || q.isBlank()) {
			return ALL;
		}
		if (q.length() > MAX_LENGTH) {
			throw new BadQuery("q is longer than " + MAX_LENGTH + " characters.");
		}
		return new Parser(q).query();
	}

	/** A query this server does not answer; the message says why. */
	static final class BadQuery extends RuntimeException {

		BadQuery(String message) {
			super(message);
		}

	}

	private static final class Parser {

		private final String q;

		private int at;

		private final List<String> conditions = new ArrayList<>();

		private final List<Object> arguments = new ArrayList<>();

		Parser(String q) {
			this.q = q;
		}

		LogQuery query() {
			spaces();
			condition();
			while (true) {
				int before = at;
				spaces();
				if (at == q.length()) {
					break;
				}
				if (at == before) {
					throw bad("expected a space and AND");
				}
				if (q.startsWith("AND", at) && at + 3 == q.length()) {
					throw bad("a condition must follow AND");
				}
				if (!q.startsWith("AND", at) || q.charAt(at + 3) != ' ') {
					String word = word();
					if (word.equals("OR") || word.equals("NOT") || word.equals("||") || word.equals("&&")) {
						throw bad("only AND is supported between conditions, not " + word);
					}
					throw bad("expected AND between conditions");
				}
				at += 3;
				spaces();
				if (conditions.size() == MAX_CONDITIONS) {
					throw new BadQuery("q has more than " + MAX_CONDITIONS + " conditions.");
				}
				condition();
			}
			return new LogQuery(" where " + String.join(" and ", conditions), arguments);
		}

		private void condition() {
			int start = at;
			while (at < q.length() && (Character.isLetter(q.charAt(at)) || q.charAt(at) == '_')) {
				at++;
			}
			String field = q.substring(start, at);
			if (at == q.length() || q.charAt(at) != ':') {
				at = start;
				throw bad(field.isEmpty() ? "expected a field name such as type:"
						: "expected field:value; a term without a field is not supported");
			}
			at++;
			switch (field) {
				case "type" -> equal("type", value());
				case "client_id" -> equal("client_id", value());
				case "date" -> date();
				default -> {
					at = start;
					throw bad("the field '" + LogValues.safe(field) + "' is not searchable here; use type, "
							+ "client_id or date");
				}
			}
		}

		private void equal(String column, String value) {
			conditions.add(column + " = ?");
			arguments.add(value);
		}

		/** A bare or quoted value. */
		private String value() {
			if (at == q.length() || q.charAt(at) == ' ') {
				throw bad("expected a value");
			}
			StringBuilder value = new StringBuilder();
			if (q.charAt(at) == '"') {
				at++;
				while (true) {
					if (at == q.length()) {
						throw bad("unterminated quoted value");
					}
					char c = q.charAt(at++);
					if (c == '"') {
						break;
					}
					if (c == '\\') {
						if (at == q.length() || (q.charAt(at) != '"' && q.charAt(at) != '\\')) {
							throw bad("only \\\" and \\\\ may be escaped in a quoted value");
						}
						c = q.charAt(at++);
					}
					value.append(c);
				}
			}
			else {
				while (at < q.length() && q.charAt(at) != ' ') {
					char c = q.charAt(at);
					if ("\"()[]{}*?\\:".indexOf(c) >= 0 || Character.isISOControl(c)) {
						throw bad(c == '*' || c == '?' ? "wildcards are not supported"
								: "'" + LogValues.safe(c) + "' must be inside a quoted value");
					}
					value.append(c);
					at++;
				}
			}
			if (value.isEmpty()) {
				throw bad("empty value");
			}
			if (value.length() > MAX_VALUE_LENGTH) {
				throw bad("a value is longer than " + MAX_VALUE_LENGTH + " characters");
			}
			return value.toString();
		}

		private void date() {
			if (at < q.length() && (q.charAt(at) == '[' || q.charAt(at) == '{')) {
				boolean lowerInclusive = q.charAt(at++) == '[';
				String lower = token(false);
				requireSpaces();
				if (!q.startsWith("TO", at)) {
					throw bad("expected TO in the range");
				}
				at += 2;
				requireSpaces();
				String upper = token(true);
				if (at == q.length() || (q.charAt(at) != ']' && q.charAt(at) != '}')) {
					throw bad("expected ] or } to close the range");
				}
				boolean upperInclusive = q.charAt(at++) == ']';
				bound(lower, lowerInclusive, true);
				bound(upper, upperInclusive, false);
				return;
			}
			LocalDate date = day(token(false));
			if (date == null) {
				throw bad("date takes a day (YYYY-MM-DD) or a range such as [2026-01-01 TO 2026-01-31]");
			}
			condition("date >= ?", date.atStartOfDay().toInstant(ZoneOffset.UTC));
			condition("date < ?", date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		}

		/**
		 * A date or {@code *}: the characters up to a space, the end, or (closing a
		 * range) a bracket.
		 */
		private String token(boolean closesRange) {
			int start = at;
			while (at < q.length() && q.charAt(at) != ' '
					&& !(closesRange && (q.charAt(at) == ']' || q.charAt(at) == '}'))) {
				if (at - start == 40) {
					throw bad("a date is at most 40 characters");
				}
				at++;
			}
			if (at == start) {
				throw bad("expected a date");
			}
			return q.substring(start, at);
		}

		private void requireSpaces() {
			if (at == q.length() || q.charAt(at) != ' ') {
				throw bad("expected a space");
			}
			spaces();
		}

		private void bound(String text, boolean inclusive, boolean lower) {
			if (text.equals("*")) {
				return;
			}
			LocalDate day = day(text);
			if (day != null) {
				// A whole day: [d is from its start, {d from the next day's; d] is up to
				// its end, d} up to its start.
				LocalDate from = lower == inclusive ? day : day.plusDays(1);
				condition(lower ? "date >= ?" : "date < ?", from.atStartOfDay().toInstant(ZoneOffset.UTC));
				return;
			}
			Instant instant;
			try {
				instant = OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException e) {
				throw new BadQuery("'" + LogValues.safe(text) + "' in q is not a date: use YYYY-MM-DD or an ISO 8601 "
						+ "time such as 2026-01-31T12:00:00Z, or *.");
			}
			condition(lower ? (inclusive ? "date >= ?" : "date > ?") : (inclusive ? "date <= ?" : "date < ?"), instant);
		}

		private void condition(String sql, Instant value) {
			conditions.add(sql);
			arguments.add(Timestamp.from(value));
		}

		private static LocalDate day(String text) {
			if (text.length() != 10) {
				return null;
			}
			try {
				return LocalDate.parse(text);
			}
			catch (DateTimeParseException e) {
				return null;
			}
		}

		private void spaces() {
			while (at < q.length() && q.charAt(at) == ' ') {
				at++;
			}
		}

		private String word() {
			int start = at;
			while (at < q.length() && q.charAt(at) != ' ' && at - start < 20) {
				at++;
			}
			String word = q.substring(start, at);
			at = start;
			return word;
		}

		private BadQuery bad(String why) {
			return new BadQuery("Invalid q at character " + (at + 1) + ": " + why + ".");
		}

	}

}
