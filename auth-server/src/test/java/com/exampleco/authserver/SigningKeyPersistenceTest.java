package com.exampleco.authserver;

import java.nio.file.Path;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing key survives a restart, so tokens issued before it still validate after it.
 */
class SigningKeyPersistenceTest {

	@TempDir
	Path data;

	@Test
	void aTokenIssuedBeforeARestartValidatesAgainstTheJwksAfterIt() throws Exception {
		String token;
		try (var before = start("PAD06cMyYgnb7tCY92qvXiX950DUYIp2jDJyfkA8ZKM=")) {
			token = before.client()
				.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
				.accessToken();
		}

		try (var after = start("PAD06cMyYgnb7tCY92qvXiX950DUYIp2jDJyfkA8ZKM=")) {
			var claims = new JwtConsumerBuilder()
				.setVerificationKeyResolver(
						new HttpsJwksVerificationKeyResolver(new HttpsJwks(after.url("/.well-known/jwks.json"))))
				.setExpectedIssuer("https://auth.test.example/")
				.setExpectedAudience(TIMESHEETS)
				.build()
				.processToClaims(token);
			assertThat(claims.getSubject()).isEqualTo("import-job@clients");

			String newToken = after.client()
				.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
				.accessToken();
			assertThat(header(newToken)).as("the same key signs after the restart").isEqualTo(header(token));
		}
	}

	@Test
	void aWrongEncryptionKeyStopsTheServerInsteadOfSilentlyReplacingTheSigningKey() {
		start("PAD06cMyYgnb7tCY92qvXiX950DUYIp2jDJyfkA8ZKM=").close();

		assertThatThrownBy(() -> start("Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=")).rootCause()
			.hasMessageContaining("cannot be decrypted")
			.hasMessageContaining("invalidate every token");
	}

	RunningServer start(String encryptionKey) {
		return RunningServer.start(
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("auth-server") + ";DB_CLOSE_ON_EXIT=FALSE",
				"--auth-server.signing-keys.encryption-key=" + encryptionKey);
	}

	static String header(String jwt) {
		return jwt.substring(0, jwt.indexOf('.'));
	}

}
