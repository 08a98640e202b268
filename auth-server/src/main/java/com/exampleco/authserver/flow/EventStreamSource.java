package com.exampleco.authserver.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * One Server-Sent Events stream the page reads (the tenant logs, the API's calls, the
 * job's runs), with a token of the {@code flow-viewer} client for that stream's audience,
 * from Spring Security's {@link OAuth2AuthorizedClientManager} (cached until shortly
 * before it expires). A dropped or refused connection is retried with a growing delay (1
 * s doubling to 30 s), so a restarted service is back on the page without a reload; after
 * a 401 the cached token is dropped first. {@code Last-Event-ID} asks a stream that keeps
 * its events (the tenant logs) for those missed meanwhile.
 */
final class EventStreamSource implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(EventStreamSource.class);

	/** A longer line is not an event this page knows; it is skipped rather than held. */
	private static final int MAX_LINE = 64 * 1024;

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private static final Duration MAX_DELAY = Duration.ofSeconds(30);

	private final String name;

	private final Supplier<URI> uri;

	private final String registrationId;

	private final OAuth2AuthorizedClientManager tokens;

	private final OAuth2AuthorizedClientService tokenCache;

	private final FlowHub hub;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private volatile boolean stopped;

	private volatile InputStream open;

	private String lastEventId;

	EventStreamSource(String name, Supplier<URI> uri, String registrationId, OAuth2AuthorizedClientManager tokens,
			OAuth2AuthorizedClientService tokenCache, FlowHub hub) {
		this.name = name;
		this.uri = uri;
		this.registrationId = registrationId;
		this.tokens = tokens;
		this.tokenCache = tokenCache;
		this.hub = hub;
	}

	String name() {
		return name;
	}

	@Override
	public void run() {
		Duration delay = FIRST_DELAY;
		while (!stopped) {
			try {
				if (readOnce()) {
					delay = FIRST_DELAY;
				}
			}
			catch (OAuth2AuthorizationException ex) {
				// Typically: flow-viewer has no grant for this stream's audience (or no
				// such API is seeded).
				hub.status(name, "disconnected", "no token for this stream: " + ex.getError().getErrorCode());
			}
			catch (IOException | RuntimeException ex) {
				hub.status(name, "disconnected", reason(ex));
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
			delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
		}
	}

	void stop() {
		stopped = true;
		InputStream stream = open;
		if (stream != null) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	/**
	 * @return whether the stream was open (then the next attempt starts with the shortest
	 * delay)
	 */
	private boolean readOnce() throws IOException, InterruptedException {
		hub.status(name, "connecting", null);
		OAuth2AuthorizedClient client = tokens
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId).principal("flow-page").build());
		if (client == null) {
			hub.status(name, "disconnected", "no token for the stream");
			return false;
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(uri.get())
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + client.getAccessToken().getTokenValue());
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				if (response.statusCode() == 401) {
					tokenCache.removeAuthorizedClient(registrationId, "flow-page");
				}
				hub.status(name, "disconnected", "HTTP " + response.statusCode()
						+ (response.statusCode() == 404 ? " (no such stream on this server)" : ""));
				return false;
			}
			open = body;
			hub.status(name, "connected", null);
			read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
			hub.status(name, "disconnected", "the stream ended");
			return true;
		}
		finally {
			open = null;
		}
	}

	/**
	 * The SSE format: {@code id:}, {@code event:}, {@code data:} lines, a blank line ends
	 * an event.
	 */
	private void read(BufferedReader lines) throws IOException {
		String id = null;
		String event = "message";
		StringBuilder data = new StringBuilder();
		boolean oversized = false;
		for (String line = lines.readLine(); line != null && !stopped; line = lines.readLine()) {
			if (line.isEmpty()) {
				if (data.length() > 0 && !oversized) {
					hub.accept(name, event, data.toString());
				}
				if (id != null) {
					lastEventId = id;
				}
				id = null;
				event = "message";
				data.setLength(0);
				oversized = false;
			}
			else if (line.startsWith("data:")) {
				if (data.length() + line.length() > MAX_LINE) {
					oversized = true;
				}
				else {
					data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
				}
			}
			else if (line.startsWith("event:")) {
				event = line.substring(6).trim();
			}
			else if (line.startsWith("id:")) {
				id = line.substring(3).trim();
			}
		}
	}

	private static String reason(Exception ex) {
		String message = ex.getMessage();
		String text = (ex instanceof java.net.ConnectException) ? "not reachable"
				: (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
		log.debug("Flow page stream: {}", text);
		return text.length() > 200 ? text.substring(0, 200) : text;
	}

}
