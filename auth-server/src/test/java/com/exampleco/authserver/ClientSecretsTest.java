package com.exampleco.authserver;

import java.util.List;

import com.exampleco.authserver.client.ClientSecretHasher;
import com.exampleco.authserver.client.ClientSecretProperties;
import com.exampleco.authserver.client.SecretPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How client secrets are stored and which ones are accepted at all. */
class ClientSecretsTest {

	static final ClientSecretProperties PROPERTIES = new ClientSecretProperties(
			"test-pepper-0123456789abcdefghijklmnopqrstuvwxyz", 256);

	final ClientSecretHasher hasher = new ClientSecretHasher(PROPERTIES);

	final SecretPolicy policy = new SecretPolicy(PROPERTIES);

	@Test
	void aSecretIsStoredAsAKeyedHashNotAsItself() {
		String secret = TestClients.IMPORT_JOB.secret();

		String stored = hasher.hash(secret);

		assertThat(stored).startsWith("hmac-sha256$").doesNotContain(secret);
		assertThat(hasher.matchesAny(secret, List.of(stored))).isTrue();
		assertThat(hasher.matchesAny(secret + "x", List.of(stored))).isFalse();
	}

	@Test
	void theHashDependsOnThePepperSoTheTableAloneCannotTestGuesses() {
		var otherServer = new ClientSecretHasher(
				new ClientSecretProperties("another-pepper-0123456789abcdefghijklmnopqrstuv", 256));

		assertThat(otherServer.hash("same secret")).isNotEqualTo(hasher.hash("same secret"));
	}

	@Test
	void duringARotationEitherSecretMatches() {
		List<String> stored = List.of(hasher.hash("old-secret"), hasher.hash("new-secret"));

		assertThat(hasher.matchesAny("old-secret", stored)).isTrue();
		assertThat(hasher.matchesAny("new-secret", stored)).isTrue();
		assertThat(hasher.matchesAny("other-secret", stored)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "hunter2", "correct horse battery staple", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"0123456789abcdef0123456789abcdef", "Summer2026!Summer2026!" })
	void lowEntropySecretsAreRefusedWithAReasonButWithoutTheSecret(String weak) {
		assertThatThrownBy(() -> policy.check("some-client", weak)).isInstanceOf(SecretPolicy.WeakSecretException.class)
			.hasMessageContaining("some-client")
			.hasMessageContaining("openssl rand")
			.hasMessageNotContaining(weak);
	}

	@ParameterizedTest
	@ValueSource(strings = { "F7PBFgoYkxsibzoloT9zUezrS_iHRvdWi63lVebKESI",
			"4f1c0e9b7a2d3c5e8f6a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e" })
	void randomSecretsOf32BytesAreAccepted(String strong) {
		assertThatNoException().isThrownBy(() -> policy.check("some-client", strong));
	}

}
