package com.exampleco.authserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once against a small connection pool: every token request is answered.
 * A request that held one pooled connection while waiting for another would starve the
 * pool under exactly this load, and the pool's short timeout would turn that into server
 * errors.
 */
class ConnectionPoolTest {

	@Test
	void fortyConcurrentTokenRequestsOnTwoConnectionsAllSucceed() {
		try (var app = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:pool-test;DB_CLOSE_DELAY=-1",
				"--spring.datasource.hikari.maximum-pool-size=2",
				"--spring.datasource.hikari.connection-timeout=2000")) {
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/oauth/token")))
				.header("Authorization", TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString(TokenEndpointClient.form("grant_type", "client_credentials", "audience", TIMESHEETS)))
				.build();

			List<Integer> statuses = IntStream.range(0, 40)
				.mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
				.toList()
				.stream()
				.map(CompletableFuture::join)
				.map(HttpResponse::statusCode)
				.toList();

			assertThat(statuses).hasSize(40).containsOnly(200);
		}
	}

}
