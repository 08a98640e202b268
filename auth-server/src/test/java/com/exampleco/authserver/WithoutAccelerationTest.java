package com.exampleco.authserver;

import com.exampleco.authserver.keys.SigningKeySet;
import com.nimbusds.jose.crypto.RSASSASigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token endpoint test of {@link TokenEndpointTest} (inherited, success and failure)
 * again with both add-ons of the {@code acceleration} package off: the server is slower,
 * never different. {@code .ci/without-add-ons auth-server} proves the same with the
 * package deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"auth-server.acceleration.corretto.enabled=false", "auth-server.acceleration.reusable-signer.enabled=false" })
class WithoutAccelerationTest extends TokenEndpointTest {

	@Autowired
	SigningKeySet keys;

	@Test
	void tokensAreSignedByNimbusPlainSignerWithTheJdksProvider() {
		var signer = keys.currentSigner();

		assertThat(signer).isExactlyInstanceOf(RSASSASigner.class);
		// No provider chosen: the JDK's default signs, not Amazon Corretto Crypto
		// Provider.
		assertThat(signer.getJCAContext().getProvider()).isNull();
	}

}
