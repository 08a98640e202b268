package com.exampleco.e2e.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.exampleco.e2e.AppLogsOnFailure;
import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Jwt;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20: the signing key is rotated twice through the management API while clients
 * keep asking for tokens and calling the Timesheets API, and none of them notices. Some
 * clients take a fresh token for every call (so they present a new key's token to the API
 * the moment the authorization server signs with it: the API must refetch the JWKS for
 * the unknown {@code kid}); others keep their token across a rotation for a while (so the
 * previous key, still published, must keep validating), as a job caching its token does.
 *
 * <p>
 * Revoking the previous key is not shown here: the API keeps the key set for
 * {@code timesheets.security.jwks.cache-time-to-live} (5 minutes) and its verified tokens
 * for as long, so a revoked key's tokens are refused only minutes later, which is the
 * documented behaviour but too long for this test.
 */
@DisplayName("Signing key rotation under sustained traffic")
class SigningKeyRotationIT {

	/** Clients taking a new token for every API call. */
	static final int FRESH_TOKEN_CLIENTS = 2;

	/** Clients keeping their token until a while after each rotation. */
	static final int CACHING_CLIENTS = 2;

	/**
	 * How long the caching clients keep using the previous key's token after a rotation,
	 * and how much traffic runs between and after the rotations.
	 */
	static final Duration TRAFFIC_PAUSE = Duration.ofMillis(1500);

	static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	static Path dir;

	static Landscape landscape;

	static final Http http = new Http();

	static TokenEndpoint tokens;

	@RegisterExtension
	static final AppLogsOnFailure logs = new AppLogsOnFailure(
			() -> (landscape != null) ? List.of(landscape.authServer(), landscape.api()) : null);

	@BeforeAll
	static void startTheServers() {
		landscape = Landscape.builder(dir).build().startServers();
		tokens = new TokenEndpoint(http, landscape.authServer().uri("/oauth/token"));
	}

	@AfterAll
	static void stopTheServers() {
		if (landscape != null) {
			landscape.close();
		}
	}

	@Test
	@DisplayName("two rotations: no failed token request, no failed API call, and tokens of all three keys accepted")
	void rotatingTheSigningKeyFailsNoRequest() throws InterruptedException {
		String management = tokens.accessToken(landscape.managementClient(), landscape.managementAudience());
		String original = currentKid(management);
		Traffic traffic = new Traffic();
		traffic.start();
		try {
			traffic.awaitCalls(original, 20);
			String first = rotate(management, original);
			traffic.rotated();
			traffic.awaitCalls(first, 20);
			Thread.sleep(TRAFFIC_PAUSE.toMillis());
			String second = rotate(management, first);
			traffic.rotated();
			traffic.awaitCalls(second, 20);
			Thread.sleep(TRAFFIC_PAUSE.toMillis());
			traffic.stop();

			System.out.println("SigningKeyRotationIT: " + traffic);
			assertThat(traffic.tokenFailures.sum()).as("failed token requests, first ones: %s", traffic.failures)
				.isZero();
			assertThat(traffic.apiFailures.sum()).as("failed API calls, first ones: %s", traffic.failures).isZero();
			assertThat(traffic.callsPerKid.keySet()).as("the keys of the tokens the API accepted")
				.containsExactlyInAnyOrder(original, first, second);
			assertThat(keys(management)).as("the keys after two rotations")
				.anySatisfy((key) -> assertKey(key, original, "previous"))
				.anySatisfy((key) -> assertKey(key, first, "previous"))
				.anySatisfy((key) -> assertKey(key, second, "current"));
		}
		finally {
			traffic.stop();
		}
	}

	/**
	 * Rotates through the management API, checks that the key that was current is now
	 * previous, and waits until the token endpoint signs with the new current key.
	 * @return the new current key's {@code kid}
	 */
	static String rotate(String management, String current) {
		Response rotation = http.post(landscape.authServer().uri("/api/v2/keys/signing/rotate"), management);
		assertThat(rotation.status()).as("%s", rotation).isEqualTo(201);
		String next = currentKid(management);
		assertThat(next).as("the current key after rotating away from %s", current).isNotEqualTo(current);
		assertThat(keys(management)).anySatisfy((key) -> assertKey(key, current, "previous"));
		// Each instance rereads the keys' states at most once a second: bounded, not
		// immediate.
		await("tokens signed by the new current key " + next).atMost(WAIT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Jwt.decode(tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE)).kid(),
					next::equals);
		return next;
	}

	static void assertKey(JsonNode key, String kid, String state) {
		assertThat(key.path("kid").asString()).isEqualTo(kid);
		assertThat(key.path(state).asBoolean()).as("%s is %s: %s", kid, state, key).isTrue();
		assertThat(key.path("revoked").asBoolean()).as("%s revoked", kid).isFalse();
	}

	static String currentKid(String management) {
		List<String> current = new ArrayList<>();
		keys(management).forEach((key) -> {
			if (key.path("current").asBoolean()) {
				current.add(key.path("kid").asString());
			}
		});
		assertThat(current).as("current keys").hasSize(1);
		return current.get(0);
	}

	static JsonNode keys(String management) {
		Response keys = http.get(landscape.authServer().uri("/api/v2/keys/signing"), management);
		assertThat(keys.status()).as("%s", keys).isEqualTo(200);
		return keys.json();
	}

	/**
	 * The reporting service's clients, each on its own thread, calling
	 * {@code GET /timesheets?size=1} until stopped and counting every answer.
	 */
	static final class Traffic {

		static final int KEPT_FAILURES = 5;

		final LongAdder tokenRequests = new LongAdder();

		final LongAdder tokenFailures = new LongAdder();

		final LongAdder apiCalls = new LongAdder();

		final LongAdder apiFailures = new LongAdder();

		/** Successful API calls by the {@code kid} of the token presented. */
		final Map<String, LongAdder> callsPerKid = new ConcurrentHashMap<>();

		final Queue<String> failures = new ConcurrentLinkedQueue<>();

		/** Rotations so far: a caching client replaces its token a while after each. */
		final AtomicInteger rotations = new AtomicInteger();

		final List<Thread> threads = new ArrayList<>();

		volatile boolean running = true;

		void start() {
			for (int i = 0; i < FRESH_TOKEN_CLIENTS; i++) {
				this.threads.add(new Thread(() -> run(true), "fresh-token-" + i));
			}
			for (int i = 0; i < CACHING_CLIENTS; i++) {
				this.threads.add(new Thread(() -> run(false), "caching-" + i));
			}
			this.threads.forEach(Thread::start);
		}

		void rotated() {
			this.rotations.incrementAndGet();
		}

		void stop() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join(TimeUnit.SECONDS.toMillis(40));
				assertThat(thread.isAlive()).as("%s still running", thread.getName()).isFalse();
			}
		}

		void awaitCalls(String kid, long calls) {
			await("%d API calls with tokens of %s (failures so far: %s)".formatted(calls, kid, this.failures))
				.atMost(WAIT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.callsPerKid.getOrDefault(kid, new LongAdder()).sum() >= calls);
		}

		private void run(boolean freshToken) {
			String token = null;
			int tokenRotations = -1;
			long rotationSeenAt = 0;
			while (this.running) {
				try {
					int rotations = this.rotations.get();
					if (!freshToken && token != null && rotations != tokenRotations && rotationSeenAt == 0) {
						rotationSeenAt = System.nanoTime();
					}
					boolean kept = !freshToken && token != null && (rotations == tokenRotations
							|| System.nanoTime() - rotationSeenAt < TRAFFIC_PAUSE.toNanos());
					if (!kept) {
						token = token(rotations);
						tokenRotations = rotations;
						rotationSeenAt = 0;
						if (token == null) {
							continue;
						}
					}
					call(token);
				}
				catch (RuntimeException ex) {
					// A connection refused or reset is a failed call too.
					this.apiFailures.increment();
					keep("exception: " + ex);
				}
			}
		}

		private String token(int rotations) {
			this.tokenRequests.increment();
			Response response = tokens.request(landscape.clients().reader(), Landscape.AUDIENCE);
			if (response.status() / 100 != 2) {
				this.tokenFailures.increment();
				keep("token after " + rotations + " rotations: " + response.status() + " " + response.body());
				return null;
			}
			return response.json().path("access_token").asString();
		}

		private void call(String token) {
			this.apiCalls.increment();
			Response response = http.get(landscape.api().uri("/timesheets?size=1"), token);
			String kid = Jwt.decode(token).kid();
			if (response.status() / 100 != 2) {
				this.apiFailures.increment();
				keep("API call with a token of " + kid + ": " + response.status() + " "
						+ response.header("WWW-Authenticate") + " " + response.body());
				return;
			}
			this.callsPerKid.computeIfAbsent(kid, (k) -> new LongAdder()).increment();
		}

		private void keep(String failure) {
			if (this.failures.size() < KEPT_FAILURES) {
				this.failures.add(failure);
			}
		}

		@Override
		public String toString() {
			return "token requests " + this.tokenRequests.sum() + " (failed " + this.tokenFailures.sum()
					+ "), API calls " + this.apiCalls.sum() + " (failed " + this.apiFailures.sum()
					+ "), accepted API calls per kid " + this.callsPerKid;
		}

	}

}
