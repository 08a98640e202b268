package com.exampleco.timesheets.api.timesheet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.AtOnce;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a client that retries, when it resends an entry with the same Idempotency-Key,
 * then the entry exists once, however many retries and however concurrent.
 */
class IdempotencyTest extends ApiIntegrationTest {

	private static final int CONCURRENT_RETRIES = 16;

	private final String client = "idempotency-test-" + UUID.randomUUID();

	private final String token = tokens().client(this.client).scope("create:timesheets read:timesheets").rs256();

	private ApiClient.Response post(String key, Object entry) {
		return this.api.post("/timesheets").bearer(this.token).header("Idempotency-Key", key).json(entry).send();
	}

	@Test
	void aRetryWithTheSameKeyAndContentReturnsTheOriginalEntryAndCreatesNothing() {
		String employee = "E-" + UUID.randomUUID();
		Map<String, Object> entry = entry(employee, "2026-11-02", "apollo", 7.5);

		ApiClient.Response first = post("key-1", entry);
		ApiClient.Response retry = post("key-1", entry(employee, "2026-11-02", "apollo", "7.50"));

		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json()).isEqualTo(first.json());
		assertThat(entriesOf(employee)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithOtherContentIsRefused() {
		String employee = "E-" + UUID.randomUUID();
		post("key-2", entry(employee, "2026-11-02", "apollo", 7.5));

		ApiClient.Response reuse = post("key-2", entry(employee, "2026-11-02", "apollo", 8));

		assertThat(reuse.status()).isEqualTo(422);
		assertThat(reuse.contentType()).isEqualTo("application/problem+json");
		assertThat(TimesheetApiTest.fields(reuse)).containsExactly("Idempotency-Key");
		assertThat(entriesOf(employee)).isEqualTo(1);
	}

	@Test
	void keysBelongToTheirClientSoTwoClientsMayUseTheSameOne() {
		String employee = "E-" + UUID.randomUUID();
		String otherClient = tokens().client(this.client + "-other").scope("create:timesheets").rs256();

		ApiClient.Response mine = post("shared-key", entry(employee, "2026-11-02", "apollo", 1));
		ApiClient.Response theirs = this.api.post("/timesheets")
			.bearer(otherClient)
			.header("Idempotency-Key", "shared-key")
			.json(entry(employee, "2026-11-02", "apollo", 1))
			.send();

		assertThat(mine.status()).isEqualTo(201);
		assertThat(theirs.status()).isEqualTo(201);
		assertThat(theirs.header("Idempotent-Replayed")).isNull();
		assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
	}

	@Test
	void anInvalidKeyIsNamed() {
		ApiClient.Response response = post("x".repeat(256), entry("E-1", "2026-11-02", "apollo", 1));

		assertThat(response.status()).isEqualTo(400);
		assertThat(TimesheetApiTest.fields(response)).containsExactly("Idempotency-Key");
	}

	@Test
	void aKeySentTwiceIsRefusedRatherThanJoined() {
		String employee = "E-" + UUID.randomUUID();

		ApiClient.Response response = this.api.post("/timesheets")
			.bearer(this.token)
			.header("Idempotency-Key", "key-a")
			.header("Idempotency-Key", "key-b")
			.json(entry(employee, "2026-11-02", "apollo", 1))
			.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(TimesheetApiTest.problems(response)).containsExactly("Idempotency-Key: must be sent once");
		assertThat(entriesOf(employee)).isZero();
	}

	@Test
	void withoutAKeyEveryPostCreates() {
		String employee = "E-" + UUID.randomUUID();
		Map<String, Object> entry = entry(employee, "2026-11-02", "apollo", 1);

		this.api.post("/timesheets").bearer(this.token).json(entry).send();
		this.api.post("/timesheets").bearer(this.token).json(entry).send();

		assertThat(entriesOf(employee)).isEqualTo(2);
	}

	@Test
	void concurrentRetriesWithOneKeyCreateExactlyOneEntry() throws Exception {
		String employee = "E-" + UUID.randomUUID();
		Map<String, Object> entry = entry(employee, "2026-11-02", "apollo", 4);
		List<ApiClient.Response> responses = AtOnce.run(CONCURRENT_RETRIES, () -> post("concurrent-key", entry));

		Set<String> ids = new HashSet<>();
		for (ApiClient.Response response : responses) {
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			ids.add(response.json().get("id").asString());
		}
		assertThat(ids).hasSize(1);
		assertThat(entriesOf(employee)).isEqualTo(1);
	}

	@Test
	void concurrentUploadsOfTheSameBatchCreateEachEntryExactlyOnce() throws Exception {
		String employee = "E-" + UUID.randomUUID();
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			batch.add(Map.of("idempotency_key", employee + "-" + i, "employee_id", employee, "date",
					"2026-11-0" + (i % 9 + 1), "project", "apollo", "hours", 1 + i));
		}
		String uploader = tokens().client(this.client).scope("batch:upload").rs256();
		List<ApiClient.Response> responses = AtOnce.run(4,
				() -> this.api.post("/timesheets/upload").bearer(uploader).json(batch).send());

		Set<String> ids = new HashSet<>();
		int created = 0;
		for (ApiClient.Response response : responses) {
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			for (JsonNode result : response.json()) {
				assertThat(result.get("status").asString()).isIn("created", "duplicate");
				created += "created".equals(result.get("status").asString()) ? 1 : 0;
				ids.add(result.get("id").asString());
			}
		}
		assertThat(created).isEqualTo(10);
		assertThat(ids).hasSize(10);
		assertThat(entriesOf(employee)).isEqualTo(10);
	}

	private long entriesOf(String employee) {
		ApiClient.Response list = this.api.get("/timesheets?employee_id=" + employee)
			.bearer(tokens().client(this.client).scope("read:timesheets").rs256())
			.send();
		return list.json().get("total_elements").asLong();
	}

}
