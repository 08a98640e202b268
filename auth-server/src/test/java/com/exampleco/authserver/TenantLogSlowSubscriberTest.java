package com.exampleco.authserver;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.exampleco.authserver.log.TenantLog;
import com.exampleco.authserver.log.TenantLogEvent;
import com.exampleco.authserver.log.TenantLogTypes;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream reader that does not read cannot hold the server's memory nor a subscriber
 * slot: when its buffer is full it is disconnected, and its slot comes back. Meanwhile
 * one stream more than {@code max-subscribers} is refused.
 */
class TenantLogSlowSubscriberTest {

	private static RunningServer server;

	private static int port;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:tenant-log-slow;DB_CLOSE_DELAY=-1",
				"--auth-server.tenant-logs.stream.max-subscribers=1", "--auth-server.tenant-logs.stream.buffer=8",
				// How long a write may block on a client that does not read before Tomcat
				// gives up on it.
				"--server.tomcat.connection-timeout=3s");
		port = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aSubscriberThatStopsReadingIsCutOffAndItsSlotComesBack() throws Exception {
		String token = ManagementApiClient.token(server.client(), MANAGEMENT, "read:logs");
		try (Socket slow = new Socket()) {
			// A small window: the server's writes to it block soon.
			slow.setReceiveBufferSize(2048);
			slow.connect(new InetSocketAddress("127.0.0.1", port));
			OutputStream out = slow.getOutputStream();
			out.write(("GET /api/v2/logs/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
					+ "Authorization: Bearer " + token + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(Duration.ofSeconds(20)).until(() -> gauge("tenant_log.stream.subscribers") == 1);

			try (EventStreamClient second = EventStreamClient.open(port, token, null)) {
				assertThat(second.status()).isEqualTo(429);
			}

			TenantLog log = server.context().getBean(TenantLog.class);
			String padding = "x".repeat(2000);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
				for (int i = 0; i < 50; i++) {
					log.record(TenantLogEvent.of(Instant.now(), TenantLogTypes.SUCCESS_API_OPERATION, "filler",
							"slow-subscriber-test", null, "127.0.0.1", null, "localhost", null, null,
							Map.of("padding", padding)));
				}
				return counter("tenant_log.stream.disconnected") >= 1;
			});

			// Its slot comes back once the write it was blocked in gives up: a new reader
			// is served.
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				try (EventStreamClient next = EventStreamClient.open(port, token, null)) {
					assertThat(next.status()).isEqualTo(200);
				}
			});
			assertThat(endOfResponse(slow)).as("the slow reader's response ends").isTrue();
		}
	}

	/**
	 * Reads what the server sent until the connection closes or the chunked response
	 * ends.
	 */
	private static boolean endOfResponse(Socket socket) throws Exception {
		socket.setSoTimeout(30_000);
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[8192];
		StringBuilder tail = new StringBuilder();
		try {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				tail.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				if (tail.length() > 16) {
					tail.delete(0, tail.length() - 16);
				}
				if (tail.toString().endsWith("\r\n0\r\n\r\n")) {
					return true;
				}
			}
			return true;
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
		catch (java.net.SocketException reset) {
			return true;
		}
	}

	private static double gauge(String name) {
		return server.context().getBean(MeterRegistry.class).get(name).gauge().value();
	}

	private static double counter(String name) {
		return server.context().getBean(MeterRegistry.class).get(name).counter().count();
	}

}
