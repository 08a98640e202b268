package com.exampleco.authserver;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

import com.exampleco.authserver.keys.SignatureProvider;
import com.exampleco.authserver.keys.SigningKeyProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which JCA provider signs tokens, as the server reports it at startup, and that it makes
 * standard signatures.
 */
class SignatureProviderTest {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void onLinuxX8664TheBuildShipsAmazonCorrettoCryptoProviderAndItSigns() throws Exception {
		var provider = new SignatureProvider(properties(true));
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);

		Signature signer = Signature.getInstance("SHA256withRSA", provider.provider().orElseThrow());
		signer.initSign(keys.getPrivate());
		signer.update(input);
		byte[] signature = signer.sign();

		assertThat(provider.describe()).startsWith("AmazonCorrettoCryptoProvider");
		assertThat(signer.getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
		// The JDK's own verifier accepts the signature: ACCP made a standard RS256
		// signature of this input.
		Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
		verifier.initVerify(keys.getPublic());
		verifier.update(input);
		assertThat(verifier.verify(signature)).isTrue();
	}

	@Test
	void turningTheFastProviderOffSignsWithTheJdk() {
		var provider = new SignatureProvider(properties(false));

		assertThat(provider.provider()).isEmpty();
		assertThat(provider.describe()).contains("JDK");
	}

	static SigningKeyProperties properties(boolean fastProvider) {
		return new SigningKeyProperties("A/SX5Jp2xiUfuKr8MAG16QdQWT81UK2HD5KQgMYx2eE=", 2048, fastProvider);
	}

}
