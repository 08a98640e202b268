package com.exampleco.timesheets.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.exampleco.timesheets.batch.run.ImportRun;
import com.exampleco.timesheets.batch.run.ImportSummary;
import com.exampleco.timesheets.batch.support.FakePlatform;
import com.exampleco.timesheets.batch.support.FakePlatform.Failure;
import com.exampleco.timesheets.batch.support.InboxFiles;
import com.exampleco.timesheets.batch.support.MutableClock;
import com.exampleco.timesheets.batch.support.TestJob;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import job against real HTTP: a fake authorization server and Timesheets API on a
 * loopback port, an inbox in a temporary folder, tiny chunks and short backoffs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class ImportJobTests {

	static final FakePlatform platform = TestJob.startPlatform();

	static final Path workDir = TestJob.workDir("batch-client-test");

	static final Path inbox = workDir.resolve("inbox");

	static final MutableClock clock = new MutableClock();

	@TestBean(name = "clock", methodName = "testClock")
	Clock tokenClock;

	@Autowired
	ImportRun importRun;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	MeterRegistry meters;

	static Clock testClock() {
		return clock;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestJob.properties(registry, platform, workDir);
		// One upload at a time, so that these tests can name the order of requests; see
		// ConcurrentUploadTests.
		registry.add("batch.delivery.concurrency", () -> "1");
	}

	@BeforeEach
	void freshStart() {
		platform.reset();
		clock.reset();
		InboxFiles.clean(inbox);
		// Each test starts without a cached token, as a freshly started job does.
		this.authorizedClients.removeAuthorizedClient("timesheets-import-job", "anonymousUser");
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@Test
	void manyChunksShareOneTokenRequest() {
		InboxFiles.csv(inbox, "monday.csv", 23);

		ImportSummary summary = this.importRun.run();

		assertThat(platform.tokenRequests()).hasSize(1);
		FakePlatform.TokenRequest tokenRequest = platform.tokenRequests().get(0);
		assertThat(tokenRequest.form()).containsEntry("grant_type", "client_credentials")
			.containsEntry("audience", FakePlatform.AUDIENCE)
			.containsEntry("scope", "batch:upload");
		assertThat(tokenRequest.authorization()).startsWith("Basic ");
		assertThat(platform.uploadRequests()).hasSize(5)
			.allSatisfy((upload) -> assertThat(upload.token()).isEqualTo(platform.uploadRequests().get(0).token()));
		assertThat(summary.created()).isEqualTo(23);
		assertThat(summary.tokenRequests()).isEqualTo(1);
		assertThat(summary.exitCode()).isZero();
		assertThat(inbox.resolve("processed/monday.csv")).exists();
		assertThat(inbox.resolve("monday.csv")).doesNotExist();
		assertThat(this.meters.get("batch.tokens.fetched").counter().count()).isPositive();
		assertThat(this.meters.get("batch.entries.sent").tag("outcome", "created").counter().count())
			.isGreaterThanOrEqualTo(23);
	}

	@Test
	void anExpiredTokenIsReplacedByExactlyOneNewTokenRequest() {
		InboxFiles.csv(inbox, "first.csv", 12);
		this.importRun.run();
		assertThat(platform.tokenRequests()).hasSize(1);

		// The token lives 3600 s; 30 s before it expires (inside the 60 s skew) it must
		// not be used again.
		clock.advance(Duration.ofSeconds(3600 - 30));
		// Spring stamps a new token's expiry from the system time, not from the moved
		// clock: a longer lifetime keeps the replacement from looking stale to the moved
		// clock.
		platform.expiresIn(7200);
		InboxFiles.csv(inbox, "second.csv", 12);
		ImportSummary second = this.importRun.run();

		assertThat(second.tokenRequests()).isEqualTo(1);
		assertThat(platform.tokenRequests()).hasSize(2);
		List<FakePlatform.UploadRequest> uploads = platform.uploadRequests();
		assertThat(uploads).hasSize(6);
		assertThat(uploads.subList(3, 6)).extracting(FakePlatform.UploadRequest::token)
			.containsOnly(uploads.get(3).token())
			.doesNotContain(uploads.get(0).token());
	}

	@Test
	void aRefusedTokenIsDroppedAndTheCallRetriedOnceWithANewToken() {
		InboxFiles.csv(inbox, "revoked.csv", 10);
		platform.failNextUploads(Failure.status(401));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.tokenRequests()).hasSize(2);
		assertThat(platform.uploadRequests()).extracting(FakePlatform.UploadRequest::status)
			.containsExactly(401, 200, 200);
		assertThat(summary.created()).isEqualTo(10);
		assertThat(summary.retries()).isZero();
		assertThat(summary.exitCode()).isZero();
	}

	@Test
	void aServerErrorIsRetriedUntilTheUploadSucceeds() {
		InboxFiles.csv(inbox, "flaky.csv", 5);
		platform.failNextUploads(Failure.status(503), Failure.status(502));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.uploadRequests()).extracting(FakePlatform.UploadRequest::status)
			.containsExactly(503, 502, 200);
		assertThat(summary.retries()).isEqualTo(2);
		assertThat(summary.created()).isEqualTo(5);
		assertThat(platform.creations()).hasSize(5).allSatisfy((key, times) -> assertThat(times).isOne());
	}

	@Test
	void tooManyRequestsWaitsAtLeastRetryAfter() {
		InboxFiles.csv(inbox, "busy.csv", 5);
		platform.failNextUploads(Failure.tooManyRequests("1"));

		ImportSummary summary = this.importRun.run();

		List<FakePlatform.UploadRequest> uploads = platform.uploadRequests();
		assertThat(uploads).extracting(FakePlatform.UploadRequest::status).containsExactly(429, 200);
		// The backoff alone would be 10 ms; the server asked for 1 s. Measured between
		// the two recorded requests.
		long gapMillis = Duration.ofNanos(uploads.get(1).atNanos() - uploads.get(0).atNanos()).toMillis();
		assertThat(gapMillis).isGreaterThanOrEqualTo(900);
		assertThat(summary.created()).isEqualTo(5);
	}

	@Test
	void theAuthorizationServerBeingDownAtFirstIsRetried() {
		InboxFiles.csv(inbox, "early.csv", 5);
		platform.failNextTokenRequests(Failure.status(503));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.tokenRequests()).extracting(FakePlatform.TokenRequest::status).containsExactly(503, 200);
		assertThat(summary.created()).isEqualTo(5);
		assertThat(summary.exitCode()).isZero();
	}

	@Test
	void anAuthorizationServerDownForLongerThanTheUploadRetriesIsWaitedFor() {
		InboxFiles.csv(inbox, "before-dawn.csv", 5);
		// Uploads get 4 attempts here; the token endpoint gets batch.token.max-wait (2
		// minutes) instead.
		platform.failNextTokenRequests(Failure.status(503), Failure.status(503), Failure.status(502),
				Failure.status(503), Failure.status(500), Failure.status(503));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.tokenRequests()).extracting(FakePlatform.TokenRequest::status)
			.containsExactly(503, 503, 502, 503, 500, 503, 200);
		assertThat(platform.uploadRequests()).extracting(FakePlatform.UploadRequest::status).containsExactly(200);
		assertThat(summary.created()).isEqualTo(5);
		assertThat(summary.tokenRequests()).isEqualTo(7);
		assertThat(summary.exitCode()).isZero();
	}

	@Test
	void aChunkTheApiFindsTooLargeIsHalvedUntilItFits() {
		InboxFiles.csv(inbox, "heavy.csv", 10);
		platform.maxEntriesPerUpload(2);

		ImportSummary summary = this.importRun.run();

		// Each chunk of 5 is refused (413) and goes as 2 (accepted) + 3 (refused), the 3
		// as 1 + 2.
		assertThat(platform.uploadRequests()).extracting(FakePlatform.UploadRequest::status)
			.containsExactly(413, 200, 413, 200, 200, 413, 200, 413, 200, 200);
		assertThat(summary.created()).isEqualTo(10);
		assertThat(summary.exitCode()).isZero();
		assertThat(platform.creations()).hasSize(10).allSatisfy((key, times) -> assertThat(times).isOne());
	}

	@Test
	void aWrongSecretIsReportedNotRetried() {
		InboxFiles.csv(inbox, "locked-out.csv", 5);
		platform.failNextTokenRequests(new Failure(401, Map.of("WWW-Authenticate", "Basic realm=\"fake\""),
				"{\"error\":\"invalid_client\",\"error_description\":\"Wrong credentials\"}"));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.tokenRequests()).hasSize(1);
		assertThat(platform.uploadRequests()).isEmpty();
		assertThat(summary.undelivered()).isEqualTo(5);
		assertThat(summary.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		assertThat(inbox.resolve("locked-out.csv")).exists();
	}

	@Test
	void invalidLinesAreReportedWhileTheValidOnesAreDelivered() throws IOException {
		InboxFiles.write(inbox, "mixed.csv", List.of(InboxFiles.HEADER, // line 1
				"emp-1,2026-11-02,apollo,7.5,ok", // 2
				"emp-2,2026-11-02,apollo,25,too long a day", // 3
				"emp-3,02/11/2026,apollo,8,", // 4
				",2026-11-03,apollo,8,nobody", // 5
				"emp-5,2026-11-03,apollo,8,\"notes, with a comma\"", // 6
				"emp-6,2026-11-03," + FakePlatform.CLOSED_PROJECT + ",4,", // 7
				"emp-7,2026-11-04,apollo,0.5,")); // 8

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isEqualTo(3);
		assertThat(summary.invalidLines()).isEqualTo(3);
		assertThat(summary.rejected()).isEqualTo(1);
		assertThat(summary.exitCode()).isEqualTo(ImportSummary.SOME_REJECTED);
		assertThat(platform.stored().values()).extracting((entry) -> entry.path("employee_id").asString())
			.containsExactlyInAnyOrder("emp-1", "emp-5", "emp-7");
		assertThat(inbox.resolve("processed/mixed.csv")).exists();
		assertThat(Files.readAllLines(inbox.resolve("failed/mixed.csv.errors.txt"))).contains(
				"line 3, field hours: must be greater than 0 and at most 24 (got 25)",
				"line 4, field date: must be an ISO date such as 2026-11-02 (got \"02/11/2026\")",
				"line 5, field employee_id: is required",
				"line 7: rejected by the API: project: project is closed for bookings");
		assertThat(Files.readAllLines(inbox.resolve("failed/mixed.rejected.csv"))).containsExactly(InboxFiles.HEADER,
				"emp-2,2026-11-02,apollo,25,\"too long a day\"", "emp-3,02/11/2026,apollo,8,",
				",2026-11-03,apollo,8,nobody", "emp-6,2026-11-03," + FakePlatform.CLOSED_PROJECT + ",4,");
	}

	@Test
	void aFileThatIsNotAnEntriesFileGoesToFailedWithItsReason() throws IOException {
		InboxFiles.write(inbox, "invoice.csv", List.of("invoice,amount", "INV-1,100"));

		ImportSummary summary = this.importRun.run();

		assertThat(platform.uploadRequests()).isEmpty();
		assertThat(summary.exitCode()).isEqualTo(ImportSummary.SOME_REJECTED);
		assertThat(inbox.resolve("failed/invoice.csv")).exists();
		assertThat(Files.readAllLines(inbox.resolve("failed/invoice.csv.errors.txt")))
			.anySatisfy((line) -> assertThat(line).startsWith("file: the header (line 1) lacks employee_id"))
			.contains("# invoice.csv: not delivered at all, the file was refused as a whole")
			.noneSatisfy((line) -> assertThat(line).contains("was delivered"));
	}

	@Test
	void jsonLinesAreReadLikeCsv() throws IOException {
		InboxFiles.write(inbox, "tuesday.jsonl", List.of(
				"{\"employee_id\":\"emp-1\",\"date\":\"2026-11-03\",\"project\":\"apollo\",\"hours\":7.5,\"notes\":\"standup\"}",
				"", "{\"employee_id\":\"emp-2\",\"date\":\"2026-11-03\",\"project\":\"apollo\",\"hours\":\"8\"}",
				"{not json",
				"{\"employee_id\":\"emp-3\",\"date\":\"2026-11-03\",\"project\":\"apollo\",\"hours\":-1}"));

		ImportSummary summary = this.importRun.run();

		assertThat(summary.created()).isEqualTo(2);
		assertThat(summary.invalidLines()).isEqualTo(2);
		assertThat(platform.stored().values()).extracting((entry) -> entry.path("hours").asString())
			.containsExactlyInAnyOrder("7.5", "8");
		assertThat(Files.readAllLines(inbox.resolve("failed/tuesday.jsonl.errors.txt")))
			.anySatisfy((line) -> assertThat(line).startsWith("line 4: is not valid JSON"))
			.contains("line 5, field hours: must be greater than 0 and at most 24 (got -1)");
	}

	@Test
	void aFileStillBeingWrittenIsLeftForTheNextRun() throws IOException {
		// A producer writing straight into the inbox, not renaming a finished file into
		// it: the last line so far says 7 hours where the finished file will say 7.5.
		Path file = InboxFiles.write(inbox, "live.csv",
				List.of(InboxFiles.HEADER, "emp-1,2026-11-02,apollo,8,", "emp-2,2026-11-02,apollo,7"));
		Files.setLastModifiedTime(file, FileTime.from(Instant.now()));

		ImportSummary whileWritten = this.importRun.run();

		assertThat(platform.uploadRequests()).isEmpty();
		assertThat(whileWritten.filesLeftInInbox()).isOne();
		assertThat(whileWritten.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		assertThat(file).exists();

		InboxFiles.write(inbox, "live.csv",
				List.of(InboxFiles.HEADER, "emp-1,2026-11-02,apollo,8,", "emp-2,2026-11-02,apollo,7.5,"));
		ImportSummary finished = this.importRun.run();

		assertThat(finished.created()).isEqualTo(2);
		assertThat(platform.stored().values()).extracting((entry) -> entry.path("hours").asString())
			.containsExactlyInAnyOrder("8", "7.5");
	}

	@Test
	void theSameFileDroppedTwiceCreatesNothingTheSecondTime() throws IOException {
		Path file = InboxFiles.csv(inbox, "export.csv", 8);
		List<String> content = Files.readAllLines(file);
		this.importRun.run();

		InboxFiles.write(inbox, "export.csv", content);
		ImportSummary second = this.importRun.run();

		assertThat(second.created()).isZero();
		assertThat(second.duplicates()).isEqualTo(8);
		assertThat(second.exitCode()).isZero();
		assertThat(platform.creations()).hasSize(8).allSatisfy((key, times) -> assertThat(times).isOne());
		assertThat(inbox.resolve("processed/export-1.csv")).exists();
	}

	@Test
	void aClientErrorIsNotRetriedAndTheFileWaitsForTheNextRun() {
		InboxFiles.csv(inbox, "forbidden.csv", 7);
		platform.failNextUploads(new Failure(403,
				Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"batch:upload\""), ""));

		ImportSummary refused = this.importRun.run();

		assertThat(platform.uploadRequests()).extracting(FakePlatform.UploadRequest::status).containsExactly(403);
		assertThat(refused.undelivered()).isEqualTo(7);
		assertThat(refused.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		assertThat(inbox.resolve("forbidden.csv")).exists();

		ImportSummary next = this.importRun.run();

		assertThat(next.created()).isEqualTo(7);
		assertThat(next.exitCode()).isZero();
		assertThat(inbox.resolve("forbidden.csv")).doesNotExist();
	}

	@Test
	void anAnswerThatDoesNotAccountForEveryEntryMarksNothingDelivered() {
		InboxFiles.csv(inbox, "garbled.csv", 5);
		platform.failNextUploads(new Failure(200, Map.of(), "[{\"status\":\"created\"},"),
				new Failure(200, Map.of(), "[{\"status\":\"created\"},{\"status\":\"created\"}]"));

		ImportSummary malformed = this.importRun.run();
		ImportSummary tooFewResults = this.importRun.run();

		for (ImportSummary refused : List.of(malformed, tooFewResults)) {
			assertThat(refused.created()).isZero();
			assertThat(refused.undelivered()).isEqualTo(5);
			assertThat(refused.exitCode()).isEqualTo(ImportSummary.SOME_UNDELIVERED);
		}
		assertThat(inbox.resolve("garbled.csv")).exists();

		ImportSummary next = this.importRun.run();

		assertThat(next.resumed()).isZero();
		assertThat(next.created()).isEqualTo(5);
		assertThat(platform.creations()).hasSize(5).allSatisfy((key, times) -> assertThat(times).isOne());
		assertThat(inbox.resolve("processed/garbled.csv")).exists();
	}

	@Test
	void neitherTheSecretNorAnAccessTokenIsLogged(CapturedOutput output) {
		InboxFiles.csv(inbox, "quiet.csv", 6);
		platform.failNextUploads(Failure.status(401));

		this.importRun.run();

		assertThat(platform.issuedTokens()).isNotEmpty();
		assertThat(output.getAll()).doesNotContain(FakePlatform.CLIENT_SECRET)
			.contains("Obtained an access token for client timesheets-import-job");
		platform.issuedTokens().forEach((token) -> assertThat(output.getAll()).doesNotContain(token));
	}

}
