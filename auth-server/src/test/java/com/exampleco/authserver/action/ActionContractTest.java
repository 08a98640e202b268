package com.exampleco.authserver.action;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.exampleco.authserver.TokenEndpointClient;
import com.exampleco.authserver.TokenEndpointClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a bound Action does to a client credentials token request, seen by a client over
 * real HTTP: the same cases for an Action written in JavaScript
 * ({@link JavaScriptActionsTest}) and in Java ({@link JavaActionsTest}). Each client of
 * {@code application-actions.yml} carries a {@code probe} in its metadata that names what
 * the probe Action does for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
abstract class ActionContractTest {

	static final String TIMESHEETS = "https://api.exampleco.com/timesheets";
	static final String SECRET = "pzoVGTYXyuxzSn_GGhn2WVbHBb-WJzSjOl5TfRjkX4M";
	static final String API_KEY = "test-api-key-Hx2Lw9Qv7Rk4";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	TokenEndpointClient server;

	@BeforeEach
	void connect() {
		server = new TokenEndpointClient(port);
	}

	Answer token(String clientId, String... parameters) {
		String[] all = new String[parameters.length + 4];
		all[0] = "grant_type";
		all[1] = "client_credentials";
		all[2] = "audience";
		all[3] = TIMESHEETS;
		System.arraycopy(parameters, 0, all, 4, parameters.length);
		return server.post("/oauth/token", TokenEndpointClient.basic(clientId, SECRET),
				"application/x-www-form-urlencoded", TokenEndpointClient.form(all));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> claims(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		String payload = answer.accessToken().split("\\.")[1];
		return JSON.readValue(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), Map.class);
	}

	/** After any failure, the token endpoint still issues tokens. */
	void theEndpointStillAnswers() {
		assertThat(claims(token("cost-center-client"))).containsEntry("https://exampleco.com/cost_center", "CC-4711");
	}

	@Test
	void theDemoActionPutsTheClientsCostCenterIntoTheToken() {
		Map<String, Object> claims = claims(token("cost-center-client"));

		assertThat(claims).containsEntry("https://exampleco.com/cost_center", "CC-4711")
			.containsEntry("sub", "cost-center-client@clients")
			.containsEntry("scope", "read:timesheets");
	}

	@Test
	void theDemoActionRefusesASuspendedClient() {
		Answer answer = token("suspended-client");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
		assertThat(answer.description()).isEqualTo("Client suspended-client is suspended.");
		assertThat(answer.accessToken()).isNull();
	}

	@Test
	void customClaimsKeepTheirJsonTypes() {
		Map<String, Object> claims = claims(token("probe-claims"));

		assertThat(claims).containsEntry("https://test/string", "text")
			.containsEntry("https://test/number", 42)
			.containsEntry("https://test/object", Map.of("tier", "gold", "regions", List.of("eu", "us")))
			.as("Auth0 allows non-namespaced custom claims since 2022")
			.containsEntry("plain_claim", true);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEventHasAuth0sFieldsFilledFromTheRequest() {
		Answer answer = server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
			.header("Authorization", TokenEndpointClient.basic("probe-event", SECRET))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", "timesheets-import/1.0")
			.POST(HttpRequest.BodyPublishers.ofString(TokenEndpointClient.form("grant_type", "client_credentials",
					"audience", TIMESHEETS, "scope", "read:timesheets", "organization", "acme"))));

		Map<String, Object> event = (Map<String, Object>) claims(answer).get("https://test/event");

		assertThat(event.get("client")).isEqualTo(Map.of("client_id", "probe-event", "name", "Probe event", "metadata",
				Map.of("probe", "event", "cost_center", "CC-4711")));
		assertThat(event.get("resource_server")).isEqualTo(Map.of("identifier", TIMESHEETS));
		Map<String, Object> request = (Map<String, Object>) event.get("request");
		assertThat(request).containsEntry("ip", "127.0.0.1")
			.containsEntry("hostname", "127.0.0.1")
			.containsEntry("user_agent", "timesheets-import/1.0")
			.containsEntry("method", "POST")
			.containsEntry("geoip", Map.of());
		assertThat((Map<String, Object>) request.get("body")).containsEntry("grant_type", "client_credentials")
			.containsEntry("client_id", "probe-event")
			.containsEntry("scope", "read:timesheets")
			.doesNotContainKey("client_secret");
		assertThat(event.get("transaction")).isEqualTo(Map.of("requested_scopes", List.of("read:timesheets")));
		assertThat(event.get("organization")).isEqualTo(
				Map.of("id", "org_acme", "name", "acme", "display_name", "Acme Corporation", "metadata", Map.of()));
		assertThat(event.get("tenant")).isEqualTo(Map.of("id", "exampleco"));
		assertThat(event.get("secrets")).as("the probe Action's secret names").isEqualTo(Map.of("API_KEY", "present"));
		assertThat(event.get("accessToken")).as("the scopes granted, and the claims of the Actions that ran before")
			.isEqualTo(Map.of("scope", List.of("read:timesheets"), "customClaims", customClaimsBeforeTheProbe()));
	}

	/** What the Actions bound before the probe have set for {@code probe-event}. */
	abstract Map<String, Object> customClaimsBeforeTheProbe();

	@Test
	void anActionReadsItsSecrets(CapturedOutput output) {
		assertThat(claims(token("probe-secrets"))).containsEntry("https://test/api_key_matches", true);
		assertThat(output.getAll()).doesNotContain(API_KEY);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theCacheKeepsAValueForLaterRequestsWithinAuth0sLimits() {
		Map<String, Object> first = (Map<String, Object>) claims(token("probe-cache")).get("https://test/cache");
		Map<String, Object> second = (Map<String, Object>) claims(token("probe-cache")).get("https://test/cache");
		Object deleted = claims(token("probe-cache-delete")).get("https://test/deleted");
		Map<String, Object> afterDelete = (Map<String, Object>) claims(token("probe-cache")).get("https://test/cache");

		assertThat(first).containsEntry("before", null)
			.containsEntry("write", Map.of("type", "success"))
			.as("a value over 4 KB is refused")
			.containsEntry("tooLarge", Map.of("type", "error", "code", "value_too_large"));
		assertThat(second).containsEntry("before", "1").containsEntry("expiresInTheFuture", true);
		assertThat(deleted).isEqualTo(List.of(Map.of("type", "success"), Map.of("type", "error", "code", "not_found")));
		assertThat(afterDelete).containsEntry("before", null);
	}

	@Test
	void reservedClaimsAreDroppedAsInAuth0AndTheTokenIsStillIssued(CapturedOutput output) {
		Map<String, Object> claims = claims(token("probe-reserved"));
		token("probe-reserved");

		assertThat(claims).containsEntry("iss", "https://auth.test.example/")
			.containsEntry("sub", "probe-reserved@clients")
			.containsEntry("aud", TIMESHEETS)
			.containsEntry("scope", "read:timesheets create:timesheets")
			.containsEntry("gty", "client-credentials")
			.containsEntry("azp", "probe-reserved")
			.containsEntry("client_id", "probe-reserved")
			.containsEntry("https://test/allowed", "yes")
			.doesNotContainKeys("org_id", "permissions", "sip_date", "urn:auth0:role");
		assertThat(claims.get("exp")).isNotEqualTo("forged");
		assertThat(claims.get("jti")).isNotEqualTo("forged");
		assertThat(output.getAll()).as("one WARN per Action and claim, not one per request")
			.containsOnlyOnce("Action 'probe' set the reserved claim 'iss'")
			.contains("Action 'probe' set the reserved claim 'scope'");
	}

	@Test
	@SuppressWarnings("unchecked")
	void anActionSeesTheClaimsOfTheActionsBeforeIt() {
		Map<String, Object> seen = (Map<String, Object>) claims(token("probe-chain")).get("https://test/seen");

		assertThat(seen).containsEntry("https://test/first", "from probe")
			.containsEntry("https://exampleco.com/cost_center", "CC-4711");
	}

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource({ "probe-deny-scope,   400, invalid_scope,   This client may not have these scopes.",
			"probe-deny-request, 400, invalid_request, This client is not welcome.",
			"probe-deny-server,  500, server_error,    The ledger is down." })
	void aDenialIsAnsweredWithTheActionsCodeAndReason(String client, int status, String error, String reason,
			CapturedOutput output) {
		Answer answer = token(client);

		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.error()).isEqualTo(error);
		assertThat(answer.description()).isEqualTo(reason);
		assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
		assertThat(output.getAll()).contains("Action 'probe' denied the token request of client_id=" + client);
	}

	@Test
	void aDenialWithACodeAuth0DoesNotAcceptFailsTheAction() {
		Answer answer = token("probe-deny-bad-code");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("access_denied");
		assertThat(answer.description()).contains("invalid_scope, invalid_request, server_error");
	}

	@Test
	void anActionThatThrowsRefusesTheTokenWithAccessDeniedAsAuth0Does(CapturedOutput output) {
		Answer answer = token("probe-throw");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("access_denied");
		assertThat(answer.description()).isEqualTo("The probe failed on purpose");
		assertThat(output.getAll())
			.contains("Action 'probe' failed for client_id=probe-throw: The probe failed on " + "purpose");
		theEndpointStillAnswers();
	}

	@Test
	void theActionsSecretsAreMaskedInTheAnswerAndTheLog(CapturedOutput output) {
		Answer answer = token("probe-throw-secret");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.description()).isEqualTo("Rejected key [secret]");
		assertThat(output.getAll()).contains("Action 'probe' failed for client_id=probe-throw-secret")
			.doesNotContain(API_KEY);
	}

	@Test
	void customClaimsOverAuth0s100KbLimitRefuseTheToken() {
		Answer answer = token("probe-big-claims");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("access_denied");
		assertThat(answer.description()).isEqualTo("Custom claims payload exceeds 100 KB.");
		theEndpointStillAnswers();
	}

}
