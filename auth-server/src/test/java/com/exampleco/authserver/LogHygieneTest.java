package com.exampleco.authserver;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.NO_GRANT;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at DEBUG, a full round of token requests leaves no secret and no
 * access token in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest {

	static final String PEPPER = "log-test-pepper-Zx81Kq0Pz7Lw5Rt3Yv9Nm2Bc4Df6Gh8";

	@AfterEach
	void quietAgain() {
		// The DEBUG level outlives the closed context; the tests that follow need not
		// read it.
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
	}

	@Test
	void secretsAndTokensNeverReachTheLog(CapturedOutput output) {
		List<String> tokens = new ArrayList<>();
		try (var app = RunningServer.start("--logging.level.root=DEBUG",
				"--spring.datasource.url=jdbc:h2:mem:log-hygiene;DB_CLOSE_DELAY=-1",
				"--auth-server.client-secrets.pepper=" + PEPPER)) {
			var server = app.client();

			tokens.add(server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
				.accessToken());
			tokens.add(
					server
						.token("grant_type", "client_credentials", "client_id", READER.clientId(), "client_secret",
								READER.secret(), "audience", TIMESHEETS)
						.accessToken());
			tokens.add(
					server
						.post("/oauth/token", null, "application/json",
								"""
										{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s","audience":"%s"}
										"""
									.formatted(IMPORT_JOB.clientId(), IMPORT_JOB.secret(), TIMESHEETS))
						.accessToken());
			server.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(), "client_secret",
					NO_GRANT.secret(), "audience", TIMESHEETS);
			server.tokenWithBasic(NO_GRANT, "grant_type", "client_credentials", "audience", TIMESHEETS);
		}

		assertThat(tokens).hasSize(3).doesNotContainNull();
		assertThat(output.getAll()).as("the log shows the requests happened")
			.contains("Issued access token: client_id=import-job")
			.contains("Client authentication failed: client_id=import-job")
			.doesNotContain(IMPORT_JOB.secret(), READER.secret(), NO_GRANT.secret(), PEPPER,
					TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()).substring(6));
		for (String token : tokens) {
			String signature = token.substring(token.lastIndexOf('.') + 1);
			assertThat(output.getAll()).doesNotContain(token).doesNotContain(signature);
		}
	}

}
