package com.exampleco.timesheets.api.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a request so malformed that Tomcat refuses it before any filter or controller
 * runs, or with a path that Spring cannot decode (an invalid percent-escape in a path
 * parameter, which Tomcat lets through), the answer is still a 400 problem, never
 * Tomcat's HTML error page nor a 500.
 */
class ContainerErrorTest extends ApiIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "GET /timesheets?x=<a|b> HTTP/1.1", "GET /time\u0001sheets HTTP/1.1",
			"GET /timesheets/;% HTTP/1.1", "GET /timesheets;a=%zz/upload HTTP/1.1", "TRACE /timesheets/;% HTTP/1.1" })
	void aRequestLineTomcatCannotParseGetsAProblemNotAnHtmlPage(String requestLine) throws IOException {
		String response = send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.endsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}")
			.doesNotContain("<html");
	}

	@Test
	void theErrorPageIsNoResourceOfThisApi() {
		ApiClient.Response response = this.api.get("/error").bearer(token("read:timesheets")).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
