package com.exampleco.authserver.flow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow page republishes what read-scoped streams hold, so it answers only the
 * addresses it is configured for: here a private network the test's own address
 * (127.0.0.1) is not in, which stands for a visitor from the internet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth-server.flow-page.enabled=true",
				"auth-server.flow-page.client-secret=test-flow-viewer-secret",
				"auth-server.flow-page.api-events-uri=http://127.0.0.1:9/events",
				"auth-server.flow-page.batch-events-uri=http://127.0.0.1:9/events",
				"auth-server.flow-page.allowed-addresses=10.0.0.0/8" })
@ActiveProfiles("test")
class FlowPageAddressTest {

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Test
	void aVisitorFromOutsideTheAllowedAddressesGetsNeitherThePageNorItsEvents() throws Exception {
		for (String path : new String[] { "/flow", "/flow/events", "/flow/flow.js" }) {
			HttpResponse<String> answer = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).as(path).isEqualTo(403);
			assertThat(answer.body()).as(path).doesNotContain("client_id").doesNotContain("<h1>");
		}
	}

}
