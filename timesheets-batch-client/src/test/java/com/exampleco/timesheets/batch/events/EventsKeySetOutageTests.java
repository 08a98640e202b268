package com.exampleco.timesheets.batch.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.TestJob;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /events} while the authorization server's key set cannot be fetched at all:
 * a good token cannot be checked, which is this job's trouble, not the caller's. 503 with
 * {@code Retry-After} (not 401, which would call a good token bad), and no stack trace in
 * the answer or the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class EventsKeySetOutageTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-events-outage");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		// Nothing listens on port 1.
		registry.add("batch.events.jwk-set-uri", () -> "http://127.0.0.1:1/.well-known/jwks.json");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void aTokenThatCannotBeCheckedForWantOfKeysIsA503ToRetry(CapturedOutput output) throws Exception {
		String token = platform.accessToken(RunEventStreamTests.AUDIENCE, "read:events");
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/events"))
					.timeout(java.time.Duration.ofSeconds(10))
					.header("Accept", "text/event-stream")
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			assertThat(answer.body()).doesNotContain("Exception");
		}
		assertThat(output).doesNotContain("threw exception").doesNotContain("\tat org.springframework.security");
		assertThat(output.toString().split("GET /events answered 503", -1)).as("one WARN line for the three")
			.hasSize(2);
	}

}
