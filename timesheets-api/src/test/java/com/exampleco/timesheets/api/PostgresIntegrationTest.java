package com.exampleco.timesheets.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.AtOnce;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production database: the {@code postgres} profile against a real PostgreSQL, in a
 * schema of its own that Flyway builds from scratch. Skipped, with the reason, where no
 * PostgreSQL answers.
 */
@EnabledIf(value = "postgresReachable",
		disabledReason = "no PostgreSQL at " + PostgresIntegrationTest.URL
				+ " (user postgres, trust auth); start one to run this test")
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=" + PostgresIntegrationTest.URL + "?currentSchema=" + PostgresIntegrationTest.SCHEMA,
		"spring.flyway.schemas=" + PostgresIntegrationTest.SCHEMA })
class PostgresIntegrationTest {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "timesheets_api_it";

	private static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

	@LocalServerPort
	private int port;

	static boolean postgresReachable() {
		try (Connection connection = DriverManager.getConnection(URL + "?connectTimeout=2", "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	@DynamicPropertySource
	static void authorizationServer(DynamicPropertyRegistry registry) {
		registry.add("timesheets.security.jwk-set-uri", AUTHORIZATION_SERVER::jwkSetUri);
	}

	@BeforeAll
	static void freshSchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@AfterAll
	static void stop() {
		AUTHORIZATION_SERVER.close();
	}

	@Test
	void entriesAreStoredListedApprovedAndDeletedInPostgres() {
		ApiClient api = new ApiClient(this.port);
		String token = AUTHORIZATION_SERVER.tokens()
			.organization("org_pg")
			.scope("create:timesheets read:timesheets delete:timesheets approve:timesheets")
			.rs256();

		ApiClient.Response created = api.post("/timesheets")
			.bearer(token)
			.json(Map.of("employee_id", "E-PG", "date", "2026-11-02", "project", "apollo", "hours", 7.5))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("org_id").asString()).isEqualTo("org_pg");
		assertThat(created.json().get("notes").isNull()).isTrue();

		JsonNode page = api.get("/timesheets?employee_id=E-PG&from=2026-11-01&to=2026-11-30")
			.bearer(token)
			.send()
			.json();
		assertThat(page.get("total_elements").asLong()).isEqualTo(1);
		assertThat(page.get("items").get(0).get("hours").decimalValue()).isEqualByComparingTo("7.5");

		assertThat(api.put("/approvals/" + id).bearer(token).send().json().get("approved").asBoolean()).isTrue();
		assertThat(api.delete("/timesheets/" + id).bearer(token).send().status()).isEqualTo(204);
		assertThat(api.get("/timesheets/" + id).bearer(token).send().status()).isEqualTo(404);
	}

	@Test
	void concurrentUploadsOfOneBatchStoreEachEntryOnceInPostgres() throws Exception {
		ApiClient api = new ApiClient(this.port);
		String token = AUTHORIZATION_SERVER.tokens()
			.organization("org_pg")
			.scope("batch:upload read:timesheets")
			.rs256();
		String employee = "E-" + UUID.randomUUID();
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			batch.add(Map.of("idempotency_key", employee + "#" + i, "employee_id", employee, "date", "2026-11-02",
					"project", "apollo", "hours", 1 + (i % 8)));
		}
		int created = 0;
		for (ApiClient.Response response : AtOnce.run(3,
				() -> api.post("/timesheets/upload").bearer(token).json(batch).send())) {
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			for (JsonNode result : response.json()) {
				assertThat(result.get("status").asString()).isIn("created", "duplicate");
				created += "created".equals(result.get("status").asString()) ? 1 : 0;
			}
		}
		assertThat(created).isEqualTo(200);
		assertThat(api.get("/timesheets?employee_id=" + employee)
			.bearer(token)
			.send()
			.json()
			.get("total_elements")
			.asLong()).isEqualTo(200);
	}

	@Test
	void anEntryWithANulCharacterIsRejectedWithoutFailingTheRestOfItsUpload() {
		ApiClient api = new ApiClient(this.port);
		String token = AUTHORIZATION_SERVER.tokens().scope("batch:upload read:timesheets").rs256();
		String employee = "E-" + UUID.randomUUID();

		ApiClient.Response response = api.post("/timesheets/upload")
			.bearer(token)
			.json(List.of(
					Map.of("idempotency_key", employee + "#1", "employee_id", employee, "date", "2026-11-02", "project",
							"apollo", "hours", 1),
					Map.of("idempotency_key", employee + "#2", "employee_id", employee, "date", "2026-11-02", "project",
							"apollo", "hours", 1, "notes", "a\u0000b")))
			.send();
		ApiClient.Response filtered = api.get("/timesheets?project=a%00b").bearer(token).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get(0).get("status").asString()).isEqualTo("created");
		assertThat(response.json().get(1).get("status").asString()).isEqualTo("rejected");
		assertThat(response.json().get(1).get("errors").get(0).get("field").asString()).isEqualTo("notes");
		assertThat(filtered.status()).as(filtered.toString()).isEqualTo(400);
	}

	@Test
	void aDateBeyondWhatPostgresStoresIsABadRequestNotAServerError() {
		ApiClient api = new ApiClient(this.port);
		String token = AUTHORIZATION_SERVER.tokens().scope("create:timesheets read:timesheets").rs256();

		ApiClient.Response created = api.post("/timesheets")
			.bearer(token)
			.json(Map.of("employee_id", "E-PG", "date", "+5874898-01-01", "project", "apollo", "hours", 1))
			.send();
		ApiClient.Response filtered = api.get("/timesheets?from=%2B9999999-01-01").bearer(token).send();
		ApiClient.Response lastDay = api.post("/timesheets")
			.bearer(token)
			.json(Map.of("employee_id", "E-PG", "date", "9999-12-31", "project", "apollo", "hours", 1))
			.send();

		assertThat(created.status()).as(created.toString()).isEqualTo(400);
		assertThat(filtered.status()).as(filtered.toString()).isEqualTo(400);
		assertThat(lastDay.status()).as(lastDay.toString()).isEqualTo(201);
		assertThat(lastDay.json().get("date").asString()).isEqualTo("9999-12-31");
	}

	@Test
	void concurrentRetriesWithOneKeyCreateOneEntryInPostgres() throws Exception {
		ApiClient api = new ApiClient(this.port);
		String token = AUTHORIZATION_SERVER.tokens().scope("create:timesheets read:timesheets").rs256();
		String employee = "E-" + UUID.randomUUID();
		Map<String, Object> entry = Map.of("employee_id", employee, "date", "2026-11-02", "project", "apollo", "hours",
				4);
		Set<String> ids = new HashSet<>();
		for (ApiClient.Response response : AtOnce.run(8,
				() -> api.post("/timesheets").bearer(token).header("Idempotency-Key", "pg-key").json(entry).send())) {
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			ids.add(response.json().get("id").asString());
		}
		assertThat(ids).hasSize(1);
		assertThat(api.get("/timesheets?employee_id=" + employee)
			.bearer(token)
			.send()
			.json()
			.get("total_elements")
			.asLong()).isEqualTo(1);
	}

}
