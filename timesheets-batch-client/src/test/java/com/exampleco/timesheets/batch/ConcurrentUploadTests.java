package com.exampleco.timesheets.batch;

import java.nio.file.Files;
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
import com.exampleco.timesheets.batch.support.FakePlatform.Failure;
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
 * With several uploads in flight, sent while the file is still read: still one token,
 * still every entry exactly once, still resumable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentUploadTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-concurrent");

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
	void overlappingUploadsShareOneTokenAndCreateEachEntryOnce() {
		InboxFiles.csv(inbox, "wide.csv", 60);
		platform.uploadDelay(Duration.ofMillis(50));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.tokenRequests()).hasSize(1);
		assertThat(platform.maxUploadsInFlight()).isBetween(2, 4);
		assertThat(summary.created()).isEqualTo(60);
		assertThat(platform.creations()).hasSize(60).allSatisfy((key, times) -> assertThat(times).isOne());
	}

	@Test
	void theFirstChunksAreOnTheirWayBeforeTheFileIsReadToItsEnd(CapturedOutput output) {
		InboxFiles.csv(inbox, "long.csv", 1000);
		platform.holdUploads();

		CompletableFuture<ImportSummary> run = CompletableFuture.supplyAsync(this.importRun::run);

		// Four chunks of 5 are in flight, unanswered, and reading waits for the oldest:
		// 980 lines are still unread.
		await().atMost(Duration.ofSeconds(30)).until(() -> platform.uploadsInFlight() == 4);
		assertThat(output).contains("Delivering long.csv").doesNotContain("Read long.csv to its end");

		platform.releaseUploads();
		ImportSummary summary = run.join();

		assertThat(output).contains("Read long.csv to its end: 1000 entries (0 invalid lines)");
		assertThat(summary.created()).isEqualTo(1000);
		assertThat(platform.creations()).hasSize(1000).allSatisfy((key, times) -> assertThat(times).isOne());
	}

	@Test
	void aRefusedChunkLeavesTheFileForTheNextRunWhichCompletesIt() {
		InboxFiles.csv(inbox, "partly.csv", 60);
		platform.uploadDelay(Duration.ofMillis(20));
		platform.failNextUploads(Failure.status(400));

		ImportSummary refused = this.importRun.run();

		assertThat(refused.undelivered()).isPositive();
		assertThat(refused.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		assertThat(Files.exists(inbox.resolve("partly.csv"))).isTrue();

		ImportSummary next = this.importRun.run();

		assertThat(next.exitCode()).isZero();
		assertThat(platform.creations()).hasSize(60).allSatisfy((key, times) -> assertThat(times).isOne());
		assertThat(inbox.resolve("processed/partly.csv")).exists();
	}

}
