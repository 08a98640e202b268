package com.exampleco.authserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.NO_GRANT;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same server on PostgreSQL, the production database: Flyway builds the schema,
 * clients are seeded, tokens are issued and the signing key survives a restart. Skipped,
 * with the reason, where no PostgreSQL answers.
 */
class PostgresTokenEndpointTest {

	static final String URL = System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
	static final String USER = System.getProperty("test.postgres.user", "postgres");
	static final String SCHEMA = "auth_server_it_" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void requirePostgres() {
		try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
			// reachable
		}
		catch (SQLException e) {
			Assumptions.abort("PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage()
					+ "); start it or set -Dtest.postgres.url to run this test");
		}
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
			connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	@Test
	void issuesTokensFromPostgresAndKeepsItsSigningKeyAcrossARestart() {
		String firstToken;
		try (var app = start()) {
			var server = app.client();
			var issued = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "acme");
			var denied = server.tokenWithBasic(NO_GRANT, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(issued.status()).isEqualTo(200);
			assertThat(TokenEndpointTest.claims(issued.accessToken())).containsEntry("org_id", "org_acme")
				.containsEntry("scope", "batch:upload create:timesheets");
			assertThat(denied.status()).isEqualTo(403);
			firstToken = issued.accessToken();
		}
		try (var app = start()) {
			String secondToken = app.client()
				.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
				.accessToken();
			assertThat(SigningKeyPersistenceTest.header(secondToken))
				.isEqualTo(SigningKeyPersistenceTest.header(firstToken));
		}
	}

	static RunningServer start() {
		return RunningServer.start(new String[] { "test", "postgres" },
				"--spring.datasource.url=" + URL + "?currentSchema=" + SCHEMA, "--spring.datasource.username=" + USER,
				"--spring.flyway.schemas=" + SCHEMA);
	}

}
