package com.exampleco.e2e.quota;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.exampleco.e2e.ApiEntries;
import com.exampleco.e2e.AppLogsOnFailure;
import com.exampleco.e2e.SampleEntries;
import com.exampleco.e2e.http.ActuatorMetrics;
import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Landscape;
import com.exampleco.e2e.process.AppJars;
import com.exampleco.e2e.process.ManagedApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An Auth0 token quota reached in the middle of an import: the authorization server
 * refuses the job's second token with {@code 429} and a {@code Retry-After} up to the end
 * of the UTC hour, far longer than the job waits for a token endpoint
 * ({@code batch.token.max-wait}). The job waits that long, gives up on the chunk, and
 * leaves the file in its inbox with the chunks already acknowledged journaled; once the
 * quota is raised (the operator restarts the authorization server with a larger tenant
 * default), the next run resumes where it stopped, and every entry is stored exactly
 * once.
 */
@DisplayName("Token quota reached mid-run")
class TokenQuotaIT {

	/**
	 * One entry per upload, so that delivering the file takes longer than the job keeps a
	 * token.
	 */
	static final int ENTRIES = 2000;

	@TempDir
	static Path dir;

	static Landscape landscape;

	/** The authorization server restarted with a larger quota. */
	static ManagedApp raised;

	static final Http http = new Http();

	static final ActuatorMetrics metrics = new ActuatorMetrics(http);

	@RegisterExtension
	static final AppLogsOnFailure logs = new AppLogsOnFailure(() -> (landscape == null) ? null
			: (raised == null) ? landscape.apps() : List.of(raised, landscape.api(), landscape.batchClient()));

	@AfterAll
	static void stopTheLandscape() {
		if (raised != null) {
			raised.stop();
		}
		if (landscape != null) {
			landscape.close();
		}
	}

	@Test
	@DisplayName("the job is refused its second token: it waits, keeps the file in its inbox, and loses nothing")
	void aQuotaReachedMidRunDelaysTheJobAndLosesNothing() throws IOException {
		landscape = Landscape.builder(dir)
			.chunkSize(1)
			// One token an hour for every client (the tenant default, as Auth0's
			// default_token_quota).
			.authServerArguments(quota(1))
			// The token lives 24 h; the job replaces it once it is within clock-skew of
			// expiring, so here after about a second, long before the file is delivered:
			// the job asks for a second token in the middle of it.
			.batchClientArguments(List.of("--batch.token.clock-skew=86399s", "--batch.token.max-wait=5s"))
			.build()
			.start();
		TokenEndpoint tokens = new TokenEndpoint(http, landscape.authServer().uri("/oauth/token"));
		SampleEntries.csv(landscape.inbox(), "quota.csv", "QUOTA", ENTRIES);

		await("the job to be refused a token").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> metrics.count(landscape.batchClient(), "batch.tokens.failed", null) >= 1);

		assertThat(metrics.count(landscape.batchClient(), "batch.entries.sent", null))
			.as("entries delivered with the first token")
			.isPositive()
			.isLessThan(ENTRIES);
		assertThat(landscape.inbox().resolve("quota.csv")).as("the file, left in the inbox").exists();
		assertThat(failedReports()).as("failure reports").isEmpty();
		Response refused = tokens.request(landscape.clients().importJob(), Landscape.AUDIENCE);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().path("error").asString()).isEqualTo("too_many_requests");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
		assertThat(refused.header("Auth0-Client-Quota-Limit")).startsWith("b=per_hour;q=1;r=0;t=");

		raiseTheQuota();

		Path processed = landscape.inbox().resolve("processed").resolve("quota.csv");
		await("quota.csv to be delivered and moved to processed/").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> Files.exists(processed) && !Files.exists(landscape.inbox().resolve("quota.csv")));
		assertThat(failedReports()).as("failure reports").isEmpty();
		String reader = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		List<JsonNode> entries = ApiEntries.all(http, landscape.api(), reader);
		Set<String> distinct = entries.stream().map(ApiEntries::identity).collect(Collectors.toSet());
		assertThat(entries).as("stored entries").hasSize(ENTRIES);
		assertThat(distinct).as("distinct entries").hasSize(ENTRIES);
	}

	/**
	 * The operator's answer to the refusals: the same server, data and port, with a
	 * tenant default of 100/hour.
	 */
	static void raiseTheQuota() {
		ManagedApp original = landscape.authServer();
		original.stop();
		raised = new ManagedApp(original.name(), AppJars.locate().jar("auth-server"), original.port(),
				quotaArguments(100), landscape.clients().environment(), original.workDir());
		raised.start().awaitHealthy(Landscape.STARTUP_TIMEOUT);
	}

	static List<String> quota(int perHour) {
		return List.of("--auth-server.token-quotas.defaults.clients.client-credentials.per-hour=" + perHour);
	}

	static List<String> quotaArguments(int perHour) {
		return Stream.concat(Stream.of("--auth-server.issuer=" + landscape.issuer()), quota(perHour).stream()).toList();
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

}
