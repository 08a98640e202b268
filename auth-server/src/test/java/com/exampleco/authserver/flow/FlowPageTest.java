package com.exampleco.authserver.flow;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow page as a browser gets it, over real HTTP: its own files only, under a strict
 * Content-Security-Policy, a script that renders events as text, and a stream that opens
 * at once with the state of each source.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "auth-server.flow-page.enabled=true",
				"auth-server.flow-page.client-secret=test-flow-viewer-secret",
				"auth-server.flow-page.api-events-uri=http://127.0.0.1:9/events",
				"auth-server.flow-page.batch-events-uri=http://127.0.0.1:9/events" })
@ActiveProfiles("test")
class FlowPageTest {

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Test
	void thePageLoadsOnlyItsOwnFilesUnderAStrictContentSecurityPolicy() throws Exception {
		HttpResponse<String> page = get("/flow");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
				.contains("script-src 'self'")
				.doesNotContain("unsafe-inline"));
		assertThat(page.body()).contains("<h1>", "src=\"/flow/flow.js\"", "href=\"/flow/flow.css\"", "lang=\"en\"")
			.doesNotContain("http://", "https://", "<script>", "style=\"");
		assertThat(get("/flow/flow.css").statusCode()).isEqualTo(200);
	}

	@Test
	void theScriptWritesEventsAsTextNeverAsMarkup() throws Exception {
		HttpResponse<String> script = get("/flow/flow.js");

		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
		assertThat(script.body()).contains("textContent")
			.doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
	}

	@Test
	void theStreamOpensAtOnceAndTellsTheStateOfEachSource() throws Exception {
		HttpResponse<InputStream> stream = http.send(
				HttpRequest.newBuilder(uri("/flow/events")).header("Accept", "text/event-stream").build(),
				HttpResponse.BodyHandlers.ofInputStream());

		assertThat(stream.statusCode()).isEqualTo(200);
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			assertThat(lines.readLine()).isEqualTo(":connected");
			StringBuilder seen = new StringBuilder();
			// The sources here answer nothing (port 9): each is reported, none silently
			// missing.
			while (!(seen.toString().contains("\"source\":\"api\"")
					&& seen.toString().contains("\"source\":\"batch\""))) {
				String line = lines.readLine();
				assertThat(line).as("the stream goes on: %s", seen).isNotNull();
				seen.append(line).append('\n');
			}
			assertThat(seen.toString()).contains("event:status");
		}
	}

	@Test
	void propertiesNamedLikeSecretsNeverReachThePage() {
		tools.jackson.databind.node.ObjectNode event = (tools.jackson.databind.node.ObjectNode) tools.jackson.databind.json.JsonMapper
			.builder()
			.build()
			.readTree(
					"""
							{"type":"seccft","client_id":"c","client_secret":"s3cr3t",
							 "details":{"access_token":"eyJ.x.y","Authorization":"Basic abc","token":{"claims":{"jti":"j"}}}}""");

		FlowHub.scrub(event, 0);

		assertThat(event.toString()).doesNotContain("s3cr3t", "eyJ.x.y", "Basic abc").contains("\"jti\":\"j\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
