package com.exampleco.timesheets.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The job pointed at a {@link FakePlatform}, with its inbox and journal in a temporary
 * folder, tiny chunks, short backoffs, no schedule unless a test sets one, and no
 * progress line.
 */
public final class TestJob {

	private TestJob() {
	}

	public static FakePlatform startPlatform() {
		try {
			return new FakePlatform();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Path workDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void properties(DynamicPropertyRegistry registry, FakePlatform platform, Path workDir) {
		registry.add("spring.security.oauth2.client.provider.exampleco.token-uri",
				() -> platform.baseUrl() + "/oauth/token");
		registry.add("spring.security.oauth2.client.registration.timesheets-import-job.client-secret",
				() -> FakePlatform.CLIENT_SECRET);
		registry.add("batch.delivery.api-url", platform::baseUrl);
		registry.add("batch.inbox.dir", () -> workDir.resolve("inbox").toString());
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + workDir.resolve("state") + ";WRITE_DELAY=0");
		registry.add("batch.delivery.chunk-size", () -> "5");
		registry.add("batch.delivery.retry.initial-delay", () -> "10ms");
		registry.add("batch.delivery.retry.max-delay", () -> "50ms");
		registry.add("batch.delivery.retry.max-attempts", () -> "4");
		// Test files are dated two hours back (InboxFiles); one dated now is still being
		// written.
		registry.add("batch.inbox.min-age", () -> "1h");
		registry.add("batch.run.cron", () -> "-");
		registry.add("batch.run.progress", () -> "never");
	}

}
