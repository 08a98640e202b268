package com.exampleco.authserver;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the tenant log store is slow or down, tokens are still issued, and the events lost
 * are counted and reported: in the {@code tenant_log.events.dropped} counter by reason,
 * in {@code /actuator/health}, and in a WARN line.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantLogLossTest {

	private static RunningServer server;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:tenant-log-loss;DB_CLOSE_DELAY=-1",
				"--auth-server.tenant-logs.queue-capacity=2", "--auth-server.tenant-logs.batch-size=1",
				"--management.endpoint.health.show-details=always");
		jdbc = new JdbcTemplate(server.context().getBean(DataSource.class));
	}

	@AfterAll
	static void stop() {
		SlowStore.release.countDown();
		server.close();
	}

	@Test
	void aStoreTooSlowToKeepUpCostsEventsCountedAsQueueFullButNoToken(CapturedOutput output) {
		jdbc.execute("create trigger slow_store before insert on tenant_log for each row call \""
				+ SlowStore.class.getName() + "\"");
		try {
			// The writer blocks on the first insert; the queue holds two events; every
			// other one is dropped.
			for (int i = 0; i < 8; i++) {
				assertThat(token().status()).isEqualTo(200);
			}

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(dropped("queue_full")).isGreaterThanOrEqualTo(5);
				assertThat(health()).containsKey("droppedQueueFull");
				assertThat(((Number) health().get("droppedQueueFull")).longValue()).isGreaterThanOrEqualTo(5);
			});
		}
		finally {
			SlowStore.release.countDown();
			jdbc.execute("drop trigger slow_store");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("WARN")
				.contains("Tenant log: ")
				.contains("events lost since the last report"));
	}

	@Test
	void aStoreThatFailsCostsEventsCountedAsStoreFailedButNoToken() {
		double before = dropped("store_failed");
		jdbc.execute("alter table tenant_log rename to tenant_log_away");
		try {
			for (int i = 0; i < 3; i++) {
				assertThat(token().status()).isEqualTo(200);
			}

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(dropped("store_failed")).isGreaterThanOrEqualTo(before + 3);
				assertThat(health()).containsKey("lastStoreError");
			});
		}
		finally {
			jdbc.execute("alter table tenant_log_away rename to tenant_log");
		}
		long stored = count();
		assertThat(token().status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> count() > stored);
	}

	private static TokenEndpointClient.Answer token() {
		return server.client().tokenWithBasic(READER, "grant_type", "client_credentials", "audience", TIMESHEETS);
	}

	private static double dropped(String reason) {
		return server.context()
			.getBean(MeterRegistry.class)
			.get("tenant_log.events.dropped")
			.tag("reason", reason)
			.counter()
			.count();
	}

	private static long count() {
		Long count = jdbc.queryForObject("select count(*) from tenant_log", Long.class);
		return count == null ? 0 : count;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> health() {
		Map<String, Object> health = server.client().get("/actuator/health").json();
		Map<String, Object> components = (Map<String, Object>) health.get("components");
		return (Map<String, Object>) ((Map<String, Object>) components.get("tenantLog")).get("details");
	}

	/**
	 * An H2 trigger that holds every insert into the tenant log until the test lets it go
	 * (at most 30 s).
	 */
	public static final class SlowStore implements Trigger {

		static final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws java.sql.SQLException {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
