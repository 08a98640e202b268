package com.exampleco.timesheets.api.events;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /events}: a watcher with {@code read:events} sees each call with its token's
 * client, scopes and {@code jti}, and the precise reason of each refusal; without that
 * scope it sees nothing; never a token.
 */
class EventStreamTest extends ApiIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Stream> streams = new ArrayList<>();

	@AfterEach
	void closeStreams() {
		this.streams.forEach(Stream::close);
	}

	@Test
	void withoutATokenOrWithoutReadEventsTheStreamIsRefused() {
		ApiClient.Response anonymous = this.api.get("/events").header("Accept", "text/event-stream").send();
		ApiClient.Response otherScope = this.api.get("/events")
			.header("Accept", "text/event-stream")
			.bearer(token("read:timesheets batch:upload"))
			.send();

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(otherScope.status()).isEqualTo(403);
		assertThat(otherScope.header("WWW-Authenticate")).contains("scope=\"read:events\"");
	}

	@Test
	void anAcceptedCallCarriesItsClientScopesAndJti() throws Exception {
		Stream stream = open();
		String token = tokens().client("timesheets-reader")
			.scope("read:timesheets")
			.claim("jti", "jti-accepted-1")
			.rs256();

		assertThat(this.api.get("/timesheets").bearer(token).send().status()).isEqualTo(200);

		JsonNode event = stream.next();
		assertThat(event.get("type").asString()).isEqualTo("api_call");
		assertThat(event.get("method").asString()).isEqualTo("GET");
		assertThat(event.get("path").asString()).isEqualTo("/timesheets");
		assertThat(event.get("status").asInt()).isEqualTo(200);
		assertThat(event.get("verdict").asString()).isEqualTo("ok");
		assertThat(event.get("client_id").asString()).isEqualTo("timesheets-reader");
		assertThat(event.get("scope").asString()).isEqualTo("read:timesheets");
		assertThat(event.get("jti").asString()).isEqualTo("jti-accepted-1");
		assertThat(stream.raw()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
	}

	@Test
	void eachRefusalCarriesItsPreciseReason() throws Exception {
		Stream stream = open();
		String expired = tokens().scope("read:timesheets")
			.issuedAt(Instant.now().minusSeconds(7200))
			.expiresAt(Instant.now().minusSeconds(3600))
			.rs256();
		String otherAudience = tokens().scope("read:timesheets").audience("https://api.exampleco.com/payroll").rs256();
		String forged = tokens().scope("read:timesheets").signedWith(TestAuthorizationServer.newKey("forger")).rs256();
		String unknownKey = tokens().scope("read:timesheets").keyId("not-published").rs256();
		String noScope = tokens().scope("create:timesheets").claim("jti", "jti-no-scope").rs256();

		List<String> sent = List.of(expired, otherAudience, forged, unknownKey, noScope);
		for (String token : sent) {
			this.api.get("/timesheets").bearer(token).send();
		}
		this.api.get("/timesheets").send();

		List<JsonNode> events = List.of(stream.next(), stream.next(), stream.next(), stream.next(), stream.next(),
				stream.next());
		assertThat(events)
			.extracting((event) -> event.get("verdict").asString() + " " + event.path("reason").asString(""))
			.containsExactly("invalid_token expired", "invalid_token wrong_audience", "invalid_token bad_signature",
					"invalid_token unknown_key", "insufficient_scope scope_missing", "no_token ");
		assertThat(events).extracting((event) -> event.get("status").asInt())
			.containsExactly(401, 401, 401, 401, 403, 401);
		assertThat(events.get(4).get("scope_needed").asString()).isEqualTo("read:timesheets");
		assertThat(events.get(4).get("jti").asString()).isEqualTo("jti-no-scope");
		assertThat(events.get(0).get("description").asString()).contains("expired");
		// A refused token's claims are its sender's word: none is reported.
		assertThat(events.get(2).has("client_id")).isFalse();
		for (String token : sent) {
			assertThat(stream.raw()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
		}
	}

	@Test
	void aProblemAnswerCarriesItsTitle() throws Exception {
		Stream stream = open();

		this.api.get("/timesheets/not-a-uuid").bearer(token("read:timesheets")).send();

		JsonNode event = stream.next();
		assertThat(event.get("verdict").asString()).isEqualTo("problem");
		assertThat(event.get("status").asInt()).isBetween(400, 499);
		assertThat(event.get("path").asString()).isEqualTo("/timesheets/{id}");
	}

	private Stream open() throws Exception {
		Stream stream = new Stream(this.port, token("read:events"));
		this.streams.add(stream);
		return stream;
	}

	/** A raw SSE reader over a real connection: every data line, and everything read. */
	static final class Stream {

		private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

		private final StringBuffer raw = new StringBuffer();

		private final HttpClient http = HttpClient.newHttpClient();

		private final Thread reader;

		private final java.io.InputStream body;

		Stream(int port, String token) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
				.header("Accept", "text/event-stream")
				.header("Authorization", "Bearer " + token)
				.build();
			HttpResponse<java.io.InputStream> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			this.body = response.body();
			BufferedReader lines = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8));
			// The stream is open once its first comment arrived: calls made from now on
			// are reported.
			assertThat(lines.readLine()).isEqualTo(":connected");
			this.reader = new Thread(() -> {
				try {
					for (String line = lines.readLine(); line != null; line = lines.readLine()) {
						this.raw.append(line).append('\n');
						if (line.startsWith("data:")) {
							this.events.add(JSON.readTree(line.substring(5)));
						}
					}
				}
				catch (Exception ex) {
					// closed
				}
			});
			this.reader.setDaemon(true);
			this.reader.start();
		}

		JsonNode next() throws InterruptedException {
			JsonNode event = this.events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("an event within 10 s").isNotNull();
			return event;
		}

		String raw() {
			return this.raw.toString();
		}

		void close() {
			try {
				this.body.close();
			}
			catch (java.io.IOException ex) {
				// already closed
			}
		}

	}

}
