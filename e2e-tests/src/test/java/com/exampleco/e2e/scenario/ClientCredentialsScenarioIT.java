package com.exampleco.e2e.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.exampleco.e2e.ApiEntries;
import com.exampleco.e2e.AppLogsOnFailure;
import com.exampleco.e2e.SampleEntries;
import com.exampleco.e2e.http.ActuatorMetrics;
import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Jwt;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scenario of Auth0's "Server Client + API" as three real processes: the import job
 * gets one token and uploads an inbox of entries; a reporting service reads them; an
 * approval service approves one; and every refusal looks as the protocol says. One set of
 * processes serves every test here.
 */
@DisplayName("Client credentials, end to end")
class ClientCredentialsScenarioIT {

	static final String PAYROLL_AUDIENCE = "https://api.exampleco.com/payroll";

	/**
	 * Three files, two formats, 15 chunks of 100: enough to show that one token serves
	 * many requests.
	 */
	static final int ENTRIES = 600 + 600 + 300;

	@TempDir
	static Path dir;

	static Landscape landscape;

	static final Http http = new Http();

	static TokenEndpoint tokens;

	@RegisterExtension
	static final AppLogsOnFailure logs = new AppLogsOnFailure(() -> (landscape != null) ? landscape.apps() : null);

	@BeforeAll
	static void startTheLandscape() throws IOException {
		landscape = Landscape.builder(dir)
			.authServerArguments(List.of("--spring.config.additional-location=file:" + seedFile()))
			.chunkSize(100)
			.build();
		SampleEntries.csv(landscape.inbox(), "2026-01-a.csv", "EMP-A", 600);
		SampleEntries.csv(landscape.inbox(), "2026-01-b.csv", "EMP-B", 600);
		SampleEntries.jsonLines(landscape.inbox(), "2026-01-c.jsonl", "EMP-C", 300);
		landscape.start();
		tokens = new TokenEndpoint(http, landscape.authServer().uri("/oauth/token"));
	}

	@AfterAll
	static void stopTheLandscape() {
		if (landscape != null) {
			landscape.close();
		}
	}

	@Test
	@DisplayName("the import job delivers the whole inbox with exactly one token request")
	void importJobDeliversTheInboxWithOneToken() {
		awaitImport();
		ActuatorMetrics metrics = new ActuatorMetrics(http);
		assertThat(metrics.count(landscape.batchClient(), "batch.tokens.fetched", null)).isEqualTo(1.0);
		assertThat(metrics.count(landscape.batchClient(), "batch.tokens.failed", null)).isZero();
		assertThat(metrics.count(landscape.batchClient(), "batch.failures", null)).isZero();
		assertThat(landscape.inbox().resolve("processed")).isDirectoryContaining("glob:**/2026-01-a.csv")
			.isDirectoryContaining("glob:**/2026-01-b.csv")
			.isDirectoryContaining("glob:**/2026-01-c.jsonl");
		// Its summary says so too, in words an operator reads.
		assertThat(landscape.batchClient().logTail(400)).containsPattern("token requests\\s+1\\b");
	}

	@Test
	@DisplayName("a reporting client lists every entry exactly once, submitted by the import job")
	void readerListsEveryEntryOnce() {
		awaitImport();
		String token = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		List<JsonNode> entries = ApiEntries.all(http, landscape.api(), token);
		assertThat(entries).hasSize(ENTRIES);
		Set<String> distinct = entries.stream().map(ApiEntries::identity).collect(Collectors.toSet());
		assertThat(distinct).hasSize(ENTRIES);
		assertThat(entries).allSatisfy((entry) -> {
			assertThat(entry.path("submitted_by").asString()).isEqualTo("timesheets-import-job");
			assertThat(entry.path("id").asString()).isNotBlank();
		});
	}

	@Test
	@DisplayName("an approval client approves an entry, and the reporting client sees it approved")
	void approverApprovesAnEntry() {
		awaitImport();
		String approverToken = tokens.accessToken(landscape.clients().approver(), Landscape.AUDIENCE);
		Response pending = http.get(landscape.api().uri("/approvals?size=1"), approverToken);
		assertThat(pending.status()).isEqualTo(200);
		String id = pending.json().path("items").get(0).path("id").asString();

		Response approved = http.put(landscape.api().uri("/approvals/" + id), approverToken);
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().path("approved").asBoolean()).isTrue();
		assertThat(approved.json().path("approved_by").asString()).isEqualTo("timesheets-approver");

		String readerToken = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		Response read = http.get(landscape.api().uri("/timesheets/" + id), readerToken);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("approved").asBoolean()).isTrue();
	}

	@Test
	@DisplayName("a client without the needed scope gets 403 insufficient_scope naming that scope")
	void missingScopeIsRefusedWith403() {
		String readerToken = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		Response approve = http.put(landscape.api().uri("/approvals/00000000-0000-0000-0000-000000000001"),
				readerToken);
		assertThat(approve.status()).isEqualTo(403);
		assertThat(approve.header("WWW-Authenticate")).startsWith("Bearer")
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"approve:timesheets\"");

		String uploadOnlyToken = tokens.accessToken(landscape.clients().importJob(), Landscape.AUDIENCE);
		Response list = http.get(landscape.api().uri("/timesheets"), uploadOnlyToken);
		assertThat(list.status()).isEqualTo(403);
		assertThat(list.header("WWW-Authenticate")).contains("scope=\"read:timesheets\"");
	}

	@Test
	@DisplayName("a valid token for another API is refused with 401 invalid_token")
	void tokenForAnotherAudienceIsRefusedWith401() {
		String payrollToken = tokens.accessToken(landscape.clients().reader(), PAYROLL_AUDIENCE);
		assertThat(Jwt.decode(payrollToken).claims().path("aud").toString()).contains(PAYROLL_AUDIENCE)
			.doesNotContain(Landscape.AUDIENCE);

		Response list = http.get(landscape.api().uri("/timesheets"), payrollToken);
		assertThat(list.status()).isEqualTo(401);
		assertThat(list.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
	}

	@Test
	@DisplayName("a call without a token is refused with 401 and a Bearer challenge")
	void noTokenIsRefusedWith401() {
		Response list = http.get(landscape.api().uri("/timesheets"), null);
		assertThat(list.status()).isEqualTo(401);
		assertThat(list.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	@DisplayName("a client without a grant for the API is refused by the authorization server with access_denied")
	void clientWithoutGrantIsRefusedAccessDenied() {
		Response response = tokens.request(landscape.clients().noGrant(), Landscape.AUDIENCE);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().path("error").asString()).isEqualTo("access_denied");
		assertThat(response.json().path("error_description").asString()).contains(Landscape.AUDIENCE);
	}

	@Test
	@DisplayName("the token carries what the API checks: issuer, audience, client and scope")
	void tokenCarriesIssuerAudienceAndScope() {
		Response response = tokens.request(landscape.clients().reader(), Landscape.AUDIENCE);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("token_type").asString()).isEqualTo("Bearer");
		Jwt jwt = Jwt.decode(response.json().path("access_token").asString());
		assertThat(jwt.header().path("alg").asString()).isEqualTo("RS256");
		assertThat(jwt.header().path("typ").asString()).isEqualToIgnoringCase("at+jwt");
		assertThat(jwt.claims().path("iss").asString()).isEqualTo(landscape.issuer());
		assertThat(jwt.claims().path("aud").toString()).contains(Landscape.AUDIENCE);
		assertThat(jwt.claims().path("sub").asString()).isEqualTo("timesheets-reader@clients");
		assertThat(jwt.claims().path("gty").asString()).isEqualTo("client-credentials");
		assertThat(jwt.claims().path("scope").asString()).isEqualTo("read:timesheets");
	}

	/**
	 * The import job runs every second; the tests that need its entries wait for it here.
	 */
	static void awaitImport() {
		ActuatorMetrics metrics = new ActuatorMetrics(http);
		await("the import job to deliver " + ENTRIES + " entries").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> metrics.count(landscape.batchClient(), "batch.entries.sent", "outcome:created") >= ENTRIES
					&& inboxIsEmpty());
	}

	static boolean inboxIsEmpty() throws IOException {
		try (Stream<Path> files = Files.list(landscape.inbox())) {
			return files.noneMatch(Files::isRegularFile);
		}
	}

	/**
	 * The seed is read by the authorization server's process, so it must be a file, not a
	 * classpath resource.
	 */
	static Path seedFile() throws IOException {
		Path seed = dir.resolve("auth-server-seed.yml");
		try (InputStream in = ClientCredentialsScenarioIT.class.getResourceAsStream("/e2e/auth-server-seed.yml")) {
			Files.copy(in, seed);
		}
		return seed;
	}

}
