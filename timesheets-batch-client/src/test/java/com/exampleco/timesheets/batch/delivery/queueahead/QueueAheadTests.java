package com.exampleco.timesheets.batch.delivery.queueahead;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.exampleco.timesheets.batch.run.ImportRun;
import com.exampleco.timesheets.batch.run.ImportSummary;
import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.TestJob;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue-ahead add-on, on by default: a slow chunk does not leave the uploaders behind
 * it idle.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class QueueAheadTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-queue-ahead");

	static final Path inbox = workDir.resolve("inbox");

	@Autowired
	ImportRun importRun;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		registry.add("batch.delivery.concurrency", () -> "4");
	}

	@BeforeEach
	void freshStart() {
		platform.reset();
		InboxFiles.clean(inbox);
		this.authorizedClients.removeAuthorizedClient("timesheets-import-job", "anonymousUser");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void aSlowChunkDoesNotHoldBackTheOtherUploaders(CapturedOutput output) {
		InboxFiles.csv(inbox, "uneven.csv", 200);
		platform.holdNextUpload();

		CompletableFuture<ImportSummary> run = CompletableFuture.supplyAsync(this.importRun::run);

		// While one early chunk waits for its answer, the three other uploaders go on
		// with the chunks after it, up to twice the concurrency (8) ahead of the journal,
		// which records chunks in file order only. One chunk per uploader would have
		// stopped at 4 (QueueAheadOffTests).
		await().atMost(Duration.ofSeconds(30))
			.until(() -> platform.uploadsReceived() >= 8 && platform.uploadsInFlight() == 1);

		platform.releaseUploads();
		ImportSummary summary = run.join();

		assertThat(output).contains("4 uploads at once, at most 8 chunks ahead of the journal");
		assertThat(platform.maxUploadsInFlight()).isLessThanOrEqualTo(4);
		assertThat(summary.created()).isEqualTo(200);
		assertThat(platform.creations()).hasSize(200).allSatisfy((key, times) -> assertThat(times).isOne());
	}

}
