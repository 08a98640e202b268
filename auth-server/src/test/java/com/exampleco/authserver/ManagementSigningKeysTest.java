package com.exampleco.authserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v2/keys/signing} with two instances of the server on one database, as a
 * deployment runs them: a key rotated or revoked through one is in effect on the other
 * without a restart, and the key that signs after a rotation was published before it.
 */
class ManagementSigningKeysTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * How long the other instance may take to see a change: it looks at least once a
	 * second.
	 */
	private static final Duration PROPAGATION = Duration.ofSeconds(10);

	static RunningServer first;
	static RunningServer second;

	@BeforeAll
	static void twoInstancesOnOneDatabase() {
		String database = "--spring.datasource.url=jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		first = RunningServer.start(database);
		second = RunningServer.start(database);
	}

	@AfterAll
	static void stop() {
		second.close();
		first.close();
	}

	@Test
	void aRotationThroughOneInstanceSignsWithTheAlreadyPublishedNextKeyOnBoth() {
		String before = managementToken(first);
		String oldKid = kid(before);
		List<String> publishedBefore = jwksKids(second);
		assertThat(publishedBefore).contains(oldKid).hasSizeGreaterThanOrEqualTo(2);

		var rotated = api(first, before).post("/api/v2/keys/signing/rotate", null);

		assertThat(rotated.status()).isEqualTo(201);
		String newNext = (String) rotated.json().get("kid");
		String signingNow = kid(managementToken(first));
		assertThat(signingNow).isNotEqualTo(oldKid).isNotEqualTo(newNext);
		assertThat(publishedBefore).as("the key that signs now was published before the rotation").contains(signingNow);
		assertThat(eventually(() -> kid(managementToken(second)).equals(signingNow))).isTrue();
		assertThat(eventually(() -> jwksKids(second).contains(newNext))).isTrue();
		assertThat(api(second, before).get("/api/v2/keys/signing").status())
			.as("a token of the previous key still validates")
			.isEqualTo(200);

		List<Map<String, Object>> keys = listKeys(second);
		assertThat(keys).anySatisfy(k -> assertThat(k).containsEntry("kid", signingNow)
			.containsEntry("current", true)
			.containsKey("current_since"));
		assertThat(keys).anySatisfy(k -> assertThat(k).containsEntry("kid", oldKid).containsEntry("previous", true));
		assertThat(keys).anySatisfy(k -> assertThat(k).containsEntry("kid", newNext).containsEntry("next", true));
	}

	@Test
	void aRevokedKeyLeavesTheJwksOfEveryInstanceAndItsTokensAreRefused() {
		String old = managementToken(first);
		String oldKid = kid(old);
		String fresh = managementToken(first);
		assertThat(api(first, fresh).post("/api/v2/keys/signing/rotate", null).status()).isEqualTo(201);
		String afterRotation = managementToken(first);

		var revoked = api(second, afterRotation).put("/api/v2/keys/signing/" + oldKid + "/revoke", null);

		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.json()).containsEntry("kid", oldKid);
		assertThat(eventually(() -> !jwksKids(first).contains(oldKid))).isTrue();
		assertThat(eventually(() -> api(first, old).get("/api/v2/keys/signing").status() == 401)).isTrue();
		assertThat(listKeys(first)).anySatisfy(k -> assertThat(k).containsEntry("kid", oldKid)
			.containsEntry("revoked", true)
			.containsKey("revoked_at"));
	}

	@Test
	void onlyAPreviousKeyCanBeRevoked() {
		String token = managementToken(first);

		var current = api(first, token).put("/api/v2/keys/signing/" + kid(token) + "/revoke", null);
		assertThat(current.status()).isEqualTo(400);
		assertThat(current.json()).containsEntry("statusCode", 400);

		var unknown = api(first, token).put("/api/v2/keys/signing/no-such-kid/revoke", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json()).containsEntry("errorCode", "inexistent_signing_key");
	}

	@Test
	void twoRotationsUnderSustainedTrafficFailNoTokenRequestAndNoApiCall() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger calls = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		ExecutorService traffic = Executors.newFixedThreadPool(3);
		for (int t = 0; t < 3; t++) {
			int thread = t;
			traffic.submit(() -> {
				int i = thread;
				while (running.get()) {
					// A token from one instance, used at the other: each verifies what
					// the other signed.
					RunningServer issuer = i % 2 == 0 ? first : second;
					RunningServer verifier = i % 2 == 0 ? second : first;
					i++;
					var token = issuer.client()
						.token("grant_type", "client_credentials", "client_id", MANAGEMENT.clientId(), "client_secret",
								MANAGEMENT.secret(), "audience", TestClients.MANAGEMENT_API, "scope",
								"read:signing_keys");
					if (token.status() != 200) {
						failures.add("token " + token.status() + " " + token.body());
						continue;
					}
					var call = api(verifier, token.accessToken())
						.get("/api/v2/keys/signing/" + kid(token.accessToken()));
					calls.incrementAndGet();
					if (call.status() != 200) {
						failures.add("API call " + call.status() + " " + call.body());
					}
				}
			});
		}
		try {
			waitForCalls(calls, 20);
			assertThat(api(first, managementToken(first)).post("/api/v2/keys/signing/rotate", null).status())
				.isEqualTo(201);
			waitForCalls(calls, calls.get() + 20);
			assertThat(api(second, managementToken(second)).post("/api/v2/keys/signing/rotate", null).status())
				.isEqualTo(201);
			waitForCalls(calls, calls.get() + 20);
		}
		finally {
			running.set(false);
			traffic.shutdown();
			traffic.awaitTermination(30, TimeUnit.SECONDS);
		}

		assertThat(calls.get()).as("calls made during the rotations").isGreaterThanOrEqualTo(60);
		assertThat(failures).isEmpty();
	}

	private static void waitForCalls(AtomicInteger calls, int atLeast) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (calls.get() < atLeast && Instant.now().isBefore(deadline)) {
			sleep();
		}
	}

	private static String managementToken(RunningServer server) {
		return ManagementApiClient.token(server.client(), MANAGEMENT, null);
	}

	private static ManagementApiClient api(RunningServer server, String token) {
		return new ManagementApiClient(port(server)).withToken(token);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> listKeys(RunningServer server) {
		var answer = api(server, managementToken(server)).get("/api/v2/keys/signing");
		assertThat(answer.status()).isEqualTo(200);
		return JSON.readValue(answer.body(), List.class);
	}

	@SuppressWarnings("unchecked")
	private static List<String> jwksKids(RunningServer server) {
		List<Map<String, Object>> keys = (List<Map<String, Object>>) server.client()
			.get("/.well-known/jwks.json")
			.json()
			.get("keys");
		return keys.stream().map(k -> (String) k.get("kid")).toList();
	}

	@SuppressWarnings("unchecked")
	private static String kid(String jwt) {
		String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
				StandardCharsets.UTF_8);
		return (String) JSON.readValue(header, Map.class).get("kid");
	}

	/**
	 * Whether the condition holds within the propagation time (the other instance looks
	 * at least once a second).
	 */
	private static boolean eventually(Supplier<Boolean> condition) {
		Instant deadline = Instant.now().plus(PROPAGATION);
		while (!condition.get()) {
			if (Instant.now().isAfter(deadline)) {
				return false;
			}
			sleep();
		}
		return true;
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static int port(RunningServer server) {
		return Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
	}

}
