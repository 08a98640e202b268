package com.exampleco.timesheets.batch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.TestJob;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled mode as it runs in production: the inbox is picked up on the cron schedule,
 * and actuator shows health and the job's counters while everything else is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScheduledModeTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-scheduled");

	static final Path inbox = workDir.resolve("inbox");

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		registry.add("batch.run.cron", () -> "* * * * * *");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void aFileDroppedIntoTheInboxIsDeliveredOnTheNextTick() throws Exception {
		InboxFiles.csv(inbox, "scheduled.csv", 12);

		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("processed/scheduled.csv")));

		assertThat(platform.stored()).hasSize(12);
		assertThat(get("/actuator/metrics/batch.entries.sent").body()).contains("\"batch.entries.sent\"");
		assertThat(get("/actuator/metrics/batch.tokens.fetched").body()).contains("\"value\":1.0");
		assertThat(get("/actuator/metrics/batch.retries").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics/batch.failures").statusCode()).isEqualTo(200);
	}

	@Test
	void healthIsOpenAndEverythingElseIsRefused() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");

		assertThat(get("/actuator/env").statusCode()).isIn(401, 403, 404);
		assertThat(get("/").statusCode()).isIn(401, 403);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
