package com.exampleco.authserver;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.exampleco.authserver.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker without credentials tries against the token endpoint, over real
 * sockets: bodies sent slowly to hold the admission turns, encoded paths to dodge the
 * endpoint's rules, duplicate JSON members, bodies too large or chunked past the limit,
 * and secrets guessed per client and per address.
 */
class TokenEndpointAttackTest {

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String TOKEN_FORM = "grant_type=client_credentials&audience="
			+ URLEncoder.encode(TIMESHEETS, StandardCharsets.UTF_8);

	private static RunningServer server;

	private static int port;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:attack-test;DB_CLOSE_DELAY=-1",
				"--auth-server.token.admission.max-concurrent=2", "--auth-server.token.admission.max-wait=1s",
				"--auth-server.token.request.body-deadline=1s",
				"--auth-server.client-authentication.limits.failures-per-client=3",
				"--auth-server.client-authentication.limits.failures-per-address=5");
		port = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Nested
	class SlowBodies {

		@Test
		void clientsTricklingTheirBodiesHoldNoTurnAndAreToldTheyWereTooSlow() throws Exception {
			List<Socket> tricklers = new ArrayList<>();
			try {
				for (int i = 0; i < 12; i++) {
					Socket socket = RawHttp.connect(port, "127.0.0.1");
					OutputStream out = socket.getOutputStream();
					out.write(("POST /oauth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\n"
							+ "Authorization: " + basic(IMPORT_JOB) + "\r\nContent-Length: 200\r\n\r\ngrant_type=cl")
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					tricklers.add(socket);
				}
				// Lets the server take them in before the legitimate client comes (an
				// order, not a measurement).
				Thread.sleep(300);

				var legitimate = server.client()
					.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS);

				assertThat(legitimate.status()).isEqualTo(200);
				Answer slow = RawHttp.read(tricklers.get(0).getInputStream());
				assertThat(slow.status()).isEqualTo(408);
				assertThat(slow.error()).isEqualTo("invalid_request");
				assertThat(slow.header("Content-Type")).startsWith("application/json");
			}
			finally {
				for (Socket socket : tricklers) {
					socket.close();
				}
			}
		}

	}

	@Nested
	class ConnectionResets {

		/**
		 * A request admitted while its connection is reset, between the turn handed to it
		 * and its run, must give the turn back: otherwise a few rounds of this leave no
		 * turn for anyone and every token request gets 503.
		 */
		@Test
		void clientsResettingAfterACompleteChunkedBodyLeaveEveryTurnForTheOthers() throws Exception {
			byte[] request = ("POST /oauth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\n"
					+ "Authorization: " + basic(IMPORT_JOB) + "\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ Integer.toHexString(TOKEN_FORM.length()) + "\r\n" + TOKEN_FORM + "\r\n0\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			for (int round = 0; round < 8; round++) {
				List<Socket> resetting = new ArrayList<>();
				for (int i = 0; i < 6; i++) {
					Socket socket = RawHttp.connect(port, "127.0.0.1");
					socket.getOutputStream().write(request);
					socket.getOutputStream().flush();
					resetting.add(socket);
				}
				for (Socket socket : resetting) {
					socket.setSoLinger(true, 0);
					socket.close();
				}
			}
			// Lets every request still queued run out its max-wait (an order, not a
			// measurement).
			Thread.sleep(2_500);

			Answer answer = RawHttp.exchange(port,
					RawHttp.post("/oauth/token", FORM, TOKEN_FORM, "Authorization: " + basic(IMPORT_JOB)));

			assertThat(answer.status()).isEqualTo(200);
		}

	}

	@Nested
	class PathVariants {

		@ParameterizedTest
		@ValueSource(strings = { "/oauth/token", "/oauth/%74oken", "/oauth2/%74oken", "/oauth/%74%6F%6B%65%6E",
				"/oauth/token;jsessionid=x", "/oauth;x=y/token", "//oauth/token", "/oauth/./token" })
		void credentialsInTheUrlAreNeverIssuedATokenWhateverThePathsSpelling(String path) {
			Answer answer = RawHttp.exchange(port, RawHttp.post(path + "?" + TOKEN_FORM + "&client_id="
					+ IMPORT_JOB.clientId() + "&client_secret=" + IMPORT_JOB.secret(), FORM, ""));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).doesNotContain("access_token");
		}

		@ParameterizedTest
		@ValueSource(strings = { "/oauth/%74oken", "/oauth2/%74oken" })
		void anEncodedPathIsTheTokenEndpointWithAllItsRules(String path) {
			Answer issued = RawHttp.exchange(port,
					RawHttp.post(path, FORM, TOKEN_FORM, "Authorization: " + basic(IMPORT_JOB)));
			Answer repeated = RawHttp.exchange(port,
					RawHttp.post(path, FORM, TOKEN_FORM + "&scope=a&scope=b", "Authorization: " + basic(IMPORT_JOB)));
			Answer get = RawHttp.exchange(port,
					"GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");

			assertThat(issued.status()).isEqualTo(200);
			assertThat(repeated.status()).isEqualTo(400);
			assertThat(repeated.error()).isEqualTo("invalid_request");
			assertThat(get.status()).isEqualTo(405);
			assertThat(get.error()).isEqualTo("invalid_request");
		}

	}

	@Nested
	class Duplicates {

		@Test
		void aJsonMemberSentTwiceIsRefusedAsARepeatedFormParameterIs() {
			Answer answer = RawHttp.exchange(port, RawHttp.post("/oauth/token", "application/json", """
					{"grant_type":"client_credentials","audience":"https://x.example","audience":"%s"}"""
				.formatted(TIMESHEETS), "Authorization: " + basic(IMPORT_JOB)));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat((String) answer.json().get("error_description")).contains("more than once");
		}

	}

	@Nested
	class AmbiguousBodies {

		@ParameterizedTest
		@ValueSource(strings = { FORM + "; charset=ISO-8859-1", "application/json; charset=UTF-16" })
		void aCharsetOtherThanUtf8IsRefusedRatherThanMisread(String contentType) {
			String body = contentType.startsWith(FORM) ? TOKEN_FORM
					: "{\"grant_type\":\"client_credentials\",\"audience\":\"" + TIMESHEETS + "\"}";

			Answer answer = RawHttp.exchange(port,
					RawHttp.post("/oauth/token", contentType, body, "Authorization: " + basic(IMPORT_JOB)));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
		}

		@Test
		void malformedUtf8IsRefusedRatherThanReplaced() {
			Answer encoded = RawHttp.exchange(port, RawHttp.post("/oauth/token", FORM, TOKEN_FORM + "&organization=%E9",
					"Authorization: " + basic(IMPORT_JOB)));
			byte[] raw = RawHttp
				.post("/oauth/token", FORM, TOKEN_FORM + "&organization=XX", "Authorization: " + basic(IMPORT_JOB))
				.getBytes(StandardCharsets.ISO_8859_1);
			raw[raw.length - 1] = (byte) 0xE9;
			raw[raw.length - 2] = (byte) 0xE9;
			Answer rawBytes = RawHttp.exchange(port, "127.0.0.1", raw);

			assertThat(encoded.status()).isEqualTo(400);
			assertThat(encoded.error()).isEqualTo("invalid_request");
			assertThat(rawBytes.status()).isEqualTo(400);
			assertThat(rawBytes.error()).isEqualTo("invalid_request");
		}

		@ParameterizedTest
		@ValueSource(strings = { "\"scope\":[\"create:timesheets\"]", "\"organization\":null" })
		void aJsonMemberThatIsNotAStringIsRefused(String member) {
			Answer answer = RawHttp.exchange(port, RawHttp.post("/oauth/token", "application/json",
					"{\"grant_type\":\"client_credentials\",\"audience\":\"" + TIMESHEETS + "\"," + member + "}",
					"Authorization: " + basic(IMPORT_JOB)));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
		}

		@Test
		void twoContentTypesAreRefused() {
			Answer answer = RawHttp.exchange(port, RawHttp.post("/oauth/token", FORM, TOKEN_FORM,
					"Content-Type: application/json", "Authorization: " + basic(IMPORT_JOB)));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
		}

	}

	@Nested
	class LargeBodies {

		@ParameterizedTest
		@ValueSource(strings = { FORM, "application/json" })
		void aBodyOverTheLimitIsRefusedWith413(String contentType) {
			String body = contentType.equals(FORM) ? TOKEN_FORM + "&padding=" + "a".repeat(20_000)
					: "{\"grant_type\":\"client_credentials\",\"padding\":\"" + "a".repeat(20_000) + "\"}";

			Answer answer = RawHttp.exchange(port,
					RawHttp.post("/oauth/token", contentType, body, "Authorization: " + basic(IMPORT_JOB)));

			assertThat(answer.status()).isEqualTo(413);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.body().length()).isLessThan(1_000);
		}

		@ParameterizedTest
		@ValueSource(strings = { FORM, "application/json" })
		void aChunkedBodyOverTheLimitIsRefusedToo(String contentType) {
			String body = contentType.equals(FORM) ? TOKEN_FORM + "&padding=" + "a".repeat(20_000)
					: "{\"grant_type\":\"client_credentials\",\"padding\":\"" + "a".repeat(20_000) + "\"}";

			Answer answer = RawHttp.exchange(port, "127.0.0.1", chunked(contentType, body));

			assertThat(answer.status()).isEqualTo(413);
			assertThat(answer.error()).isEqualTo("invalid_request");
		}

		@Test
		void aChunkedBodyWithinTheLimitIsATokenRequestLikeAnyOther() {
			Answer answer = RawHttp.exchange(port, "127.0.0.1", chunked(FORM, TOKEN_FORM));

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json()).containsKey("access_token");
		}

		private static byte[] chunked(String contentType, String body) {
			StringBuilder request = new StringBuilder("POST /oauth/token HTTP/1.1\r\nHost: localhost\r\n"
					+ "Connection: close\r\nContent-Type: " + contentType + "\r\nAuthorization: " + basic(IMPORT_JOB)
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n");
			for (int at = 0; at < body.length(); at += 1000) {
				String chunk = body.substring(at, Math.min(body.length(), at + 1000));
				request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
			}
			request.append("0\r\n\r\n");
			return request.toString().getBytes(StandardCharsets.US_ASCII);
		}

	}

	@Nested
	class BruteForce {

		@Test
		void afterThreeWrongSecretsAClientIsRefusedFromThatAddressOnlyAndOtherClientsAreNot() {
			for (int i = 0; i < 3; i++) {
				Answer guess = RawHttp.exchange(port, "127.0.0.4",
						RawHttp
							.post("/oauth/token", FORM,
									"grant_type=client_credentials&client_id=" + READER.clientId()
											+ "&client_secret=guess-" + i)
							.getBytes(StandardCharsets.UTF_8));
				assertThat(guess.status()).isEqualTo(401);
			}

			Answer locked = RawHttp.exchange(port, "127.0.0.4",
					RawHttp
						.post("/oauth/token", FORM, "grant_type=client_credentials", "Authorization: " + basic(READER))
						.getBytes(StandardCharsets.UTF_8));
			Answer elsewhere = RawHttp.exchange(port, "127.0.0.5",
					RawHttp
						.post("/oauth/token", FORM, "grant_type=client_credentials", "Authorization: " + basic(READER))
						.getBytes(StandardCharsets.UTF_8));
			Answer other = RawHttp.exchange(port, "127.0.0.4",
					RawHttp.post("/oauth/token", FORM, TOKEN_FORM, "Authorization: " + basic(IMPORT_JOB))
						.getBytes(StandardCharsets.UTF_8));

			assertThat(locked.status()).isEqualTo(429);
			assertThat(locked.error()).isEqualTo("too_many_requests");
			assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
			assertThat(locked.header("Cache-Control")).isEqualTo("no-store");
			assertThat(elsewhere.status()).isEqualTo(200);
			assertThat(other.status()).isEqualTo(200);
		}

		@Test
		void aClientIdLongerThanAnyIssuedIsRefusedBeforeItIsLookedUp() {
			Answer tooLong = RawHttp.exchange(port, "127.0.0.6",
					RawHttp
						.post("/oauth/token", FORM,
								TOKEN_FORM + "&client_id=" + "x".repeat(256) + "&client_secret=guess")
						.getBytes(StandardCharsets.UTF_8));
			Answer longest = RawHttp.exchange(port, "127.0.0.6",
					RawHttp
						.post("/oauth/token", FORM,
								TOKEN_FORM + "&client_id=" + "x".repeat(255) + "&client_secret=guess")
						.getBytes(StandardCharsets.UTF_8));

			assertThat(tooLong.status()).isEqualTo(400);
			assertThat(tooLong.error()).isEqualTo("invalid_request");
			assertThat(longest.status()).isEqualTo(401);
		}

		@Test
		void afterFiveFailuresFromOneAddressItIsRefusedForAWhileAndOtherAddressesAreNot() {
			for (int i = 0; i < 5; i++) {
				Answer guess = RawHttp.exchange(port, "127.0.0.3",
						RawHttp
							.post("/oauth/token", FORM, TOKEN_FORM + "&client_id=nobody-" + i + "&client_secret=guess")
							.getBytes(StandardCharsets.UTF_8));
				assertThat(guess.status()).isEqualTo(401);
			}

			Answer locked = RawHttp.exchange(port, "127.0.0.3",
					RawHttp.post("/oauth/token", FORM, TOKEN_FORM, "Authorization: " + basic(IMPORT_JOB))
						.getBytes(StandardCharsets.UTF_8));
			Answer other = RawHttp.exchange(port, "127.0.0.2",
					RawHttp.post("/oauth/token", FORM, TOKEN_FORM, "Authorization: " + basic(IMPORT_JOB))
						.getBytes(StandardCharsets.UTF_8));

			assertThat(locked.status()).isEqualTo(429);
			assertThat(locked.error()).isEqualTo("too_many_requests");
			assertThat(locked.header("Retry-After")).isNotBlank();
			assertThat(other.status()).isEqualTo(200);
		}

	}

	private static String basic(TestClients.Credentials client) {
		return TokenEndpointClient.basic(client.clientId(), client.secret());
	}

}
