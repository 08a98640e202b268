package com.exampleco.authserver.acceleration;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which JCA provider signs tokens, as the server reports it at startup, and that it makes
 * standard signatures.
 */
class CorrettoSignaturesTest {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void onLinuxX8664TheBuildShipsAmazonCorrettoCryptoProviderAndItSigns() throws Exception {
		var provider = new CorrettoSignatures();
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

}
