package com.exampleco.timesheets.api.security;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.exampleco.timesheets.api.support.AccessTokens;
import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given an API that has fetched the authorization server's keys, when the server rotates
 * to a new key, then a token signed with it is accepted after one more fetch; and a flood
 * of tokens naming unknown keys fetches nothing more. Its own context and key server,
 * with a refresh window longer than the test, so the counts are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:key-rotation;DB_CLOSE_DELAY=-1",
				"timesheets.security.jwks.cache-time-to-live=1h", "timesheets.security.jwks.refresh-min-interval=30m" })
class KeyRotationTest {

	private static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void authorizationServer(DynamicPropertyRegistry registry) {
		registry.add("timesheets.security.jwk-set-uri", AUTHORIZATION_SERVER::jwkSetUri);
	}

	@AfterAll
	static void stop() {
		AUTHORIZATION_SERVER.close();
	}

	@Test
	void aRotatedKeyIsFetchedOnceAndUnknownKidsDoNotHammerTheAuthorizationServer() {
		ApiClient api = new ApiClient(this.port);
		assertThat(AUTHORIZATION_SERVER.jwksRequests()).as("nothing is fetched at startup").isZero();

		assertThat(api.get("/timesheets")
			.bearer(AUTHORIZATION_SERVER.tokens().scope("read:timesheets").rs256())
			.send()
			.status()).isEqualTo(200);
		assertThat(api.get("/timesheets")
			.bearer(AUTHORIZATION_SERVER.tokens().scope("read:timesheets").rs256())
			.send()
			.status()).isEqualTo(200);
		assertThat(AUTHORIZATION_SERVER.jwksRequests()).as("keys are cached").isEqualTo(1);

		AUTHORIZATION_SERVER.rotate("key-2");
		String rotated = AUTHORIZATION_SERVER.tokens().scope("read:timesheets").rs256();
		assertThat(api.get("/timesheets").bearer(rotated).send().status()).isEqualTo(200);
		assertThat(AUTHORIZATION_SERVER.jwksRequests()).as("an unknown kid triggers one refetch").isEqualTo(2);

		for (int i = 0; i < 50; i++) {
			String bogus = AUTHORIZATION_SERVER.tokens()
				.scope("read:timesheets")
				.keyId(UUID.randomUUID().toString())
				.rs256();
			ApiClient.Response refused = api.get("/timesheets").bearer(bogus).send();
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
		}
		assertThat(AUTHORIZATION_SERVER.jwksRequests()).as("bogus kids are rate limited").isEqualTo(2);

		AccessTokens stillGood = AUTHORIZATION_SERVER.tokens().scope("read:timesheets");
		assertThat(api.get("/timesheets").bearer(stillGood.rs256()).send().status()).isEqualTo(200);
	}

}
