package com.exampleco.timesheets.api.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given an authorization server that is down, the API still starts and reports healthy; a
 * call with a token gets 503 and Retry-After (the token may be fine, retry later), not a
 * 500 and not a 401 that would send the client to re-authenticate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:authorization-server-down;DB_CLOSE_DELAY=-1")
class AuthorizationServerDownTest {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void unreachableAuthorizationServer(DynamicPropertyRegistry registry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		registry.add("timesheets.security.jwk-set-uri",
				() -> "http://127.0.0.1:" + closedPort + "/.well-known/jwks.json");
	}

	@Test
	void theApiStartsAndIsHealthy() {
		ApiClient.Response health = new ApiClient(this.port).get("/actuator/health").send();

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void aCallWithATokenIsAServiceUnavailableToRetry() {
		String token;
		try (TestAuthorizationServer elsewhere = TestAuthorizationServer.start()) {
			token = elsewhere.tokens().scope("read:timesheets").rs256();
		}

		ApiClient.Response response = new ApiClient(this.port).get("/timesheets").bearer(token).send();

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).doesNotContain(token);
	}

	@Test
	void everyRetryDuringTheOutageIsAServiceUnavailableNeverAnInvalidToken() {
		String token;
		try (TestAuthorizationServer elsewhere = TestAuthorizationServer.start()) {
			token = elsewhere.tokens().scope("read:timesheets").rs256();
		}
		ApiClient api = new ApiClient(this.port);

		// More calls than key fetches the rate limit allows: the later ones must not turn
		// into 401s.
		for (int call = 1; call <= 5; call++) {
			ApiClient.Response response = api.get("/timesheets").bearer(token).send();
			assertThat(response.status()).as("call %d: %s", call, response).isEqualTo(503);
			assertThat(response.header("WWW-Authenticate")).as("call %d", call).isNull();
		}
	}

	@Test
	void aCallWithoutATokenIsStillUnauthorized() {
		assertThat(new ApiClient(this.port).get("/timesheets").send().status()).isEqualTo(401);
	}

}
