package com.exampleco.timesheets.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.batch.run.ImportRun;
import com.exampleco.timesheets.batch.run.ImportSummary;
import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.FakePlatform.Failure;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.TestJob;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With several uploads in flight: still one token, still every entry exactly once, still resumable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
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
