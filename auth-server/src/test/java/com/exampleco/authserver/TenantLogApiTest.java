package com.exampleco.authserver;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static com.exampleco.authserver.TestClients.POST_ONLY;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v2/logs} and {@code /api/v2/logs/{id}} as Auth0's: a search with
 * {@code q}, pages and totals, or a checkpoint read with {@code from}/{@code take} and a
 * {@code Link} to the next page; a management token with {@code read:logs}; every refusal
 * in Auth0's error shape.
 */
class TenantLogApiTest extends AuthServerIntegrationTest {

	private ManagementApiClient api;

	@BeforeEach
	void readLogs() {
		api = new ManagementApiClient(port).withToken(ManagementApiClient.token(server, MANAGEMENT, "read:logs"));
	}

	@Test
	void withoutATokenOrWithoutReadLogsTheLogsAreRefusedInAuth0Shape() {
		var anonymous = new ManagementApiClient(port).get("/api/v2/logs");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json()).containsEntry("statusCode", 401).containsEntry("error", "Unauthorized");

		String noReadLogs = ManagementApiClient.token(server, MANAGEMENT, "read:clients");
		for (String path : List.of("/api/v2/logs", "/api/v2/logs/stream",
				"/api/v2/logs/90020261130170501234000000000000000042")) {
			var refused = new ManagementApiClient(port).withToken(noReadLogs).get(path);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.json()).containsEntry("statusCode", 403)
				.containsEntry("errorCode", "insufficient_scope")
				.containsEntry("message", "Insufficient scope, expected any of: read:logs");
		}
	}

	@Test
	void typeAndClientIdFilterTheEventsAndNoneHoldsASecretOrAToken() {
		String agent = "filter-test-" + System.nanoTime();
		assertThat(tokenAs(agent, READER.clientId(), READER.secret()).status()).isEqualTo(200);
		assertThat(tokenAs(agent, POST_ONLY.clientId(), "not-the-secret-" + agent).status()).isEqualTo(401);

		List<Map<String, Object>> failures = await().atMost(Duration.ofSeconds(10))
			.until(() -> withAgent(search("q=" + encode("type:feccft AND client_id:\"post-only\"")), agent),
					found -> found.size() == 1);

		assertThat(failures.get(0)).containsEntry("type", "feccft")
			.containsEntry("client_id", "post-only")
			.containsEntry("client_name", "Client that may only use client_secret_post");
		assertThat(withAgent(search("q=" + encode("type:seccft AND client_id:reader")), agent)).hasSize(1);
		assertThat(withAgent(search("q=" + encode("type:seccft AND client_id:post-only")), agent)).isEmpty();
		var everything = api.get("/api/v2/logs?per_page=100");
		assertThat(everything.body()).doesNotContain(READER.secret())
			.doesNotContain(POST_ONLY.secret())
			.doesNotContain("not-the-secret-")
			.doesNotContain(MANAGEMENT.secret())
			.doesNotContain("eyJ");
	}

	@Test
	void aDateRangeSelectsTheEventsOfThatTime() {
		String agent = "date-test-" + System.nanoTime();
		tokenAs(agent, READER.clientId(), READER.secret());
		String since = Instant.now().minusSeconds(3600).toString();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> withAgent(search("q=" + encode("date:[" + since + " TO *]")), agent).size() == 1);
		assertThat(search("q=" + encode("date:[2000-01-01 TO 2000-12-31]"))).isEmpty();
		assertThat(search("q=" + encode("date:{* TO 2000-01-01}"))).isEmpty();
	}

	@Test
	void pagesComeWithTotalsAndInTheOrderAsked() {
		for (int i = 0; i < 3; i++) {
			tokenAs("paging-test", IMPORT_JOB.clientId(), IMPORT_JOB.secret());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> search("per_page=100").size() >= 3);

		Map<String, Object> page = api.get("/api/v2/logs?per_page=2&page=0&include_totals=true").json();

		assertThat(page).containsEntry("start", 0).containsEntry("limit", 2).containsEntry("length", 2);
		assertThat(((Number) page.get("total")).intValue()).isGreaterThanOrEqualTo(3);
		List<Map<String, Object>> newest = search("per_page=100&sort=" + encode("date:-1"));
		List<Map<String, Object>> oldest = search("per_page=100&sort=" + encode("date:1"));
		assertThat(ids(newest)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(ids(oldest)).isSortedAccordingTo(java.util.Comparator.naturalOrder());
		assertThat(search("per_page=1&page=1")).hasSize(1).first().isNotEqualTo(search("per_page=1&page=0").get(0));
		Map<String, Object> projected = search("per_page=1&fields=" + encode("type,log_id")).get(0);
		assertThat(projected).containsOnlyKeys("type", "log_id");
	}

	@Test
	void checkpointsReadEveryEventOnceInLogIdOrderFollowingTheLinkHeader() {
		for (int i = 0; i < 3; i++) {
			tokenAs("checkpoint-test", READER.clientId(), READER.secret());
		}
		// Events are returned once they are older than checkpoint-delay (3 s by default).
		var first = await().atMost(Duration.ofSeconds(15))
			.until(() -> api.get("/api/v2/logs?take=2"), answer -> listOf(answer).size() == 2);
		List<String> firstIds = ids(listOf(first));
		String next = link(first);
		assertThat(next).startsWith(ISSUER + "api/v2/logs?from=" + firstIds.get(1) + "&take=2");

		// This test's own events come after those two; each appears once it is older than
		// the checkpoint delay.
		var second = await().atMost(Duration.ofSeconds(15))
			.until(() -> api.get(local(next)), answer -> !listOf(answer).isEmpty());

		List<String> secondIds = ids(listOf(second));
		assertThat(secondIds).isNotEmpty().isSorted();
		assertThat(secondIds.get(0)).isGreaterThan(firstIds.get(1));
		String newest = ids(search("per_page=1&sort=" + encode("date:-1"))).get(0);
		var end = api.get("/api/v2/logs?from=" + newest + "&take=100");
		assertThat(listOf(end)).isEmpty();
		assertThat(end.header("Link"))
			.isEqualTo("<" + ISSUER + "api/v2/logs?from=" + newest + "&take=100>; " + "rel=\"next\"");
	}

	@Test
	void oneEventByItsIdAndA404InAuth0ShapeForAnUnknownOne() {
		tokenAs("by-id-test", READER.clientId(), READER.secret());
		String id = await().atMost(Duration.ofSeconds(10))
			.until(() -> ids(search("per_page=1")), found -> !found.isEmpty())
			.get(0);

		var found = api.get("/api/v2/logs/" + id);
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.json()).containsEntry("log_id", id);
		assertThat((String) found.json().get("date")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

		var missing = api.get("/api/v2/logs/90020000101000000000000000000000000000");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json()).containsEntry("statusCode", 404)
			.containsEntry("error", "Not Found")
			.containsEntry("errorCode", "inexistent_log");
		assertThat(api.get("/api/v2/logs/not-a-log-id").status()).isEqualTo(400);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "q=user_name%3Ajane                 | the field 'user_name' is not searchable here",
					"q=type%3Afeccft%20OR%20type%3As    | only AND is supported",
					"q=type%3A%22open                   | unterminated quoted value",
					"per_page=101                       | per_page must be an integer from 0 to 100",
					"per_page=-1                        | per_page must be an integer from 0 to 100",
					"page=10&per_page=100               | Only the first 1000 results",
					"sort=date                          | sort must be date:1",
					"include_totals=yes                 | include_totals must be true or false",
					"fields=secret                      | is not a log field",
					"take=101                           | take must be an integer from 1 to 100",
					"take=0                             | take must be an integer from 1 to 100",
					"from=123&take=5                    | from must be a log_id",
					"q=type%3Aa&q=type%3Ab              | Query parameter q is repeated", })
	void aQueryThisServerWouldNotReadAsAuth0DoesIsA400SayingWhy(String query, String message) {
		var answer = api.get("/api/v2/logs?" + query);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("statusCode", 400)
			.containsEntry("error", "Bad Request")
			.containsEntry("errorCode", "invalid_query_string");
		assertThat((String) answer.json().get("message")).contains(message);
	}

	// ---

	private TokenEndpointClient.Answer tokenAs(String userAgent, String clientId, String secret) {
		return server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", userAgent)
			.POST(HttpRequest.BodyPublishers.ofString(TokenEndpointClient.form("grant_type", "client_credentials",
					"client_id", clientId, "client_secret", secret, "audience", TIMESHEETS))));
	}

	private List<Map<String, Object>> search(String query) {
		var answer = api.get("/api/v2/logs?" + query);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return listOf(answer);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listOf(TokenEndpointClient.Answer answer) {
		return (List<Map<String, Object>>) (List<?>) JsonLists.read(answer.body());
	}

	private static List<Map<String, Object>> withAgent(List<Map<String, Object>> events, String agent) {
		return events.stream().filter(e -> agent.equals(e.get("user_agent"))).toList();
	}

	private static List<String> ids(List<Map<String, Object>> events) {
		return events.stream().map(e -> (String) e.get("log_id")).toList();
	}

	private static String link(TokenEndpointClient.Answer answer) {
		String link = answer.header("Link");
		return link == null ? null : link.substring(1, link.indexOf('>'));
	}

	private String local(String url) {
		return url.substring(ISSUER.length() - 1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** JSON arrays of the API's answers. */
	static final class JsonLists {

		private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
			.builder()
			.build();

		static List<?> read(String body) {
			return JSON.readValue(body, List.class);
		}

	}

}
