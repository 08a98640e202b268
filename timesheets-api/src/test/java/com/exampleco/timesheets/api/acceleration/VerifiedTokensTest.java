package com.exampleco.timesheets.api.acceleration;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.exampleco.timesheets.api.support.AccessTokenDecoders;
import com.exampleco.timesheets.api.support.AccessTokens;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * With the verified-tokens add-on, the API's decoder remembers a token whose signature
 * verified, and still refuses it the moment it expires or its key is withdrawn; what
 * failed verification is never remembered. The decoder is the application's own (its
 * configuration and add-ons), against a stand-in authorization server that publishes its
 * keys over HTTP.
 */
class VerifiedTokensTest {

	private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	private AccessTokenDecoders decoders;

	@AfterEach
	void stop() {
		if (this.decoders != null) {
			this.decoders.close();
		}
		this.authorizationServer.close();
	}

	@Test
	void aVerifiedTokenIsRememberedSoItsSignatureIsCheckedOnce() {
		VerifiedTokens decoder = decoder(Map.of());
		String token = tokens().rs256();

		Jwt first = decoder.decode(token);
		Jwt again = decoder.decode(token);

		assertThat(decoder.remembered()).isEqualTo(1);
		assertThat(again).as("the remembered verification, not a new one").isSameAs(first);
		assertThat(again.getSubject()).isEqualTo("timesheets-import-job@clients");
	}

	@Test
	void aRememberedTokenIsRefusedOnceItExpires() {
		VerifiedTokens decoder = decoder(Map.of("timesheets.security.clock-skew", "0s"));
		String token = tokens().expiresAt(Instant.now().plusSeconds(3)).rs256();
		decoder.decode(token);
		assertThat(decoder.remembered()).isEqualTo(1);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatExceptionOfType(JwtValidationException.class)
				.isThrownBy(() -> decoder.decode(token))
				.withMessageContaining("expired"));
	}

	@Test
	void aRememberedTokenIsRefusedOnceItsKeyIsWithdrawn() {
		VerifiedTokens decoder = decoder(Map.of());
		String withFirstKey = tokens().rs256();
		decoder.decode(withFirstKey);

		this.authorizationServer.rotate("key-2");
		this.authorizationServer.withdraw("key-1");
		decoder.decode(tokens().rs256());

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(withFirstKey));
	}

	@Test
	void aTokenThatFailsVerificationIsNotRemembered() {
		VerifiedTokens decoder = decoder(Map.of());
		String forged = tokens().signedWith(TestAuthorizationServer.newKey("key-1")).rs256();

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged));

		assertThat(decoder.remembered()).isZero();
	}

	@Test
	void withAMaximumSizeOfZeroEveryRequestVerifiesTheSignature() {
		VerifiedTokens decoder = decoder(Map.of("timesheets.acceleration.verified-tokens.maximum-size", "0"));
		String token = tokens().rs256();

		Jwt first = decoder.decode(token);
		Jwt again = decoder.decode(token);

		assertThat(decoder.remembered()).isZero();
		assertThat(again).isNotSameAs(first);
		assertThat(again.getClaims()).isEqualTo(first.getClaims());
	}

	private AccessTokens tokens() {
		return this.authorizationServer.tokens()
			.client("timesheets-import-job")
			.scope("batch:upload create:timesheets");
	}

	private VerifiedTokens decoder(Map<String, String> settings) {
		Map<String, String> properties = new HashMap<>(settings);
		properties.put("timesheets.security.jwk-set-uri", this.authorizationServer.jwkSetUri());
		properties.put("timesheets.security.jwks.cache-time-to-live", "1h");
		properties.put("timesheets.security.jwks.refresh-min-interval", "30m");
		this.decoders = new AccessTokenDecoders(properties);
		return (VerifiedTokens) this.decoders.decoder();
	}

}
