package com.exampleco.authserver.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.exampleco.authserver.AuthServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events older than max-age go, then the oldest beyond max-rows; with a clock the test
 * moves.
 */
@SpringBootTest(classes = { AuthServerApplication.class, TenantLogRetentionTest.MovableClock.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:tenant-log-retention;DB_CLOSE_DELAY=-1",
				"auth-server.tenant-logs.retention.max-age=30d", "auth-server.tenant-logs.retention.max-rows=5",
				"auth-server.tenant-logs.retention.delete-batch=2", "auth-server.tenant-logs.retention.interval=1h" })
@ActiveProfiles("test")
class TenantLogRetentionTest {

	@Autowired
	TenantLog tenantLog;

	@Autowired
	TenantLogRetention retention;

	@Autowired
	MovableClock clock;

	@Autowired
	DataSource dataSource;

	@Test
	void eventsOlderThanMaxAgeAreDeletedThenTheOldestBeyondMaxRows() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("delete from tenant_log");
		record(3, "old");
		clock.advance(Duration.ofDays(31));
		record(2, "recent");

		assertThat(retention.prune()).isEqualTo(3);
		assertThat(descriptions(jdbc)).containsOnly("recent");

		record(6, "newest");
		assertThat(retention.prune()).isEqualTo(3);
		List<String> kept = descriptions(jdbc);
		assertThat(kept).hasSize(5).containsOnly("newest");
	}

	private void record(int count, String description) {
		long before = new JdbcTemplate(dataSource).queryForObject("select count(*) from tenant_log", Long.class);
		for (int i = 0; i < count; i++) {
			tenantLog.record(TenantLogEvent.of(clock.instant(), TenantLogTypes.SUCCESS_API_OPERATION, description,
					"retention-test", null, "127.0.0.1", null, "localhost", null, null, Map.of("i", i)));
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> new JdbcTemplate(dataSource).queryForObject("select count(*) from tenant_log",
					Long.class) == before + count);
	}

	private static List<String> descriptions(JdbcTemplate jdbc) {
		return jdbc.queryForList("select description from tenant_log order by log_id", String.class);
	}

	/** The server's clock, moved forward by the test. */
	@TestConfiguration
	static class MovableClock extends Clock {

		private volatile Instant now = Instant.now();

		@Bean
		@Primary
		MovableClock movableClock() {
			return this;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
