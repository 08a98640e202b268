package com.exampleco.timesheets.api.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.DebugLogging;
import com.exampleco.timesheets.api.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given CR and LF in every request value a client controls (path, query, headers, body
 * fields, idempotency keys), with this API's loggers and Spring's web and security
 * loggers at DEBUG (as when someone investigates a problem), then no log line starts with
 * text the client wrote: a forged line such as "FORGED ... INFO Payment approved" can
 * never appear in the log as if the API had written it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTest extends ApiIntegrationTest {

	private static final String FORGED = "FORGED-LOG-LINE";

	private static final String ENCODED = "x%0d%0a" + FORGED + "%0a" + FORGED;

	private static final String RAW = "x\r\n" + FORGED + "\n" + FORGED;

	@RegisterExtension
	final DebugLogging debug = new DebugLogging("com.exampleco", "org.springframework.web",
			"org.springframework.security");

	@Test
	void noRequestValueStartsALogLine(CapturedOutput output) {
		String token = tokens().scope("create:timesheets read:timesheets batch:upload delete:timesheets").rs256();
		String expired = tokens().expiresAt(java.time.Instant.now().minusSeconds(3600))
			.issuedAt(java.time.Instant.now().minusSeconds(7200))
			.rs256();
		for (String bearer : new String[] { token, expired, "not-a-token", null }) {
			for (String path : new String[] { "/timesheets/" + ENCODED, "/" + ENCODED,
					"/timesheets?project=" + ENCODED + "&employee_id=" + ENCODED + "&from=" + ENCODED + "&page="
							+ ENCODED + "&" + ENCODED + "=1",
					"/timesheets;" + ENCODED + "=1", "/approvals/" + ENCODED }) {
				var call = this.api.get(path).header("X-Request-Id", ENCODED).header("Idempotency-Key", ENCODED);
				if (bearer != null) {
					call.bearer(bearer);
				}
				call.send();
			}
		}
		this.api.post("/timesheets")
			.bearer(token)
			.header("Idempotency-Key", ENCODED)
			.json(Map.of("employee_id", RAW, "date", RAW, "project", RAW, "hours", RAW, "notes", RAW))
			.send();
		this.api.post("/timesheets/upload")
			.bearer(token)
			.json(List.of(Map.of("idempotency_key", RAW, "employee_id", RAW, "date", "2026-11-02", "project", RAW,
					"hours", 1), Map.of(RAW, RAW)))
			.send();
		this.api.post("/timesheets/upload").bearer(token).json("[{\"" + RAW.replace("\r\n", "\\r\\n") + "\": }").send();
		this.api.post("/timesheets").bearer(token).header("Content-Type", "application/" + ENCODED).send();
		new RawHttp(this.port).exchange(
				"GET /timesheets/x\r" + FORGED + " HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0],
				Duration.ofSeconds(10));
		new RawHttp(this.port).exchange(
				"GET /timesheets HTTP/1.1\r\nHost: localhost\r\nX-Forged: a\r" + FORGED + "\r\nConnection: close",
				new byte[0], Duration.ofSeconds(10));

		assertThat(output.getAll()).doesNotContain("\n" + FORGED).doesNotContain("\r" + FORGED);
	}

}
