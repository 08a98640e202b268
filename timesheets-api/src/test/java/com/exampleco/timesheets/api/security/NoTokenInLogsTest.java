package com.exampleco.timesheets.api.security;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.DebugLogging;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given DEBUG logging, when good and bad tokens are used, then no token appears in the
 * log, whole or in part.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoTokenInLogsTest extends ApiIntegrationTest {

	@RegisterExtension
	final DebugLogging debug = new DebugLogging("org.springframework.security", "com.exampleco");

	@Test
	void tokensNeverReachTheLog(CapturedOutput output) {
		String good = token("read:timesheets");
		String expired = tokens().scope("read:timesheets")
			.issuedAt(Instant.now().minusSeconds(7200))
			.expiresAt(Instant.now().minusSeconds(3600))
			.rs256();
		String forged = tokens().scope("read:timesheets").hs256WithPublicKeyBytes();

		for (String token : new String[] { good, expired, forged, "garbage-token" }) {
			this.api.get("/timesheets").bearer(token).send();
		}

		for (String token : new String[] { good, expired, forged }) {
			String[] parts = token.split("\\.");
			assertThat(output.getAll()).doesNotContain(parts[1]).doesNotContain(parts[2]);
		}
		assertThat(output.getAll()).doesNotContain("garbage-token");
	}

}
