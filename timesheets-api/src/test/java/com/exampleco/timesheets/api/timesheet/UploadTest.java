package com.exampleco.timesheets.api.timesheet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch client's endpoint: given an array of entries each with its own idempotency
 * key, the answer says per entry, in the same order, whether it was created, was a
 * duplicate of one stored before, or was rejected and why.
 */
class UploadTest extends ApiIntegrationTest {

	private final String uploader = tokens().client("upload-test").scope("batch:upload").rs256();

	private final String employee = "E-" + UUID.randomUUID();

	private Map<String, Object> upload(String key, String date, Object hours) {
		Map<String, Object> entry = new HashMap<>(entry(this.employee, date, "apollo", hours));
		entry.put("idempotency_key", key);
		return entry;
	}

	private ApiClient.Response send(List<?> batch) {
		return this.api.post("/timesheets/upload").bearer(this.uploader).json(batch).send();
	}

	@Test
	void eachEntryGetsItsOutcomeInRequestOrder() {
		String prefix = UUID.randomUUID() + "-";
		send(List.of(upload(prefix + "a", "2026-11-02", 8)));

		ApiClient.Response response = send(
				List.of(upload(prefix + "b", "2026-11-03", 7.5), upload(prefix + "a", "2026-11-02", 8),
						upload(prefix + "c", "2026-11-04", 30), upload(prefix + "a", "2026-11-02", 6)));

		assertThat(response.status()).isEqualTo(200);
		JsonNode results = response.json();
		assertThat(results).hasSize(4);
		assertThat(results.get(0).get("idempotency_key").asString()).isEqualTo(prefix + "b");
		assertThat(results.get(0).get("status").asString()).isEqualTo("created");
		assertThat(results.get(0).get("id").asString()).isNotBlank();
		assertThat(results.get(1).get("status").asString()).isEqualTo("duplicate");
		assertThat(results.get(2).get("status").asString()).isEqualTo("rejected");
		assertThat(results.get(2).get("errors").get(0).get("field").asString()).isEqualTo("hours");
		assertThat(results.get(2).has("id")).isFalse();
		assertThat(results.get(3).get("status").asString()).isEqualTo("rejected");
		assertThat(results.get(3).get("errors").get(0).get("field").asString()).isEqualTo("idempotency_key");
	}

	@Test
	void aResentBatchReturnsTheOriginalIdsAndCreatesNothing() {
		String prefix = UUID.randomUUID() + "-";
		List<Map<String, Object>> batch = List.of(upload(prefix + "1", "2026-11-02", 8),
				upload(prefix + "2", "2026-11-03", 8));

		JsonNode first = send(batch).json();
		JsonNode again = send(batch).json();

		for (int i = 0; i < 2; i++) {
			assertThat(first.get(i).get("status").asString()).isEqualTo("created");
			assertThat(again.get(i).get("status").asString()).isEqualTo("duplicate");
			assertThat(again.get(i).get("id")).isEqualTo(first.get(i).get("id"));
		}
		ApiClient.Response stored = this.api.get("/timesheets?employee_id=" + this.employee)
			.bearer(tokens().client("upload-test").scope("read:timesheets").rs256())
			.send();
		assertThat(stored.json().get("total_elements").asLong()).isEqualTo(2);
		assertThat(stored.json().get("items").get(0).get("submitted_by").asString()).isEqualTo("upload-test");
	}

	@Test
	void aKeyRepeatedInOneUploadIsStoredOnce() {
		String key = UUID.randomUUID().toString();

		JsonNode results = send(
				List.of(upload(key, "2026-11-02", 8), upload(key, "2026-11-02", 8), upload(key, "2026-11-02", 5)))
			.json();

		assertThat(results.get(0).get("status").asString()).isEqualTo("created");
		assertThat(results.get(1).get("status").asString()).isEqualTo("duplicate");
		assertThat(results.get(1).get("id")).isEqualTo(results.get(0).get("id"));
		assertThat(results.get(2).get("status").asString()).isEqualTo("rejected");
	}

	@Test
	void aFullUploadIsStoredWhole() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			batch.add(upload(UUID.randomUUID().toString(), "2026-11-02", 1));
		}

		JsonNode results = send(batch).json();

		assertThat(results).hasSize(50)
			.allSatisfy((result) -> assertThat(result.get("status").asString()).isEqualTo("created"));
		ApiClient.Response stored = this.api.get("/timesheets?employee_id=" + this.employee)
			.bearer(tokens().client("upload-test").scope("read:timesheets").rs256())
			.send();
		assertThat(stored.json().get("total_elements").asLong()).isEqualTo(50);
	}

	@Test
	void entryIdsAreTimeOrderedSoLaterUploadsSortAfterEarlierOnes() throws InterruptedException {
		List<UUID> ids = new ArrayList<>();
		for (int upload = 0; upload < 3; upload++) {
			JsonNode results = send(List.of(upload(UUID.randomUUID().toString(), "2026-11-02", 1))).json();
			ids.add(UUID.fromString(results.get(0).get("id").asString()));
			Thread.sleep(2);
		}

		assertThat(ids).allSatisfy((id) -> assertThat(id.version()).as("UUIDv7, RFC 9562").isEqualTo(7));
		assertThat(ids).isSortedAccordingTo(UploadTest::unsigned);
	}

	/**
	 * UUIDv7 sorts by its bytes, as PostgreSQL and H2 compare UUIDs, not by
	 * {@link UUID#compareTo}'s signed longs.
	 */
	private static int unsigned(UUID a, UUID b) {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	}

	@Test
	void anEntryWithoutAKeyOrWithSeveralInvalidFieldsIsRejectedNamingEachField() {
		Map<String, Object> noKey = new HashMap<>(entry(this.employee, "2026-11-02", "apollo", 1));
		Map<String, Object> bad = new HashMap<>();
		bad.put("idempotency_key", UUID.randomUUID().toString());
		bad.put("hours", 0);

		JsonNode results = send(List.of(noKey, bad)).json();

		assertThat(fieldsOf(results.get(0))).containsExactly("idempotency_key");
		assertThat(fieldsOf(results.get(1))).containsExactlyInAnyOrder("date", "employee_id", "hours", "project");
	}

	@Test
	void moreEntriesThanTheLimitAreRefusedWith413() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			batch.add(upload(UUID.randomUUID().toString(), "2026-11-02", 1));
		}

		ApiClient.Response response = send(batch);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("50");
	}

	@Test
	void aBodyLargerThanTheByteLimitIsRefusedWith413() {
		Map<String, Object> entry = upload(UUID.randomUUID().toString(), "2026-11-02", 1);
		entry.put("notes", "n".repeat(70 * 1024));

		ApiClient.Response declared = send(List.of(entry));
		ApiClient.Response streamed = this.api.post("/timesheets/upload")
			.bearer(this.uploader)
			.jsonStreamed(ApiClient.json(List.of(entry)))
			.send();
		// The same endpoint, reached through a percent-encoded path.
		ApiClient.Response encodedPath = this.api.post("/timesheets/%75pload")
			.bearer(this.uploader)
			.json(List.of(entry))
			.send();

		for (ApiClient.Response response : List.of(declared, streamed, encodedPath)) {
			assertThat(response.status()).as(response.toString()).isEqualTo(413);
			assertThat(response.contentType()).isEqualTo("application/problem+json");
			assertThat(response.json().get("detail").asString()).contains("65536 bytes");
		}
	}

	@Test
	void anEmptyBatchOrOneThatIsNotAnArrayIsABadRequest() {
		assertThat(send(List.of()).status()).isEqualTo(400);
		ApiClient.Response notAnArray = this.api.post("/timesheets/upload").bearer(this.uploader).json("{}").send();
		assertThat(notAnArray.status()).isEqualTo(400);
		assertThat(notAnArray.json().get("detail").asString()).isEqualTo("The request body must be a JSON array");
	}

	@Test
	void aValueOfTheWrongTypeNamesTheEntryAndField() {
		ApiClient.Response response = this.api.post("/timesheets/upload")
			.bearer(this.uploader)
			.json("[{\"idempotency_key\":\"k\",\"employee_id\":\"E\",\"date\":\"2026-11-02\",\"project\":\"p\",\"hours\":1},"
					+ "{\"idempotency_key\":\"k2\",\"employee_id\":\"E\",\"date\":\"2026-11-02\",\"project\":\"p\",\"hours\":\"many\"}]")
			.send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(TimesheetApiTest.fields(response)).containsExactly("[1].hours");
	}

	@Test
	void valuesOfTheWrongTypeInSeveralEntriesAreAllNamed() {
		ApiClient.Response response = this.api.post("/timesheets/upload")
			.bearer(this.uploader)
			.json("[{\"idempotency_key\":\"k\",\"employee_id\":\"E\",\"date\":\"02/11/2026\",\"project\":\"p\",\"hours\":1},"
					+ "{\"idempotency_key\":\"k2\",\"employee_id\":{\"id\":\"E\"},\"date\":\"2026-11-02\",\"project\":\"p\",\"hours\":\"many\"},"
					+ "42]")
			.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(TimesheetApiTest.problems(response)).containsExactly("[0].date: must be a date (yyyy-MM-dd)",
				"[1].employee_id: must be a string", "[1].hours: must be a number", "[2]: must be an object");
	}

	private static List<String> fieldsOf(JsonNode result) {
		List<String> fields = new ArrayList<>();
		result.get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

}
