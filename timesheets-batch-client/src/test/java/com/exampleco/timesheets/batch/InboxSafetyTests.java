package com.exampleco.timesheets.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inbox as whoever can write into it would attack it: symbolic links to files and
 * folders elsewhere, files that cannot be read (a FIFO, a directory with an inbox file's
 * name), names made to forge log lines or too long to take a suffix. The job runs its
 * real inbox against the fake platform over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class InboxSafetyTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-inbox-safety");

	static final Path inbox = workDir.resolve("inbox");

	/** Somewhere the job must never read from nor write to. */
	static final Path outside = workDir.resolve("outside");

	static final String SECRET = "emp-secret,2026-11-02,payroll,8,\"salary 123456\"";

	@Autowired
	ImportRun importRun;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
	}

	@BeforeEach
	void freshStart() throws IOException {
		platform.reset();
		InboxFiles.clean(inbox);
		InboxFiles.clean(outside);
		Files.createDirectories(inbox);
		Files.createDirectories(outside);
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void aSymbolicLinkToAFileOutsideTheInboxIsNeitherReadNorCopied() throws IOException {
		// A file the producer may not read, with one valid line and one line the job
		// would copy into failed/.
		Path secret = Files.write(outside.resolve("payroll.csv"),
				List.of(InboxFiles.HEADER, SECRET, "emp-secret,2026-11-02,payroll,99,\"bonus 654321\""));
		Files.setLastModifiedTime(secret, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
		Files.createSymbolicLink(inbox.resolve("payroll.csv"), secret);
		InboxFiles.csv(inbox, "regular.csv", 3);

		ImportSummary summary = this.importRun.run();

		assertThat(platform.stored().values()).extracting((entry) -> entry.path("employee_id").asString())
			.hasSize(3)
			.doesNotContain("emp-secret");
		assertThat(summary.created()).isEqualTo(3);
		assertThat(textUnder(inbox)).doesNotContain("salary 123456", "bonus 654321");
		// Moved aside as the link it is, with the reason beside it; the file it points to
		// is untouched.
		assertThat(inbox.resolve("failed/payroll.csv")).isSymbolicLink();
		assertThat(Files.readString(inbox.resolve("failed/payroll.csv.errors.txt")))
			.contains("file: it is a symbolic link; the job reads regular files only and follows no link");
		assertThat(Files.readAllLines(secret)).contains(SECRET);
		assertThat(inbox.resolve("processed/regular.csv")).exists();
	}

	@Test
	void aSymbolicLinkToAFolderIsMovedAsideNotEntered() throws IOException {
		Files.write(outside.resolve("inside.csv"), List.of(InboxFiles.HEADER, SECRET));
		Files.createSymbolicLink(inbox.resolve("archive.csv"), outside);
		InboxFiles.csv(inbox, "regular.csv", 2);

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isEqualTo(2);
		assertThat(inbox.resolve("failed/archive.csv")).isSymbolicLink();
		assertThat(Files.readString(inbox.resolve("failed/archive.csv.errors.txt"))).contains("symbolic link");
		try (Stream<Path> left = Files.list(outside)) {
			assertThat(left).containsExactly(outside.resolve("inside.csv"));
		}
	}

	@Test
	void aSymbolicLinkInPlaceOfTheFailedFolderIsNotFollowed() throws IOException {
		Files.createSymbolicLink(inbox.resolve("failed"), outside);
		InboxFiles.write(inbox, "mixed.csv",
				List.of(InboxFiles.HEADER, "emp-1,2026-11-02,apollo,8,", "emp-2,2026-11-02,apollo,99,"));

		// The run stops before touching any file: its reports would land wherever the
		// link points.
		assertThatThrownBy(this.importRun::run).isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("failed/ is a symbolic link");

		try (Stream<Path> written = Files.list(outside)) {
			assertThat(written).isEmpty();
		}
		assertThat(platform.uploadRequests()).isEmpty();
		assertThat(inbox.resolve("mixed.csv")).exists();
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void filesThatCannotBeReadGoToFailedWhileTheOthersAreDelivered() throws Exception {
		InboxFiles.csv(inbox, "a-first.csv", 4);
		// Opening a FIFO for reading waits for a writer: the run must not.
		Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("b-pipe.csv").toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		Files.createDirectories(inbox.resolve("c-folder.csv"));
		Files.write(inbox.resolve("c-folder.csv/inside.csv"), List.of(InboxFiles.HEADER, SECRET));
		InboxFiles.csv(inbox, "d-last.csv", 5);

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isEqualTo(9);
		assertThat(platform.stored()).hasSize(9);
		assertThat(inbox.resolve("processed/a-first.csv")).exists();
		assertThat(inbox.resolve("processed/d-last.csv")).exists();
		assertThat(inbox.resolve("b-pipe.csv")).doesNotExist();
		assertThat(Files.exists(inbox.resolve("failed/b-pipe.csv"), LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(Files.readString(inbox.resolve("failed/b-pipe.csv.errors.txt")))
			.contains("file: it is not a regular file");
		assertThat(inbox.resolve("failed/c-folder.csv")).isDirectory();
		assertThat(Files.readString(inbox.resolve("failed/c-folder.csv.errors.txt")))
			.contains("file: it is a directory, not a regular file");
		assertThat(summary.exitCode()).isEqualTo(ImportSummary.SOME_REJECTED);
	}

	@Test
	void aNameOrAValueWithALineBreakForgesNoLogOrReportLine(CapturedOutput output) throws IOException {
		InboxFiles.write(inbox, "monday\nERROR forged log line.csv", List.of(InboxFiles.HEADER,
				"emp-1,2026-11-02,apollo,8,", "emp-2,\"2026-11-02\nline 3: forged report line\",apollo,8,"));

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isOne();
		assertThat(output.getAll()).contains("monday\\nERROR forged log line.csv")
			.doesNotContain("\nERROR forged log line");
		List<String> report = Files.readAllLines(inbox.resolve("failed/monday\nERROR forged log line.csv.errors.txt"));
		assertThat(report).noneMatch((line) -> line.startsWith("ERROR forged") || line.startsWith("line 3: forged"))
			.contains("line 3, field date: must be an ISO date such as 2026-11-02 (got \"2026-11-02\\nline 3: "
					+ "forged report line\")");
		// The line to correct keeps its quoted line break: it is CSV, read back by the
		// job, not by a person's eye.
		assertThat(Files.readString(inbox.resolve("failed/monday\nERROR forged log line.rejected.csv")))
			.contains("\"2026-11-02\nline 3: forged report line\"");
	}

	@Test
	void aNameTooLongToTakeASuffixStillGetsItsReport() throws IOException {
		// 251 bytes: a legal name, but "<name>.errors.txt" is longer than the file
		// system's 255.
		String name = "x".repeat(247) + ".csv";
		// Written in place (a temporary name beside it would be too long), finished two
		// hours ago.
		Path file = Files.write(inbox.resolve(name),
				List.of(InboxFiles.HEADER, "emp-1,2026-11-02,apollo,8,", "emp-2,2026-11-02,apollo,99,"));
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isOne();
		assertThat(inbox.resolve("processed").resolve(name)).exists();
		try (Stream<Path> failed = Files.list(inbox.resolve("failed"))) {
			assertThat(failed.map((path) -> path.getFileName().toString()))
				.anySatisfy((report) -> assertThat(report).endsWith(".errors.txt").startsWith("xxxx"))
				.allSatisfy(
						(each) -> assertThat(each.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255));
		}
		assertThat(inbox.resolve(name)).doesNotExist();
	}

	/** Every regular file below {@code dir}, as text, links not followed. */
	private static String textUnder(Path dir) throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.toList()) {
				if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
					text.append(Files.readString(path, StandardCharsets.ISO_8859_1)).append('\n');
				}
			}
		}
		return text.toString();
	}

}
