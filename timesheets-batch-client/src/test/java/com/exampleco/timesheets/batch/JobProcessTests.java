package com.exampleco.timesheets.batch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.exampleco.timesheets.batch.run.ImportSummary;
import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.TestJob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job as an operator runs it: its own JVM, started with {@code --once}. Exactly-once
 * across a crash: killed with SIGKILL while a file is half delivered and started again,
 * the job leaves the API with every entry exactly once.
 */
class JobProcessTests {

	/**
	 * How long a job process may take to start, do its work and exit. Generous: on a
	 * machine shared with builds a JVM alone may take a minute to start, and a job that
	 * never exits (one serving actuator) still fails the test.
	 */
	static final Duration EXIT_TIMEOUT = Duration.ofMinutes(5);

	static final int ENTRIES = 400;

	static final int CHUNK = 10;

	static final int HUGE_FILE_ENTRIES = 300_000;

	static final String SMALL_HEAP = "-Xmx64m";

	@TempDir
	Path workDir;

	final FakePlatform platform = TestJob.startPlatform();

	final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.processes.forEach(Process::destroyForcibly);
		this.platform.close();
	}

	@Test
	void aJobKilledMidFileResumesAndTheApiHoldsEveryEntryExactlyOnce() throws Exception {
		Path inbox = this.workDir.resolve("inbox");
		InboxFiles.csv(inbox, "big.csv", ENTRIES);
		// Slow answers keep the first run busy long enough to be killed in the middle of
		// the file.
		this.platform.uploadDelay(Duration.ofMillis(300));

		Process first = startJob("first");
		await().atMost(EXIT_TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> acknowledgedUploads() >= 12 || !first.isAlive());
		assertThat(first.isAlive()).as("the first run is still delivering when it is killed").isTrue();
		first.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to tidy up
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// Uploads the killed job had in flight still complete on the platform's side:
		// counted before the restart, they are not the second run's.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.platform.uploadsInFlight() == 0);
		int deliveredBeforeCrash = this.platform.stored().size();
		assertThat(deliveredBeforeCrash).isBetween(CHUNK, ENTRIES - CHUNK);
		assertThat(inbox.resolve("big.csv")).exists();

		this.platform.uploadDelay(Duration.ZERO);
		int uploadsBeforeRestart = acknowledgedUploads();
		Process second = startJob("second");
		assertThat(second.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		assertThat(second.exitValue()).as(log("second")).isZero();
		assertThat(this.platform.stored()).hasSize(ENTRIES);
		assertThat(this.platform.creations()).hasSize(ENTRIES).allSatisfy((key, times) -> assertThat(times).isOne());
		// The restart resumed after the last journalled chunk instead of sending the
		// whole file again: it resent at most the chunks that were in flight
		// (batch.delivery.concurrency, 4 by default) when the job was killed.
		int resent = (acknowledgedUploads() - uploadsBeforeRestart) * CHUNK;
		assertThat(resent).isLessThanOrEqualTo(ENTRIES - deliveredBeforeCrash + 4 * CHUNK);
		assertThat(inbox.resolve("processed/big.csv")).exists();
		assertThat(Files.readString(this.workDir.resolve("second.log"))).contains("Resuming big.csv after line");
	}

	@Test
	void onceModePrintsTheSummaryAndExitsNonZeroWhenALineWasRejected() throws Exception {
		Path inbox = this.workDir.resolve("inbox");
		InboxFiles.write(inbox, "friday.csv", List.of(InboxFiles.HEADER, "emp-1,2026-11-06,apollo,8,",
				"emp-2,2026-11-06,apollo,30,", "emp-3,2026-11-06,apollo,4,"));

		Process job = startJob("once");
		assertThat(job.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		assertThat(job.exitValue()).as(log("once")).isEqualTo(1);
		assertThat(Files.readString(this.workDir.resolve("once.log"))).contains("Import summary",
				"entries sent      2 (2 created, 0 duplicates skipped)",
				"failures          1 (1 invalid lines, 0 rejected by the API, 0 undelivered)", "token requests    1");
		assertThat(inbox.resolve("failed/friday.csv.errors.txt")).exists();
	}

	@Test
	void aJobThatCannotRunExitsWithItsOwnStatusNotTheOneForDataToFix() throws Exception {
		// The inbox path is taken by a plain file: no entry can be read, none is wrong.
		Files.writeString(this.workDir.resolve("inbox"), "not a folder");

		Process job = startJob("broken");

		assertThat(job.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(job.exitValue()).as(log("broken")).isEqualTo(ImportSummary.COULD_NOT_RUN);
		assertThat(Files.readString(this.workDir.resolve("broken.log"))).contains("Cannot list the inbox");
	}

	@ParameterizedTest(name = "asked for by {0}")
	@ValueSource(strings = { "a configuration file", "an environment variable" })
	void oneShotModeBehavesTheSameHoweverItIsAskedFor(String how) throws Exception {
		Path inbox = this.workDir.resolve("inbox");
		InboxFiles.csv(inbox, "once.csv", 3);
		Path config = Files.writeString(this.workDir.resolve("job.yml"), "batch:\n  run:\n    once: true\n");
		List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
		Map<String, String> environment = new HashMap<>();
		if (how.equals("a configuration file")) {
			arguments.add("--spring.config.additional-location=file:" + config);
		}
		else {
			environment.put("BATCH_RUN_ONCE", "true");
		}

		Process job = startJob("mode", arguments, environment);

		// Started as a web application it would process the inbox, then serve actuator
		// forever instead of exiting.
		assertThat(job.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the job exits after one pass").isTrue();
		assertThat(job.exitValue()).as(log("mode")).isZero();
		assertThat(Files.readString(this.workDir.resolve("mode.log"))).contains("Import summary")
			.doesNotContain("started on port");
		assertThat(inbox.resolve("processed/once.csv")).exists();
	}

	@Test
	void aFileOfHundredsOfThousandsOfLinesIsStreamedThroughASmallHeap() throws Exception {
		Path inbox = this.workDir.resolve("inbox");
		InboxFiles.csv(inbox, "huge.csv", HUGE_FILE_ENTRIES);
		InboxFiles.csv(inbox, "then.csv", 3);

		// Read whole, the file's bytes, its text and its entries would need several times
		// this heap.
		Process job = startJob("huge", SMALL_HEAP, 500, List.of("--once"), Map.of());

		assertThat(job.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the job exits").isTrue();
		assertThat(job.exitValue()).as(log("huge")).isZero();
		assertThat(this.platform.stored()).hasSize(HUGE_FILE_ENTRIES + 3);
		assertThat(inbox.resolve("processed/huge.csv")).exists();
		assertThat(inbox.resolve("processed/then.csv")).exists();
	}

	private int acknowledgedUploads() {
		return (int) this.platform.uploadRequests().stream().filter((upload) -> upload.status() == 200).count();
	}

	private Process startJob(String name) throws IOException {
		return startJob(name, List.of("--once"), Map.of());
	}

	private Process startJob(String name, List<String> modeArguments, Map<String, String> environment)
			throws IOException {
		return startJob(name, "-Xmx256m", CHUNK, modeArguments, environment);
	}

	private Process startJob(String name, String heap, int chunk, List<String> modeArguments,
			Map<String, String> environment) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, heap, "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), TimesheetsBatchClientApplication.class.getName(),
				"--spring.security.oauth2.client.provider.exampleco.token-uri=" + this.platform.baseUrl()
						+ "/oauth/token",
				"--spring.security.oauth2.client.registration.timesheets-import-job.client-secret="
						+ FakePlatform.CLIENT_SECRET,
				"--batch.delivery.api-url=" + this.platform.baseUrl(),
				"--batch.inbox.dir=" + this.workDir.resolve("inbox"),
				"--spring.datasource.url=jdbc:h2:file:" + this.workDir.resolve("state")
						+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
				"--batch.delivery.chunk-size=" + chunk, "--batch.run.progress=never"));
		command.addAll(modeArguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.workDir.resolve(name + ".log").toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private String log(String name) {
		try {
			List<String> lines = Files.readAllLines(this.workDir.resolve(name + ".log"));
			return String.join(File.separator.equals("/") ? "\n" : "\r\n",
					lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
