package com.exampleco.authserver;

import java.time.Instant;
import java.util.List;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The access token, verified as a resource server would verify it: by an independent JOSE
 * library (jose4j, not the Nimbus library that signed it), against the JWKS the server
 * publishes.
 */
class AccessTokenTest extends AuthServerIntegrationTest {

	@Test
	void theTokenVerifiesAgainstThePublishedJwksWithEveryClaimAuth0Sets() throws Exception {
		Instant before = Instant.now();
		var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
				"organization", "acme");

		JwtContext verified = verifier().process(answer.accessToken());
		JwtClaims claims = verified.getJwtClaims();

		var header = verified.getJoseObjects().get(0);
		assertThat(header.getAlgorithmHeaderValue()).isEqualTo("RS256");
		assertThat(header.getHeader("typ")).isEqualTo("at+jwt");
		assertThat(header.getKeyIdHeaderValue()).isNotBlank();

		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getSubject()).isEqualTo("import-job@clients");
		assertThat(claims.getAudience()).containsExactly(TIMESHEETS);
		assertThat(claims.getClaimValue("aud")).as("a single audience is a string, as Auth0 writes it")
			.isEqualTo(TIMESHEETS);
		assertThat(claims.getStringClaimValue("azp")).isEqualTo("import-job");
		assertThat(claims.getStringClaimValue("client_id")).isEqualTo("import-job");
		assertThat(claims.getStringClaimValue("gty")).isEqualTo("client-credentials");
		assertThat(claims.getStringClaimValue("scope")).isEqualTo("batch:upload create:timesheets");
		assertThat(claims.getStringClaimValue("org_id")).isEqualTo("org_acme");
		assertThat(claims.getStringClaimValue("org_name")).isEqualTo("acme");
		assertThat(claims.getJwtId()).isNotBlank();
		assertThat(claims.getIssuedAt().getValue()).isCloseTo(before.getEpochSecond(), within(5L));
		assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
			.as("the API's token lifetime")
			.isEqualTo(3600);
		assertThat(answer.json()).containsEntry("expires_in", 3600);
	}

	@Test
	void everyTokenHasItsOwnId() throws Exception {
		var first = verifier().processToClaims(
				server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
					.accessToken());
		var second = verifier().processToClaims(
				server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
					.accessToken());

		assertThat(List.of(first.getJwtId(), second.getJwtId())).doesNotHaveDuplicates();
	}

	@Test
	void theTokenIsRejectedForAnotherAudience() {
		String token = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS)
			.accessToken();

		JwtConsumer otherApi = new JwtConsumerBuilder()
			.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks()))
			.setExpectedIssuer(ISSUER)
			.setExpectedAudience("https://api.exampleco.com/payroll")
			.build();

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> otherApi.process(token))
			.hasMessageContaining("Audience");
	}

	JwtConsumer verifier() {
		return new JwtConsumerBuilder().setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks()))
			.setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
					AlgorithmIdentifiers.RSA_USING_SHA256)
			.setExpectedType(true, "at+jwt")
			.setExpectedIssuer(ISSUER)
			.setExpectedAudience(TIMESHEETS)
			.setRequireExpirationTime()
			.setRequireIssuedAt()
			.setRequireJwtId()
			.setRequireSubject()
			.build();
	}

	HttpsJwks jwks() {
		return new HttpsJwks(jwksUrl());
	}

}
