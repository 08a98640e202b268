package com.exampleco.timesheets.api.security;

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
 * Given an API that has verified tokens with a key, when the authorization server rotates
 * to a new key and withdraws the old one, then once the API has fetched the new key set,
 * a token signed with the withdrawn key is refused, even though the API had that key
 * converted and ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:withdrawn-key;DB_CLOSE_DELAY=-1",
				"timesheets.security.jwks.cache-time-to-live=1h", "timesheets.security.jwks.refresh-min-interval=30m" })
class WithdrawnKeyTest {

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
	void aTokenSignedWithAWithdrawnKeyIsRefusedOnceTheNewKeySetIsFetched() {
		ApiClient api = new ApiClient(this.port);
		AccessTokens withFirstKey = AUTHORIZATION_SERVER.tokens().scope("read:timesheets");
		assertThat(api.get("/timesheets").bearer(withFirstKey.rs256()).send().status()).isEqualTo(200);

		AUTHORIZATION_SERVER.rotate("key-2");
		AUTHORIZATION_SERVER.withdraw("key-1");
		assertThat(api.get("/timesheets")
			.bearer(AUTHORIZATION_SERVER.tokens().scope("read:timesheets").rs256())
			.send()
			.status()).as("the new key is fetched").isEqualTo(200);

		ApiClient.Response refused = api.get("/timesheets").bearer(withFirstKey.rs256()).send();
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
		assertThat(AUTHORIZATION_SERVER.jwksRequests()).isEqualTo(2);
	}

}
