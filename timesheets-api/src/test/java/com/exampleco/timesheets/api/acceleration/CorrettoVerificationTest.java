package com.exampleco.timesheets.api.acceleration;

import java.nio.charset.StandardCharsets;
import java.security.Key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Corretto add-on hands the decoder a verifier factory of Amazon Corretto Crypto
 * Provider, which verifies.
 */
class CorrettoVerificationTest {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void onLinuxX8664TheBuildShipsAmazonCorrettoCryptoProviderAndItVerifiesSignatures() throws Exception {
		CorrettoVerification corretto = new CorrettoVerification();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

		corretto.customize(processor);

		assertThat(corretto.describe()).startsWith("AmazonCorrettoCryptoProvider");
		assertThat(processor.getJWSVerifierFactory().getJCAContext().getProvider())
			.isSameAs(corretto.provider().orElseThrow());
		RSAKey key = TestAuthorizationServer.newKey("key-1");
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build();
		byte[] signingInput = "header.payload".getBytes(StandardCharsets.US_ASCII);
		Base64URL signature = new RSASSASigner(key).sign(header, signingInput);
		Key publicKey = key.toRSAPublicKey();
		assertThat(processor.getJWSVerifierFactory()
			.createJWSVerifier(header, publicKey)
			.verify(header, signingInput, signature)).isTrue();
		assertThat(processor.getJWSVerifierFactory()
			.createJWSVerifier(header, publicKey)
			.verify(header, "header.other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
	}

}
