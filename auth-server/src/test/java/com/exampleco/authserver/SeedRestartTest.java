package com.exampleco.authserver;

import java.nio.file.Path;
import java.util.List;

import com.exampleco.authserver.client.Client;
import com.exampleco.authserver.client.ClientRepository;
import com.exampleco.authserver.client.ClientSecretHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed creates what is missing and leaves what exists: a secret rotated after the
 * first start (here written through the repository, as a management API would) survives
 * every restart with the same configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedRestartTest {

	static final TestClients.Credentials ROTATED = new TestClients.Credentials(IMPORT_JOB.clientId(),
			"q8Vt2LmZ0cXw4Rb7Ny1Hk5Jd3Fg6Sp9Ua_QeWiOrTyU");

	@TempDir
	Path data;

	@Test
	void aSecretAddedAfterTheSeedSurvivesARestart() {
		try (var first = start()) {
			assertThat(status(first, IMPORT_JOB)).isEqualTo(200);
			rotate(first, IMPORT_JOB.secret(), ROTATED.secret());
		}

		try (var restarted = start()) {
			assertThat(status(restarted, ROTATED)).as("the secret added after the seed").isEqualTo(200);
			assertThat(status(restarted, IMPORT_JOB)).as("the seeded secret, still valid beside it").isEqualTo(200);
		}
	}

	@Test
	void aRetiredSeedSecretIsNotBroughtBackAndTheSeedSaysSoWithoutPrintingIt(CapturedOutput output) {
		try (var first = start()) {
			rotate(first, ROTATED.secret());
			assertThat(status(first, IMPORT_JOB)).isEqualTo(401);
		}

		try (var restarted = start()) {
			assertThat(status(restarted, ROTATED)).as("the rotated secret").isEqualTo(200);
			assertThat(status(restarted, IMPORT_JOB)).as("the retired seed secret").isEqualTo(401);
		}
		assertThat(output.getAll())
			.contains("the configured secret of client 'import-job' is not one of its stored secrets")
			.doesNotContain(IMPORT_JOB.secret(), ROTATED.secret());
	}

	@Test
	void aConfiguredSecretIsAddedBesideTheStoredOnesOnlyWhenAskedTo() {
		try (var first = start()) {
			rotate(first, ROTATED.secret());
		}

		try (var restarted = start("--auth-server.seed.add-configured-secrets=true")) {
			assertThat(status(restarted, IMPORT_JOB)).as("the configured secret, added").isEqualTo(200);
			assertThat(status(restarted, ROTATED)).as("the stored secret, kept").isEqualTo(200);
		}
	}

	/**
	 * Replaces the import job's secrets by {@code secrets}, as a management API's
	 * rotation would.
	 */
	static void rotate(RunningServer server, String... secrets) {
		ClientRepository clients = server.context().getBean(ClientRepository.class);
		ClientSecretHasher hasher = server.context().getBean(ClientSecretHasher.class);
		Client stored = clients.findById(IMPORT_JOB.clientId()).orElseThrow();
		clients.save(new Client(stored.clientId(), stored.name(), stored.grantTypes(), stored.authMethods(),
				stored.defaultAudience(), stored.defaultOrganization(),
				List.of(secrets).stream().map(hasher::hash).toList()));
	}

	static int status(RunningServer server, TestClients.Credentials client) {
		return server.client()
			.tokenWithBasic(client, "grant_type", "client_credentials", "audience", TIMESHEETS)
			.status();
	}

	/**
	 * The test configuration on an H2 file in the temporary directory, kept across
	 * restarts.
	 */
	RunningServer start(String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--spring.datasource.url=jdbc:h2:file:" + data.resolve("auth-server") + ";DB_CLOSE_ON_EXIT=FALSE";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		return RunningServer.start(all);
	}

}
