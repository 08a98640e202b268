package com.exampleco.timesheets.batch.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on a random loopback port playing both other parties: the
 * authorization server's {@code POST /oauth/token} (client_secret_basic or
 * client_secret_post, {@code audience} required) and the Timesheets API's
 * {@code POST /timesheets/upload} (bearer token required, per-entry idempotency by key).
 * It records every request, and can be told to answer the next upload requests with a
 * failure.
 */
public final class FakePlatform implements AutoCloseable {

	public static final String CLIENT_ID = "timesheets-import-job";

	public static final String CLIENT_SECRET = "test-secret-Qm9yZWFsaXMtbm90LWEtcmVhbC1zZWNyZXQ";

	public static final String AUDIENCE = "https://api.exampleco.com/timesheets";

	/**
	 * The API refuses entries for this project, so that a per-entry rejection can be
	 * shown.
	 */
	public static final String CLOSED_PROJECT = "closed-project";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final List<TokenRequest> tokenRequests = new ArrayList<>();

	private final List<UploadRequest> uploadRequests = new ArrayList<>();

	private final Set<String> validTokens = ConcurrentHashMap.newKeySet();

	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	private final Map<String, JsonNode> stored = new LinkedHashMap<>();

	private final Map<String, Integer> creations = new HashMap<>();

	private final Deque<Failure> uploadFailures = new ArrayDeque<>();

	private final Deque<Failure> tokenFailures = new ArrayDeque<>();

	private final AtomicInteger uploadsInFlight = new AtomicInteger();

	private final AtomicInteger maxUploadsInFlight = new AtomicInteger();

	private volatile long expiresIn = 3600;

	private volatile int maxEntriesPerUpload = 1000;

	private volatile Duration uploadDelay = Duration.ZERO;

	/**
	 * While set, uploads are received but not answered until {@link #releaseUploads()}.
	 */
	private volatile CountDownLatch uploadGate;

	/** How many more uploads the gate holds; the others are answered at once. */
	private final AtomicInteger uploadsToHold = new AtomicInteger();

	private final AtomicInteger uploadsReceived = new AtomicInteger();

	public record TokenRequest(long atNanos, Map<String, String> form, String authorization, int status) {
	}

	public record UploadRequest(long atNanos, String token, int entries, int status) {
	}

	/** A scripted failure: an HTTP status with optional headers and body. */
	public record Failure(int status, Map<String, String> headers, String body) {

		public static Failure status(int status) {
			return new Failure(status, Map.of(), "{\"error\":\"scripted\"}");
		}

		public static Failure tooManyRequests(String retryAfter) {
			return new Failure(429, Map.of("Retry-After", retryAfter), "{\"error\":\"slow_down\"}");
		}

	}

	/** The {@code iss} of {@link #accessToken}: the job's configured issuer. */
	public static final String ISSUER = "http://localhost:9000/";

	private final RSAKey signingKey = newKey();

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("fake-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public FakePlatform() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/oauth/token", this::token);
		this.server.createContext("/timesheets/upload", this::upload);
		this.server.createContext("/.well-known/jwks.json", (exchange) -> {
			try (exchange) {
				respond(exchange, 200, Map.of(), new JWKSet(this.signingKey.toPublicJWK()).toString());
			}
		});
		this.server.start();
	}

	/**
	 * A signed access token such as the authorization server issues for the job's own
	 * events stream.
	 * @param audience its {@code aud}
	 * @param scope its {@code scope}
	 */
	public String accessToken(String audience, String scope) {
		java.time.Instant now = java.time.Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(audience)
			.subject("flow-viewer@clients")
			.claim("azp", "flow-viewer")
			.claim("scope", scope)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(600)))
			.build();
		return sign(claims, this.signingKey.getKeyID());
	}

	/**
	 * A token with exactly these claims, signed with this platform's key but naming
	 * {@code kid}: what an attacker can send.
	 */
	public String sign(JWTClaimsSet claims, String kid) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(new JOSEObjectType("at+jwt")).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(this.signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public synchronized void reset() {
		this.tokenRequests.clear();
		this.uploadRequests.clear();
		this.uploadFailures.clear();
		this.tokenFailures.clear();
		this.stored.clear();
		this.creations.clear();
		this.expiresIn = 3600;
		this.maxUploadsInFlight.set(0);
		this.uploadsReceived.set(0);
		this.maxEntriesPerUpload = 1000;
		this.uploadDelay = Duration.ZERO;
		releaseUploads();
	}

	public synchronized void failNextUploads(Failure... failures) {
		this.uploadFailures.addAll(List.of(failures));
	}

	public synchronized void failNextTokenRequests(Failure... failures) {
		this.tokenFailures.addAll(List.of(failures));
	}

	public void expiresIn(long seconds) {
		this.expiresIn = seconds;
	}

	/**
	 * Uploads with more entries are refused with 413, as the API refuses oversized
	 * bodies.
	 */
	public void maxEntriesPerUpload(int max) {
		this.maxEntriesPerUpload = max;
	}

	public void uploadDelay(Duration delay) {
		this.uploadDelay = delay;
	}

	/**
	 * Uploads from now on wait, unanswered, for {@link #releaseUploads()} (at most 30 s).
	 */
	public void holdUploads() {
		hold(Integer.MAX_VALUE);
	}

	/**
	 * The next upload waits, unanswered, for {@link #releaseUploads()} (at most 30 s);
	 * the others are answered.
	 */
	public void holdNextUpload() {
		hold(1);
	}

	private void hold(int uploads) {
		this.uploadsToHold.set(uploads);
		this.uploadGate = new CountDownLatch(1);
	}

	public void releaseUploads() {
		CountDownLatch gate = this.uploadGate;
		this.uploadGate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	public synchronized List<TokenRequest> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	public synchronized List<UploadRequest> uploadRequests() {
		return List.copyOf(this.uploadRequests);
	}

	/** Entries the API holds, by idempotency key. */
	public synchronized Map<String, JsonNode> stored() {
		return Map.copyOf(this.stored);
	}

	/** How often each key caused a creation: exactly-once means every value is 1. */
	public synchronized Map<String, Integer> creations() {
		return Map.copyOf(this.creations);
	}

	public Set<String> issuedTokens() {
		return Set.copyOf(this.issuedTokens);
	}

	private void token(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> form = parseForm(readBody(exchange));
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			Failure failure;
			synchronized (this) {
				failure = this.tokenFailures.poll();
			}
			if (failure != null) {
				record(new TokenRequest(System.nanoTime(), form, authorization, failure.status()));
				respond(exchange, failure.status(), failure.headers(), failure.body());
				return;
			}
			String expected = "Basic " + Base64.getEncoder()
				.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
			boolean basic = expected.equals(authorization);
			boolean post = authorization == null && CLIENT_ID.equals(form.get("client_id"))
					&& CLIENT_SECRET.equals(form.get("client_secret"));
			if (!basic && !post) {
				record(new TokenRequest(System.nanoTime(), form, authorization, 401));
				respond(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"fake\""),
						"{\"error\":\"invalid_client\",\"error_description\":\"Wrong credentials\"}");
				return;
			}
			if (!"client_credentials".equals(form.get("grant_type")) || !AUDIENCE.equals(form.get("audience"))) {
				record(new TokenRequest(System.nanoTime(), form, authorization, 403));
				respond(exchange, 403, Map.of(),
						"{\"error\":\"access_denied\",\"error_description\":\"Client is not authorized\"}");
				return;
			}
			String token = "tok-" + UUID.randomUUID();
			this.issuedTokens.add(token);
			this.validTokens.add(token);
			record(new TokenRequest(System.nanoTime(), form, authorization, 200));
			respond(exchange, 200, Map.of("Cache-Control", "no-store"), "{\"access_token\":\"" + token
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.expiresIn + ",\"scope\":\"batch:upload\"}");
		}
	}

	/** Upload requests received since the last reset, answered or not. */
	public int uploadsReceived() {
		return this.uploadsReceived.get();
	}

	/** Upload requests being served now. */
	public int uploadsInFlight() {
		return this.uploadsInFlight.get();
	}

	/** The most upload requests that were being served at the same time. */
	public int maxUploadsInFlight() {
		return this.maxUploadsInFlight.get();
	}

	private void upload(HttpExchange exchange) throws IOException {
		this.uploadsReceived.incrementAndGet();
		this.maxUploadsInFlight.accumulateAndGet(this.uploadsInFlight.incrementAndGet(), Math::max);
		try {
			serveUpload(exchange);
		}
		finally {
			this.uploadsInFlight.decrementAndGet();
		}
	}

	private void serveUpload(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = readBody(exchange).getBytes(StandardCharsets.UTF_8);
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String token = (authorization != null && authorization.startsWith("Bearer "))
					? authorization.substring("Bearer ".length()) : null;
			if (!this.uploadDelay.isZero()) {
				sleep(this.uploadDelay);
			}
			CountDownLatch gate = this.uploadGate;
			if (gate != null && this.uploadsToHold.getAndDecrement() > 0) {
				await(gate);
			}
			Failure failure;
			synchronized (this) {
				failure = this.uploadFailures.poll();
			}
			if (failure != null) {
				if (failure.status() == 401 && token != null) {
					this.validTokens.remove(token);
				}
				Map<String, String> headers = new HashMap<>(failure.headers());
				if (failure.status() == 401) {
					headers.put("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"revoked\"");
				}
				record(new UploadRequest(System.nanoTime(), token, -1, failure.status()));
				respond(exchange, failure.status(), headers, failure.body());
				return;
			}
			if (token == null || !this.validTokens.contains(token)) {
				record(new UploadRequest(System.nanoTime(), token, -1, 401));
				respond(exchange, 401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), "");
				return;
			}
			JsonNode entries = this.json.readTree(body);
			if (!entries.isArray() || entries.size() > this.maxEntriesPerUpload) {
				record(new UploadRequest(System.nanoTime(), token, entries.size(), 413));
				respond(exchange, 413, Map.of(), "{\"title\":\"Too many entries\"}");
				return;
			}
			ArrayNode results = this.json.createArrayNode();
			synchronized (this) {
				for (JsonNode entry : entries) {
					results.add(store(entry));
				}
				this.uploadRequests.add(new UploadRequest(System.nanoTime(), token, entries.size(), 200));
			}
			respond(exchange, 200, Map.of(), this.json.writeValueAsString(results));
		}
	}

	private ObjectNode store(JsonNode entry) {
		String key = entry.path("idempotency_key").asString();
		ObjectNode result = this.json.createObjectNode();
		result.put("idempotency_key", key);
		if (CLOSED_PROJECT.equals(entry.path("project").asString())) {
			result.put("status", "rejected");
			ArrayNode errors = result.putArray("errors");
			errors.addObject().put("field", "project").put("message", "project is closed for bookings");
			return result;
		}
		if (this.stored.containsKey(key)) {
			result.put("status", "duplicate");
		}
		else {
			this.stored.put(key, entry);
			this.creations.merge(key, 1, Integer::sum);
			result.put("status", "created");
		}
		result.put("id", "ts-" + Math.abs(key.hashCode()));
		return result;
	}

	private synchronized void record(TokenRequest request) {
		this.tokenRequests.add(request);
	}

	private synchronized void record(UploadRequest request) {
		this.uploadRequests.add(request);
	}

	private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	private static String readBody(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			form.put(name, value);
		}
		return form;
	}

	private static void await(CountDownLatch gate) {
		try {
			gate.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
