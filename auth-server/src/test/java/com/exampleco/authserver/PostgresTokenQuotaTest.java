package com.exampleco.authserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.exampleco.authserver.TestClients.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the server on one PostgreSQL database share one count: a client with a
 * quota of 200 tokens an hour that asks both instances at once, many requests in flight,
 * gets exactly 200 tokens in that hour, however its requests fall on the instances.
 * Skipped, with the reason, where no PostgreSQL answers.
 */
class PostgresTokenQuotaTest {

	static final Credentials BUSY = new Credentials("busy", "jirg0YDmPQQ9ThmKFm43G34MaLM_Mk3KjZeyomi_TB0");
	static final String SCHEMA = "auth_server_quota_" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void requirePostgres() {
		try (Connection ignored = DriverManager.getConnection(PostgresTokenEndpointTest.URL,
				PostgresTokenEndpointTest.USER, "")) {
			// reachable
		}
		catch (SQLException e) {
			Assumptions.abort("PostgreSQL is not reachable at " + PostgresTokenEndpointTest.URL + " as "
					+ PostgresTokenEndpointTest.USER + " (" + e.getMessage() + "); start it or set "
					+ "-Dtest.postgres.url to run this test");
		}
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(PostgresTokenEndpointTest.URL,
				PostgresTokenEndpointTest.USER, "")) {
			connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	@Test
	void twoInstancesNeverIssueMoreThanTheQuotaBetweenThem() throws Exception {
		Instant tenPast = Instant.parse("2030-02-01T10:10:00Z");
		ExecutorService requests = Executors.newFixedThreadPool(8);
		try (RunningServer first = start(); RunningServer second = start()) {
			first.context().getBean(MovableClock.class).set(tenPast);
			second.context().getBean(MovableClock.class).set(tenPast);

			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				RunningServer server = i % 2 == 0 ? first : second;
				statuses.add(requests.submit(() -> server.client()
					.tokenWithBasic(BUSY, "grant_type", "client_credentials", "audience", TIMESHEETS)
					.status()));
			}
			int issued = 0;
			int refused = 0;
			for (Future<Integer> status : statuses) {
				switch (status.get()) {
					case 200 -> issued++;
					case 429 -> refused++;
					default -> throw new AssertionError("unexpected status " + status.get());
				}
			}

			assertThat(issued).isEqualTo(200);
			assertThat(refused).isEqualTo(300);
		}
		finally {
			requests.shutdownNow();
		}
	}

	static RunningServer start() {
		return RunningServer.start(new String[] { "test", "quotas", "postgres" },
				new Class<?>[] { MovableClock.Config.class },
				"--spring.datasource.url=" + PostgresTokenEndpointTest.URL + "?currentSchema=" + SCHEMA,
				"--spring.datasource.username=" + PostgresTokenEndpointTest.USER, "--spring.flyway.schemas=" + SCHEMA);
	}

}
