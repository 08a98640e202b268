package com.exampleco.authserver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v2/logs/stream}: each new event as a Server-Sent Event
 * ({@code id: <log_id>}, {@code event: log}, {@code data: <JSON>}), and after a reconnect
 * with {@code Last-Event-ID}, the events missed meanwhile first.
 */
class TenantLogStreamTest extends AuthServerIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private String token;

	@BeforeEach
	void readLogs() {
		token = ManagementApiClient.token(server, MANAGEMENT, "read:logs");
	}

	@Test
	void aTokenIssuedWhileSubscribedArrivesOnTheStream() throws Exception {
		try (EventStreamClient stream = EventStreamClient.open(port, token, null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
			assertThat(stream.next(e -> e.comment() != null, WAIT).comment()).isEqualTo("tenant logs: connected");

			String agent = "stream-test-" + System.nanoTime();
			assertThat(tokenAs(agent).status()).isEqualTo(200);

			EventStreamClient.Event event = stream.next(e -> e.data() != null && e.data().contains(agent), WAIT);
			assertThat(event).as("the event of the token issued").isNotNull();
			assertThat(event.name()).isEqualTo("log");
			Map<String, Object> log = TenantLogEventsTest.JSON_READER.readValue(event.data(), Map.class);
			assertThat(log).containsEntry("type", "seccft")
				.containsEntry("client_id", READER.clientId())
				.containsEntry("log_id", event.id());
		}
	}

	@Test
	void aReconnectWithLastEventIdReplaysTheEventsMissedInOrder() throws Exception {
		String seen;
		String before = "replay-before-" + System.nanoTime();
		try (EventStreamClient stream = EventStreamClient.open(port, token, null)) {
			stream.next(e -> e.comment() != null, WAIT);
			tokenAs(before);
			seen = stream.next(e -> e.data() != null && e.data().contains(before), WAIT).id();
		}
		String missed1 = "replay-missed-1-" + System.nanoTime();
		String missed2 = "replay-missed-2-" + System.nanoTime();
		tokenAs(missed1);
		tokenAs(missed2);
		var api = new ManagementApiClient(port).withToken(token);
		await().atMost(WAIT).until(() -> api.get("/api/v2/logs?per_page=20").body().contains(missed2));

		try (EventStreamClient stream = EventStreamClient.open(port, token, seen)) {
			List<EventStreamClient.Event> replayed = new ArrayList<>();
			EventStreamClient.Event event;
			while ((event = stream.next(e -> e.name() != null, Duration.ofSeconds(5))) != null) {
				replayed.add(event);
				if (event.data().contains(missed2)) {
					break;
				}
			}
			List<String> agents = replayed.stream()
				.map(EventStreamClient.Event::data)
				.filter(d -> d.contains("replay-"))
				.map(d -> d.contains(missed1) ? "missed1" : d.contains(missed2) ? "missed2" : "before")
				.toList();
			assertThat(agents).containsExactly("missed1", "missed2");
			assertThat(replayed.stream().map(EventStreamClient.Event::id).toList()).isSorted()
				.allMatch(id -> id.compareTo(seen) > 0);
		}
	}

	@Test
	void aLastEventIdThatIsNoLogIdIsA400() {
		var answer = server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/logs/stream"))
			.header("Authorization", "Bearer " + token)
			.header("Last-Event-ID", "../../etc")
			.GET());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("errorCode", "invalid_query_string");
	}

	private TokenEndpointClient.Answer tokenAs(String userAgent) {
		return server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("User-Agent", userAgent)
			.POST(HttpRequest.BodyPublishers.ofString(TokenEndpointClient.form("grant_type", "client_credentials",
					"client_id", READER.clientId(), "client_secret", READER.secret(), "audience", TIMESHEETS))));
	}

}
