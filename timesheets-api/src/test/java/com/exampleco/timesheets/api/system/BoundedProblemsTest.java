package com.exampleco.timesheets.api.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a request built to make its answer large (thousands of wrong values, a huge value
 * where a short one belongs), the answer stays small: at most 100 field problems, the
 * number left out, and no value echoed whole.
 */
class BoundedProblemsTest extends ApiIntegrationTest {

	private final String uploader = tokens().scope("batch:upload create:timesheets").rs256();

	@Test
	void anUploadOfThousandsOfWrongValuesGetsTheFirstHundredAndTheNumberLeftOut() {
		// 4,000 wrong-typed values in 60 kB: one problem each would be an answer several
		// times the request.
		String upload = "[" + String.join(",", java.util.Collections.nCopies(4000, "{\"hours\":\"x\"}")) + "]";

		ApiClient.Response response = this.api.post("/timesheets/upload").bearer(this.uploader).json(upload).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body().length()).isLessThan(upload.length()).isLessThan(16 * 1024);
		JsonNode problem = response.json();
		assertThat(problem.get("errors")).hasSize(100);
		assertThat(problem.get("omitted").asInt()).isEqualTo(3900);
		assertThat(problem.get("errors").get(99).get("field").asString()).isEqualTo("[99].hours");
		assertThat(problem.get("detail").asString()).startsWith("Invalid [0].hours, [1].hours,")
			.endsWith("[19].hours and 3980 more");
	}

	@Test
	void aHugeValueInAnUploadEntryIsNotEchoedWhole() {
		String key = "k".repeat(30 * 1024);

		ApiClient.Response response = this.api.post("/timesheets/upload")
			.bearer(this.uploader)
			.json(List.of(Map.of("idempotency_key", key, "employee_id", "E-1", "date", "2026-11-02", "project",
					"apollo", "hours", 1)))
			.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get(0).get("status").asString()).isEqualTo("rejected");
		assertThat(response.body().length()).isLessThan(1024);
	}

	@Test
	void aHugeContentTypeIsNotEchoedWhole() {
		ApiClient.Response response = this.api.post("/timesheets")
			.bearer(this.uploader)
			.header("Content-Type", "text/" + "x".repeat(6 * 1024))
			.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(415);
		assertThat(response.body().length()).isLessThan(2048);
		assertThat(response.body()).doesNotContain("x".repeat(1001));
	}

	@Test
	void everyProblemOfABodyIsStillNamedWhenThereAreFew() {
		List<Map<String, Object>> upload = new ArrayList<>();
		upload.add(Map.of("hours", "x", "date", "y"));

		ApiClient.Response response = this.api.post("/timesheets/upload").bearer(this.uploader).json(upload).send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors")).hasSize(2);
		assertThat(response.json().has("omitted")).isFalse();
		assertThat(response.json().get("detail").asString()).isEqualTo("Invalid [0].date, [0].hours");
	}

}
