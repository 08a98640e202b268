package com.exampleco.authserver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.ORG_DEFAULT;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every token request leaves one tenant log event in Auth0's schema: {@code seccft} with
 * the token decoded, {@code feccft} with the error and what was asked, {@code limit_wc}
 * for a brute-force refusal; never the secret nor the token.
 */
class TenantLogEventsTest extends AuthServerIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	static final JsonMapper JSON_READER = JSON;

	@Autowired
	DataSource dataSource;

	@Test
	void anIssuedTokenIsLoggedAsSeccftWithItsClaimsDecodedButNotTheTokenNorTheSecret() {
		String agent = agent();
		var answer = request(agent, null, "grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
				"client_secret", IMPORT_JOB.secret(), "audience", TIMESHEETS, "organization", "acme");
		assertThat(answer.status()).isEqualTo(200);
		String token = answer.accessToken();
		String jti = (String) claims(token).get("jti");

		Map<String, Object> event = awaitEvent("seccft", IMPORT_JOB.clientId(), agent);

		assertThat(event).containsEntry("type", "seccft")
			.containsEntry("client_id", IMPORT_JOB.clientId())
			.containsEntry("client_name", "Timesheets Import Job")
			.containsEntry("audience", TIMESHEETS)
			.containsEntry("scope", "batch:upload create:timesheets")
			.containsEntry("ip", "127.0.0.1")
			.containsKey("date")
			.containsKey("log_id")
			.containsKey("hostname");
		assertThat((String) event.get("log_id")).hasSize(38).startsWith("900");
		Map<String, Object> details = map(event.get("details"));
		assertThat(details).containsEntry("jti", jti)
			.containsEntry("expires_in", 3600)
			.containsEntry("client_authentication_method", "client_secret_post")
			.containsEntry("organization", Map.of("id", "org_acme", "name", "acme"))
			.containsEntry("scopes", List.of("batch:upload", "create:timesheets"));
		Map<String, Object> decoded = map(details.get("token"));
		assertThat(map(decoded.get("header"))).containsEntry("alg", "RS256")
			.containsEntry("typ", "at+jwt")
			.containsKey("kid");
		assertThat(map(decoded.get("claims"))).containsEntry("sub", IMPORT_JOB.clientId() + "@clients")
			.containsEntry("org_id", "org_acme")
			.containsEntry("jti", jti);
		assertThat(storedText()).doesNotContain(IMPORT_JOB.secret())
			.doesNotContain(token)
			.doesNotContain(token.substring(token.lastIndexOf('.') + 1));
	}

	@Test
	void basicAuthenticationAndADefaultOrganizationAreLoggedToo() {
		String agent = agent();
		var answer = request(agent, TokenEndpointClient.basic(ORG_DEFAULT.clientId(), ORG_DEFAULT.secret()),
				"grant_type", "client_credentials", "audience", TIMESHEETS);
		assertThat(answer.status()).isEqualTo(200);

		Map<String, Object> details = map(awaitEvent("seccft", ORG_DEFAULT.clientId(), agent).get("details"));

		assertThat(details).containsEntry("client_authentication_method", "client_secret_basic")
			.containsEntry("organization", Map.of("id", "org_globex", "name", "globex"));
		assertThat(storedText()).doesNotContain(ORG_DEFAULT.secret()).doesNotContain(answer.accessToken());
	}

	@Test
	void aWrongSecretIsLoggedAsFeccftWithTheErrorAndNeverTheSecretTried() {
		String tried = "wrong-secret-" + System.nanoTime();
		String agent = agent();
		var answer = request(agent, TokenEndpointClient.basic(READER.clientId(), tried), "grant_type",
				"client_credentials", "audience", TIMESHEETS, "scope", "read:timesheets");
		assertThat(answer.status()).isEqualTo(401);

		Map<String, Object> event = awaitEvent("feccft", READER.clientId(), agent);

		assertThat(event).containsEntry("client_name", "Reader with a default audience")
			.containsEntry("audience", TIMESHEETS)
			.containsEntry("scope", "read:timesheets");
		Map<String, Object> details = map(event.get("details"));
		assertThat(details).containsEntry("error", "invalid_client").containsEntry("status", 401);
		assertThat(map(details.get("request"))).containsEntry("audience", TIMESHEETS)
			.containsEntry("scope", "read:timesheets")
			.containsEntry("grant_type", "client_credentials");
		assertThat(storedText()).doesNotContain(tried).doesNotContain(READER.secret());
	}

	@Test
	void aRefusedScopeIsLoggedWithWhatWasAskedEscapedAndCut() {
		String organization = "acme\r\nforged line" + "x".repeat(500);
		String agent = agent();
		var answer = request(agent, null, "grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
				"client_secret", IMPORT_JOB.secret(), "audience", TIMESHEETS, "scope", "delete:timesheets",
				"organization", organization);
		assertThat(answer.status()).isEqualTo(400);

		Map<String, Object> event = awaitEvent("feccft", IMPORT_JOB.clientId(), agent);
		assertThat(map(event.get("details"))).containsEntry("error", "invalid_scope");

		Map<String, Object> asked = map(map(event.get("details")).get("request"));
		assertThat((String) asked.get("organization")).startsWith("acme\\u000d\\u000aforged line")
			.hasSizeLessThan(260)
			.doesNotContain("\n");
		assertThat(storedText()).doesNotContain(IMPORT_JOB.secret());
	}

	@Test
	void aRequestRefusedBeforeItsBodyWasReadIsLoggedWithoutItsParameters() {
		String agent = agent();
		var answer = server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
			.header("Authorization", TokenEndpointClient.basic(READER.clientId(), READER.secret()))
			.header("Content-Type", "text/plain")
			.header("User-Agent", agent)
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
		assertThat(answer.status()).isEqualTo(400);

		Map<String, Object> event = awaitEvent("feccft", READER.clientId(), agent);
		assertThat(map(event.get("details"))).containsEntry("error", "invalid_request");

		assertThat(map(event.get("details"))).doesNotContainKey("request");
	}

	// ---

	/** The event of the request sent with this User-Agent: every test sends its own. */
	private Map<String, Object> awaitEvent(String type, String clientId, String agent) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		List<Map<String, Object>> rows = await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.queryForList(
					"select * from tenant_log where type = ? and client_id = ? and user_agent = ?", type, clientId,
					agent), found -> !found.isEmpty());
		assertThat(rows).hasSize(1);
		return event(rows.get(0));
	}

	private static String agent() {
		return "tenant-log-test-" + System.nanoTime();
	}

	private TokenEndpointClient.Answer request(String agent, String authorization, String... form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", agent)
			.POST(HttpRequest.BodyPublishers.ofString(TokenEndpointClient.form(form)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return server.send(request);
	}

	private static Map<String, Object> event(Map<String, Object> row) {
		Map<String, Object> event = new java.util.LinkedHashMap<>();
		row.forEach((column, value) -> event.put(column.toLowerCase(), value));
		event.put("details",
				event.get("details") == null ? Map.of() : JSON.readValue((String) event.get("details"), Map.class));
		return event;
	}

	/** Every stored column of every event, as text. */
	private String storedText() {
		StringBuilder all = new StringBuilder();
		new JdbcTemplate(dataSource).queryForList("select * from tenant_log")
			.forEach(row -> row.values().forEach(value -> all.append(value).append('\n')));
		return all.toString();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> claims(String token) {
		String payload = token.split("\\.")[1];
		return JSON.readValue(java.util.Base64.getUrlDecoder().decode(payload), Map.class);
	}

}
