package com.exampleco.authserver.log;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Log ids in the shape of Auth0's (decimal digits starting with {@code 900}, then the
 * time): {@code 900}, the event's time in UTC to the millisecond
 * ({@code yyyyMMddHHmmssSSS}), a 6-digit sequence within that millisecond, and 12 random
 * digits naming this instance. All ids have the same length, so ordering them as strings
 * orders them in time across instances, which {@code from} checkpoints rely on; the
 * instance digits keep two instances' ids apart. Ids of one instance never go backwards,
 * even when its clock does.
 */
final class LogIds {

	static final int LENGTH = 3 + 17 + 6 + 12;

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
		.withZone(ZoneOffset.UTC);

	private final String node;

	private long lastMillis;

	private int sequence;

	LogIds() {
		this(String.format("%012d", Math.floorMod(new SecureRandom().nextLong(), 1_000_000_000_000L)));
	}

	LogIds(String node) {
		this.node = node;
	}

	String node() {
		return node;
	}

	/**
	 * The next id for an event of {@code date}; called by the single writer thread, but
	 * safe from any.
	 */
	synchronized String next(Instant date) {
		long millis = Math.max(date.toEpochMilli(), lastMillis);
		if (millis == lastMillis) {
			if (++sequence > 999_999) {
				millis++;
				sequence = 0;
			}
		}
		else {
			sequence = 0;
		}
		lastMillis = millis;
		StringBuilder id = new StringBuilder(LENGTH).append("900").append(STAMP.format(Instant.ofEpochMilli(millis)));
		String seq = Integer.toString(sequence);
		id.append("000000", 0, 6 - seq.length()).append(seq).append(node);
		return id.toString();
	}

	/**
	 * Whether a client-sent value can be a log id: exactly {@link #LENGTH} ASCII digits.
	 */
	static boolean isWellFormed(String value) {
		if (value == null || value.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

}
