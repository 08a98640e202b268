package com.exampleco.timesheets.batch;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given the registration says client_secret_post, the credentials travel in the form,
 * with the audience.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		// What an operator turns on to troubleshoot: the posted secret must still stay
		// out of the log.
		properties = { "logging.level.org.springframework.web=TRACE",
				"logging.level.org.springframework.security=TRACE" })
@ExtendWith(OutputCaptureExtension.class)
class ClientSecretPostTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-post");

	@Autowired
	ImportRun importRun;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		registry.add("spring.security.oauth2.client.registration.timesheets-import-job.client-authentication-method",
				() -> "client_secret_post");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void theSecretIsPostedInTheFormInsteadOfBasicAuthentication(CapturedOutput output) {
		InboxFiles.csv(workDir.resolve("inbox"), "posted.csv", 3);

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isEqualTo(3);
		FakePlatform.TokenRequest request = platform.tokenRequests().get(0);
		assertThat(request.authorization()).isNull();
		assertThat(request.form()).containsEntry("client_id", FakePlatform.CLIENT_ID)
			.containsEntry("client_secret", FakePlatform.CLIENT_SECRET)
			.containsEntry("audience", FakePlatform.AUDIENCE)
			.containsEntry("grant_type", "client_credentials");
		assertThat(output.getAll()).contains("Obtained an access token")
			.doesNotContain(FakePlatform.CLIENT_SECRET.substring(0, 12));
		platform.issuedTokens().forEach((token) -> assertThat(output.getAll()).doesNotContain(token));
	}

}
