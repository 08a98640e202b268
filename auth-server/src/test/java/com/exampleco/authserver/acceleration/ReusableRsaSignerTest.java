package com.exampleco.authserver.acceleration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signature objects are reused across tokens and threads; every signature must still be
 * the right one.
 */
class ReusableRsaSignerTest {

	@ParameterizedTest(name = "Corretto: {0}")
	@ValueSource(booleans = { true, false })
	void concurrentSignaturesOfDifferentPayloadsAllVerify(boolean corretto) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
		var provider = corretto ? new CorrettoSignatures().provider().orElse(null) : null;
		var signer = new ReusableRsaSigner(key.toRSAPrivateKey(), provider);
		var verifier = new RSASSAVerifier(key.toRSAPublicKey());

		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<JWSObject>> jobs = IntStream.range(0, 400).<Callable<JWSObject>>mapToObj(i -> () -> {
				JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("token " + i));
				jws.sign(signer);
				return jws;
			}).toList();
			for (Future<JWSObject> signed : pool.invokeAll(jobs)) {
				JWSObject parsed = JWSObject.parse(signed.get().serialize());
				assertThat(parsed.verify(verifier)).as(parsed.getPayload().toString()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS512", "PS256", "HS256" })
	void onlyRs256IsSigned(String algorithm) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).generate();
		var signer = new ReusableRsaSigner(key.toRSAPrivateKey(), null);

		assertThatThrownBy(() -> signer.sign(new JWSHeader(JWSAlgorithm.parse(algorithm)),
				"x".getBytes(StandardCharsets.US_ASCII)))
			.hasMessageContaining("RS256 signatures only");
	}

}
