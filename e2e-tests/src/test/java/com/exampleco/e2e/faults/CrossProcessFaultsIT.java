package com.exampleco.e2e.faults;

import java.io.IOException;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.exampleco.e2e.ApiEntries;
import com.exampleco.e2e.AppLogsOnFailure;
import com.exampleco.e2e.SampleEntries;
import com.exampleco.e2e.http.ActuatorMetrics;
import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Json;
import com.exampleco.e2e.http.Jwt;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Landscape;
import com.exampleco.e2e.process.ManagedApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens between processes when one of them is not there: the authorization server
 * is down when the import job starts, the API is killed in the middle of an upload, the
 * authorization server restarts. One landscape serves the three cases, in this order, to
 * keep the suite short: it starts without its authorization server, which the first case
 * brings up.
 */
@DisplayName("Cross-process faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossProcessFaultsIT {

	@TempDir
	static Path dir;

	static Landscape landscape;

	static final Http http = new Http();

	static final ActuatorMetrics metrics = new ActuatorMetrics(http);

	static TokenEndpoint tokens;

	@RegisterExtension
	static final AppLogsOnFailure logs = new AppLogsOnFailure(() -> (landscape != null) ? landscape.apps() : null);

	@BeforeAll
	static void startWithoutTheAuthorizationServer() {
		landscape = Landscape.builder(dir)
			.chunkSize(50)
			// A short key cache, so that the API fetches the keys again from a restarted
			// authorization server instead of proving nothing with the keys it cached
			// before.
			.apiArguments(List.of("--timesheets.security.jwks.cache-time-to-live=3s",
					"--timesheets.security.jwks.refresh-min-interval=1s"))
			.build();
		tokens = new TokenEndpoint(http, landscape.authServer().uri("/oauth/token"));
		SampleEntries.csv(landscape.inbox(), "early.csv", "EARLY", 400);
		landscape.api().start();
		landscape.batchClient().start();
		landscape.api().awaitHealthy(Landscape.STARTUP_TIMEOUT);
		landscape.batchClient().awaitHealthy(Landscape.STARTUP_TIMEOUT);
	}

	@AfterAll
	static void stopTheLandscape() {
		if (landscape != null) {
			landscape.close();
		}
	}

	@Test
	@Order(1)
	@DisplayName("the authorization server is down when the import job starts and comes up later: the run succeeds")
	void authorizationServerComesUpLater() throws IOException {
		await("the import job to fail to get a token").atMost(Duration.ofSeconds(60))
			.until(() -> metrics.count(landscape.batchClient(), "batch.tokens.failed", null) >= 1);
		assertThat(metrics.count(landscape.batchClient(), "batch.entries.sent", null)).isZero();

		landscape.authServer().start().awaitHealthy(Landscape.STARTUP_TIMEOUT);

		awaitProcessed("early.csv");
		assertThat(metrics.count(landscape.batchClient(), "batch.entries.sent", "outcome:created")).isEqualTo(400);
		assertEveryEntryOnce(400);
	}

	@Test
	@Order(2)
	@DisplayName("the API is killed (SIGKILL) in the middle of an upload and restarted: every entry is stored once")
	void apiKilledMidUpload() throws IOException {
		ensureRunning(landscape.authServer());
		int before = currentEntries();
		double sentBefore = metrics.count(landscape.batchClient(), "batch.entries.sent", null);
		int entries = 4000;
		SampleEntries.csv(landscape.inbox(), "large.csv", "LARGE", entries);

		await("the first chunks of large.csv to be acknowledged").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> metrics.count(landscape.batchClient(), "batch.entries.sent", null) >= sentBefore + 100);
		landscape.api().kill();
		double sentAtKill = metrics.count(landscape.batchClient(), "batch.entries.sent", null);
		assertThat(sentAtKill - sentBefore).as("entries acknowledged when the API was killed").isLessThan(entries);

		landscape.api().start().awaitHealthy(Landscape.STARTUP_TIMEOUT);

		awaitProcessed("large.csv");
		assertEveryEntryOnce(before + entries);
	}

	@Test
	@Order(3)
	@DisplayName("the authorization server restarts: tokens it issued before still validate at the API")
	void tokensSurviveAnAuthorizationServerRestart() {
		ensureRunning(landscape.authServer());
		String issuedBefore = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		assertThat(http.get(landscape.api().uri("/timesheets?size=1"), issuedBefore).status()).isEqualTo(200);

		landscape.authServer().stop();
		landscape.authServer().start().awaitHealthy(Landscape.STARTUP_TIMEOUT);

		Response jwks = http.get(landscape.authServer().uri("/.well-known/jwks.json"), null);
		Set<String> kids = Json.parse(jwks.body())
			.path("keys")
			.valueStream()
			.map((key) -> key.path("kid").asString())
			.collect(Collectors.toSet());
		assertThat(kids).as("keys served after the restart").contains(Jwt.decode(issuedBefore).kid());

		// Past the API's key cache lifetime: the API now checks the old token against
		// keys fetched after the restart.
		sleep(Duration.ofSeconds(4));
		Response afterRestart = http.get(landscape.api().uri("/timesheets?size=1"), issuedBefore);
		assertThat(afterRestart.status()).as(afterRestart.toString()).isEqualTo(200);
		String issuedAfter = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		assertThat(http.get(landscape.api().uri("/timesheets?size=1"), issuedAfter).status()).isEqualTo(200);
	}

	static void ensureRunning(ManagedApp app) {
		if (!app.isRunning()) {
			app.start().awaitHealthy(Landscape.STARTUP_TIMEOUT);
		}
	}

	static void awaitProcessed(String file) throws IOException {
		Path processed = landscape.inbox().resolve("processed").resolve(file);
		await(file + " to be delivered and moved to processed/").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> Files.exists(processed) && !Files.exists(landscape.inbox().resolve(file)));
		assertThat(failedReports()).as("failure reports").isEmpty();
	}

	static List<Path> failedReports() throws IOException {
		Path failed = landscape.inbox().resolve("failed");
		if (!Files.isDirectory(failed)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(failed)) {
			return files.toList();
		}
	}

	static int currentEntries() {
		String token = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		return ApiEntries.all(http, landscape.api(), token).size();
	}

	static void assertEveryEntryOnce(int expected) {
		String token = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		List<JsonNode> entries = ApiEntries.all(http, landscape.api(), token);
		Set<String> distinct = entries.stream().map(ApiEntries::identity).collect(Collectors.toSet());
		assertThat(distinct).as("distinct entries").hasSize(expected);
		assertThat(entries).as("stored entries").hasSize(expected);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
