package com.exampleco.authserver;

import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A management client that calls faster than its bucket refills gets Auth0's 429, with
 * Auth0's headers.
 */
class ManagementRateLimitTest {

	@Test
	void aClientBeyondItsBucketGets429InAuth0ShapeWithRateLimitHeaders() {
		try (RunningServer server = RunningServer.start(
				"--spring.datasource.url=jdbc:h2:mem:rate-limit;DB_CLOSE_DELAY=-1",
				"--auth-server.management.rate-limit-capacity=3", "--auth-server.management.rate-limit-period=1h")) {
			int port = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
			var api = new ManagementApiClient(port)
				.withToken(ManagementApiClient.token(server.client(), MANAGEMENT, null));

			var first = api.get("/api/v2/clients?per_page=1");
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
			assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
			assertThat(Long.parseLong(first.header("X-RateLimit-Reset")))
				.isGreaterThan(System.currentTimeMillis() / 1000);
			api.get("/api/v2/clients?per_page=1");
			api.get("/api/v2/clients?per_page=1");

			var limited = api.get("/api/v2/clients?per_page=1");

			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.json()).containsEntry("statusCode", 429)
				.containsEntry("error", "Too Many Requests")
				.containsEntry("errorCode", "too_many_requests");
			assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
			assertThat(limited.header("Retry-After")).isNotNull();
			// The token endpoint is not the management API: the same client still gets
			// tokens.
			assertThat(server.client()
				.token("grant_type", "client_credentials", "client_id", MANAGEMENT.clientId(), "client_secret",
						MANAGEMENT.secret(), "audience", TestClients.MANAGEMENT_API)
				.status()).isEqualTo(200);
		}
	}

}
