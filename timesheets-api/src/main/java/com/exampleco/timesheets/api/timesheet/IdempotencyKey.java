package com.exampleco.timesheets.api.timesheet;

import java.util.regex.Pattern;

/**
 * A client-chosen key that makes a create safe to retry (IETF
 * draft-ietf-httpapi-idempotency-key-header). Keys are scoped to the calling client and
 * its organization: two clients can use the same key without colliding, and a key never
 * reveals another tenant's entry.
 */
record IdempotencyKey(String value) {

	static final int MAX_LENGTH = 255;

	private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?");

	static boolean isValid(String value) {
		return value != null && value.length() <= MAX_LENGTH && PRINTABLE_ASCII.matcher(value).matches();
	}

	static String rule() {
		return "must be 1 to " + MAX_LENGTH + " printable ASCII characters";
	}

}
