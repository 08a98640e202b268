package com.exampleco.timesheets.batch.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.exampleco.timesheets.batch.run.ImportRun;
import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.TestJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /events}: with a token for the job's audience and {@code read:events}, a
 * watcher sees the run, its file, each chunk with the token it used and each retry with
 * its reason; without, nothing. Never a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunEventStreamTests {

	static final String AUDIENCE = "urn:exampleco:timesheets-batch-client";

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-events");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ImportRun importRun;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		registry.add("batch.events.jwk-set-uri", () -> platform.baseUrl() + "/.well-known/jwks.json");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void theStreamNeedsATokenForTheJobsAudienceWithReadEvents() throws Exception {
		assertThat(status(null)).isEqualTo(401);
		assertThat(status(platform.accessToken(AUDIENCE, "read:timesheets"))).isEqualTo(403);
		assertThat(status(platform.accessToken(FakePlatform.AUDIENCE, "read:events"))).isEqualTo(401);
		assertThat(status("not-a-token")).isEqualTo(401);
	}

	@Test
	void aTokenWithoutExpiryIsRefused() throws Exception {
		JWTClaimsSet forever = new JWTClaimsSet.Builder(
				SignedJWT.parse(platform.accessToken(AUDIENCE, "read:events")).getJWTClaimsSet())
			.expirationTime(null)
			.build();

		assertThat(status(platform.sign(forever, "fake-key"))).isEqualTo(401);
	}

	@Test
	void aFloodOfMadeUpKeyIdsIsAnsweredAsInvalidTokensNeverAsAServerError() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(platform.accessToken(AUDIENCE, "read:events")).getJWTClaimsSet();
		// The first unknown kid refetches the key set; the rest fall within the refetch
		// rate limit, which Nimbus reports as a failure of the key source.
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> answer = get(platform.sign(claims, "made-up-" + UUID.randomUUID()));

			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
			assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("at org.");
		}
		// A good token, meanwhile, still opens the stream (its constructor checks the
		// 200).
		new Stream(this.http, this.port, platform.accessToken(AUDIENCE, "read:events")).close();
	}

	@Test
	void aRunShowsItsFileChunksTokenAndRetriesWithoutTheToken() throws Exception {
		try (Stream stream = new Stream(this.http, this.port, platform.accessToken(AUDIENCE, "read:events"))) {
			InboxFiles.csv(workDir.resolve("inbox"), "watched.csv", 7);
			platform.failNextUploads(FakePlatform.Failure.status(503));

			this.importRun.run();

			List<JsonNode> events = stream.until("run_finished");
			assertThat(events).extracting((event) -> event.get("type").asString())
				.containsSubsequence("run_started", "file_picked", "chunk_sent", "token_obtained", "chunk_retried",
						"chunk_accepted", "file_delivered", "run_finished");
			JsonNode retried = events.stream()
				.filter((event) -> event.get("type").asString().equals("chunk_retried"))
				.findFirst()
				.orElseThrow();
			assertThat(retried.get("reason").asString()).contains("503");
			assertThat(retried.get("attempt").asInt()).isEqualTo(1);
			assertThat(events).filteredOn((event) -> event.has("file"))
				.allSatisfy((event) -> assertThat(event.get("file").asString()).contains("watched.csv"));
			assertThat(platform.issuedTokens()).isNotEmpty()
				.allSatisfy((token) -> assertThat(stream.raw()).doesNotContain(token));
			assertThat(stream.raw()).doesNotContain(FakePlatform.CLIENT_SECRET);
		}
	}

	private HttpResponse<String> get(String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/events"))
			.timeout(ANSWER_WITHIN)
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private int status(String token) throws Exception {
		// A refusal answers at once; a stream that opens never ends, and times out here.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/events"))
			.timeout(ANSWER_WITHIN)
			.header("Accept", "text/event-stream");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** A raw SSE reader over a real connection. */
	static final class Stream implements AutoCloseable {

		private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

		private final StringBuffer raw = new StringBuffer();

		private final InputStream body;

		Stream(HttpClient http, int port, String token) throws Exception {
			HttpResponse<InputStream> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
					.header("Accept", "text/event-stream")
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			this.body = response.body();
			BufferedReader lines = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8));
			assertThat(lines.readLine()).isEqualTo(":connected");
			Thread reader = new Thread(() -> {
				try {
					for (String line = lines.readLine(); line != null; line = lines.readLine()) {
						this.raw.append(line).append('\n');
						if (line.startsWith("data:")) {
							this.events.add(JSON.readTree(line.substring(5)));
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					// closed
				}
			});
			reader.setDaemon(true);
			reader.start();
		}

		List<JsonNode> until(String type) throws InterruptedException {
			List<JsonNode> seen = new ArrayList<>();
			while (true) {
				JsonNode event = this.events.poll(20, TimeUnit.SECONDS);
				assertThat(event).as("an event %s within 20 s after %s", type, seen).isNotNull();
				seen.add(event);
				if (event.get("type").asString().equals(type)) {
					return seen;
				}
			}
		}

		String raw() {
			return this.raw.toString();
		}

		@Override
		public void close() throws IOException {
			this.body.close();
		}

	}

}
