package com.exampleco.timesheets.batch.delivery.queueahead;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.exampleco.timesheets.batch.delivery.ChunksAhead;
import com.exampleco.timesheets.batch.run.ImportRun;
import com.exampleco.timesheets.batch.run.ImportSummary;
import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.FakePlatform.Failure;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.TestJob;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job without the queue-ahead add-on, as a team that deleted its package would run
 * it: one chunk per uploader out ahead of the journal, and still every entry delivered
 * once, with one token, resumable after a failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class QueueAheadOffTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-queue-ahead-off");

	static final Path inbox = workDir.resolve("inbox");

	@Autowired
	ImportRun importRun;

	@Autowired
	ObjectProvider<ChunksAhead> chunksAhead;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		registry.add("batch.delivery.concurrency", () -> "4");
		registry.add("batch.delivery.queue-ahead.enabled", () -> "false");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void withoutItAFileIsDeliveredOnceWithOneTokenAndResumedAfterAFailure(CapturedOutput output) {
		InboxFiles.csv(inbox, "plain.csv", 200);
		platform.uploadDelay(Duration.ofMillis(20));
		platform.failNextUploads(Failure.status(400));

		ImportSummary refused = this.importRun.run();
		ImportSummary next = this.importRun.run();

		assertThat(this.chunksAhead.getIfAvailable()).isNull();
		assertThat(output).contains("4 uploads at once, at most 4 chunks ahead of the journal");
		assertThat(refused.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		assertThat(next.exitCode()).isZero();
		assertThat(platform.tokenRequests()).hasSize(1);
		assertThat(platform.maxUploadsInFlight()).isBetween(2, 4);
		assertThat(platform.creations()).hasSize(200).allSatisfy((key, times) -> assertThat(times).isOne());
		assertThat(inbox.resolve("processed/plain.csv")).exists();
	}

}
