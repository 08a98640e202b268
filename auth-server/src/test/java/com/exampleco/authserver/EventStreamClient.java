package com.exampleco.authserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What {@code curl -N} shows of {@code GET /api/v2/logs/stream}: Server-Sent Events, read
 * as they come.
 */
final class EventStreamClient implements AutoCloseable {

	/** One event (or comment) of the stream. */
	record Event(String id, String name, String data, String comment) {
	}

	private final HttpResponse<Stream<String>> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Thread reader;

	private EventStreamClient(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-test-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static EventStreamClient open(int port, String token, String lastEventId) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/logs/stream"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new EventStreamClient(HttpClient.newHttpClient()
				.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
				.get(30, TimeUnit.SECONDS));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	int status() {
		return response.statusCode();
	}

	String contentType() {
		return response.headers().firstValue("Content-Type").orElse(null);
	}

	/**
	 * The first event (or comment) that matches, waiting at most {@code wait}; null if
	 * none came.
	 */
	Event next(Predicate<Event> matching, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
			if (event == null || matching.test(event)) {
				return event;
			}
		}
	}

	private void read() {
		String id = null;
		String name = null;
		StringBuilder data = null;
		try (Stream<String> lines = response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (data != null || name != null) {
						events.add(new Event(id, name, data == null ? null : data.toString(), null));
					}
					id = null;
					name = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					events.add(new Event(null, null, null, line.substring(1).trim()));
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
				}
			}
		}
		catch (RuntimeException closed) {
			// The test closed the stream.
		}
	}

	@Override
	public void close() {
		reader.interrupt();
		response.body().close();
	}

}
