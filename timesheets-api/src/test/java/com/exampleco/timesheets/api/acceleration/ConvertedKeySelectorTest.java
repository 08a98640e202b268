package com.exampleco.timesheets.api.acceleration;

import java.security.Key;
import java.security.Provider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key for a token comes from the key set as it is now, converted once: a withdrawn
 * key is no longer selected, an unknown or disallowed one never is, and many rotations do
 * not make the remembered keys grow without bound.
 */
class ConvertedKeySelectorTest {

	private final List<JWK> published = new CopyOnWriteArrayList<>();

	private final JWKSource<SecurityContext> keySet = (selector, context) -> selector
		.select(new JWKSet(this.published));

	private final JWSVerificationKeySelector<SecurityContext> standard = new JWSVerificationKeySelector<>(
			Set.of(JWSAlgorithm.RS256), this.keySet);

	private final ConvertedKeySelector selector = new ConvertedKeySelector(this.standard, null);

	@Test
	void theKeyNamedByTheTokenVerifiesIt() throws Exception {
		RSAKey key = publish("key-1");

		List<Key> selected = this.selector.selectJWSKeys(header(JWSAlgorithm.RS256, "key-1"), null);

		assertThat(selected).containsExactly(key.toRSAPublicKey());
	}

	@Test
	void aWithdrawnKeyIsNoLongerSelected() throws Exception {
		RSAKey old = publish("key-1");
		publish("key-2");
		assertThat(this.selector.selectJWSKeys(header(JWSAlgorithm.RS256, "key-1"), null)).hasSize(1);

		this.published.remove(old.toPublicJWK());

		assertThat(this.selector.selectJWSKeys(header(JWSAlgorithm.RS256, "key-1"), null)).isEmpty();
		assertThat(this.selector.selectJWSKeys(header(JWSAlgorithm.RS256, "key-2"), null)).hasSize(1);
	}

	@Test
	void anUnknownKidOrAnAlgorithmNotAcceptedSelectsNothing() throws Exception {
		publish("key-1");

		assertThat(this.selector.selectJWSKeys(header(JWSAlgorithm.RS256, "key-9"), null)).isEmpty();
		assertThat(this.selector.selectJWSKeys(header(JWSAlgorithm.PS256, "key-1"), null)).isEmpty();
	}

	@Test
	void manyRotationsKeepAFewConvertedKeysInMemory() throws Exception {
		for (int i = 0; i < 3 * ConvertedKeySelector.MAX_KEYS; i++) {
			this.published.clear();
			publish("key-" + i);
			assertThat(this.selector.selectJWSKeys(header(JWSAlgorithm.RS256, "key-" + i), null)).hasSize(1);
		}

		assertThat(this.selector.remembered()).isBetween(1, ConvertedKeySelector.MAX_KEYS);
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void withAFasterProviderTheKeyIsThatProvidersOwn() throws Exception {
		Provider accp = new CorrettoVerification().provider().orElseThrow();
		ConvertedKeySelector fast = new ConvertedKeySelector(this.standard, accp);
		RSAKey key = publish("key-1");

		List<Key> selected = fast.selectJWSKeys(header(JWSAlgorithm.RS256, "key-1"), null);

		assertThat(selected).singleElement()
			.satisfies((k) -> assertThat(k.getClass().getName()).startsWith("com.amazon.corretto"))
			.satisfies((k) -> assertThat(k.getEncoded()).isEqualTo(key.toRSAPublicKey().getEncoded()));
	}

	private RSAKey publish(String kid) {
		RSAKey key = TestAuthorizationServer.newKey(kid);
		this.published.add(key.toPublicJWK());
		return key;
	}

	private static JWSHeader header(JWSAlgorithm algorithm, String kid) {
		return new JWSHeader.Builder(algorithm).keyID(kid).build();
	}

}
