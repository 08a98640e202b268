package com.exampleco.timesheets.batch.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the job, for every wall-clock time: token expiry, {@code Retry-After}
 * dates, the inbox's {@code min-age}, the journal's timestamps. A bean, so that a test
 * moves time (a token expiring in an hour) instead of waiting. Elapsed times (the
 * summary, the progress line) use {@link System#nanoTime()}, which no clock change moves.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

	@Bean
	public Clock clock() {
		return Clock.systemUTC();
	}

}
