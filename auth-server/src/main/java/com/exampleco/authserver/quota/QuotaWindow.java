package com.exampleco.authserver.quota;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Auth0's two quota buckets: fixed windows that begin at the start of each UTC hour and
 * each UTC day.
 */
enum QuotaWindow {

	PER_HOUR("per_hour", ChronoUnit.HOURS), PER_DAY("per_day", ChronoUnit.DAYS);

	private final String bucket;

	private final ChronoUnit unit;

	QuotaWindow(String bucket, ChronoUnit unit) {
		this.bucket = bucket;
		this.unit = unit;
	}

	/**
	 * Auth0's name of the bucket, in the headers ({@code b=per_hour}) and the database.
	 */
	String bucket() {
		return bucket;
	}

	/**
	 * The start of the window {@code now} falls in, in epoch seconds (an {@link Instant}
	 * is UTC).
	 */
	long start(Instant now) {
		return now.truncatedTo(unit).getEpochSecond();
	}

	/** The end of that window: the first second of the next, in epoch seconds. */
	long end(Instant now) {
		return start(now) + unit.getDuration().getSeconds();
	}

	/**
	 * Whole seconds until the window resets, rounded up so that a client waiting that
	 * long is in the next one.
	 */
	long secondsToReset(Instant now) {
		long millis = end(now) * 1000 - now.toEpochMilli();
		return Math.max(1, (millis + 999) / 1000);
	}

	Integer limitOf(TokenQuota quota) {
		return this == PER_HOUR ? quota.perHour() : quota.perDay();
	}

}
