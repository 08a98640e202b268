package com.exampleco.authserver;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token requests are measured as HTTP requests ({@code http.server.requests}, by status),
 * issued and refused alike; Spring Security's authentication observations, which cost a
 * quarter of the endpoint's throughput, are not recorded.
 */
class TokenMetricsTest extends AuthServerIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Test
	void everyTokenRequestIsTimedByItsStatus() {
		long issued = tokenRequests("200");
		long refused = tokenRequests("401");

		assertThat(
				server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS).status())
			.isEqualTo(200);
		assertThat(server
			.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(), "client_secret",
					"not-the-secret", "audience", TIMESHEETS)
			.status()).isEqualTo(401);

		// The timer stops once the answer is sent, so it may lag the client by a moment.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(tokenRequests("200")).isEqualTo(issued + 1);
			assertThat(tokenRequests("401")).isEqualTo(refused + 1);
		});
		assertThat(meters.find("spring.security.authentications").timer()).isNull();
	}

	private long tokenRequests(String status) {
		return meters.find("http.server.requests")
			.tag("method", "POST")
			.tag("status", status)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
