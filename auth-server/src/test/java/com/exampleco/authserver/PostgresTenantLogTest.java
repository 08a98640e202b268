package com.exampleco.authserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenant logs on PostgreSQL: the V4 table, the batch inserts, a search with every kind of
 * condition, a checkpoint read and one event by id. Skipped, with the reason, where no
 * PostgreSQL answers.
 */
class PostgresTenantLogTest {

	static final String SCHEMA = "auth_server_logs_" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void requirePostgres() {
		try (Connection ignored = DriverManager.getConnection(PostgresTokenEndpointTest.URL,
				PostgresTokenEndpointTest.USER, "")) {
			// reachable
		}
		catch (SQLException e) {
			Assumptions.abort("PostgreSQL is not reachable at " + PostgresTokenEndpointTest.URL + " (" + e.getMessage()
					+ "); start it or set -Dtest.postgres.url to run this test");
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
	void eventsAreStoredSearchedAndReadByCheckpointOnPostgres() {
		try (var app = RunningServer.start(new String[] { "test", "postgres" },
				"--spring.datasource.url=" + PostgresTokenEndpointTest.URL + "?currentSchema=" + SCHEMA,
				"--spring.datasource.username=" + PostgresTokenEndpointTest.USER, "--spring.flyway.schemas=" + SCHEMA,
				"--auth-server.tenant-logs.checkpoint-delay=0s")) {
			var server = app.client();
			assertThat(
					server.tokenWithBasic(READER, "grant_type", "client_credentials", "audience", TIMESHEETS).status())
				.isEqualTo(200);
			assertThat(server
				.token("grant_type", "client_credentials", "client_id", READER.clientId(), "client_secret", "wrong",
						"audience", TIMESHEETS)
				.status()).isEqualTo(401);
			var api = new ManagementApiClient(
					Integer.parseInt(app.context().getEnvironment().getProperty("local.server.port")))
				.withToken(ManagementApiClient.token(server, MANAGEMENT, "read:logs"));
			String today = LocalDate.now(ZoneOffset.UTC).toString();
			String q = java.net.URLEncoder.encode(
					"type:feccft AND client_id:\"reader\" AND date:[" + today + " TO *] AND date:" + today,
					java.nio.charset.StandardCharsets.UTF_8);

			List<?> failures = await().atMost(Duration.ofSeconds(15))
				.until(() -> TenantLogApiTest.JsonLists.read(api.get("/api/v2/logs?include_fields=true&q=" + q).body()),
						found -> found.size() == 1);
			@SuppressWarnings("unchecked")
			Map<String, Object> failure = (Map<String, Object>) failures.get(0);
			assertThat(failure).containsEntry("type", "feccft")
				.containsEntry("client_name", "Reader with a default audience");
			assertThat(TenantLogApiTest.JsonLists.read(api.get("/api/v2/logs?take=100").body())).hasSizeGreaterThan(2);
			assertThat(api.get("/api/v2/logs/" + failure.get("log_id")).json()).containsEntry("log_id",
					failure.get("log_id"));
		}
	}

}
