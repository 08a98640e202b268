package com.exampleco.authserver;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock a test sets, so that quota windows reset without waiting for the next UTC hour
 * or day.
 */
final class MovableClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T10:15:00Z"));

	void set(Instant instant) {
		now.set(instant);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	/**
	 * Test configuration: the application's clock, moved by the test. Passed as a source
	 * to the server it is for; deliberately not a {@code @Configuration}, which the
	 * application's component scan would add to every other test context on this class
	 * path.
	 */
	static class Config {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
