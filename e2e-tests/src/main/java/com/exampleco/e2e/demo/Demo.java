package com.exampleco.e2e.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.exampleco.e2e.http.ActuatorMetrics;
import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Jwt;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.ClientCredentials;
import com.exampleco.e2e.landscape.Clients;
import com.exampleco.e2e.landscape.Landscape;
import com.exampleco.e2e.process.LoopbackPorts;
import com.exampleco.e2e.process.ManagedApp;

/**
 * The one-command demo ({@code demo/run} at the repository root): starts the
 * authorization server (9000), the Timesheets API (8080) and the import job (8081) with
 * the sample inbox in {@code demo/inbox}, narrates the client credentials flow by making
 * its own calls, then leaves the three running for the curl walkthrough until Ctrl-C.
 *
 * <p>
 * Arguments: {@code --inbox=DIR} (default {@code demo/inbox}), {@code --work-dir=DIR}
 * (default {@code e2e-tests/target/demo}, emptied at every start), {@code --exit} (stop
 * after the narration, for scripts).
 */
public final class Demo {

	static final int AUTH_SERVER_PORT = 9000;

	static final int API_PORT = 8080;

	static final int BATCH_CLIENT_PORT = 8081;

	private final Narrator narrator;

	private final Http http = new Http();

	private final Landscape landscape;

	private final TokenEndpoint tokens;

	private final Path sampleInbox;

	private Demo(PrintStream out, Landscape landscape, Path sampleInbox) {
		this.narrator = new Narrator(out);
		this.landscape = landscape;
		this.sampleInbox = sampleInbox;
		this.tokens = new TokenEndpoint(this.http, landscape.authServer().uri("/oauth/token"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		Path inbox = Path.of(options.getOrDefault("inbox", "demo/inbox"));
		Path workDir = Path.of(options.getOrDefault("work-dir",
				Files.isDirectory(Path.of("e2e-tests")) ? "e2e-tests/target/demo" : "target/demo"));
		if (!Files.isDirectory(inbox)) {
			System.err.println("No sample inbox at " + inbox.toAbsolutePath()
					+ ": run the demo from the repository root, or pass --inbox=DIR");
			System.exit(2);
		}
		requireFreePorts();
		deleteRecursively(workDir);

		Landscape landscape = Landscape.builder(workDir.toAbsolutePath())
			.ports(AUTH_SERVER_PORT, API_PORT, BATCH_CLIENT_PORT)
			.clients(Clients.demo())
			.flowViewerSecret(null)
			.managementSecret(null)
			.batchCron("*/2 * * * * *")
			.build();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println();
			System.out.println("Stopping the import job, the API and the authorization server...");
			landscape.close();
			System.out.println("Stopped. Their logs are in " + workDir.toAbsolutePath());
			stopped.countDown();
		}, "demo-shutdown"));

		Demo demo = new Demo(System.out, landscape, inbox);
		try {
			demo.run();
		}
		catch (RuntimeException ex) {
			System.err.println();
			System.err.println("The demo failed: " + ex.getMessage());
			for (ManagedApp app : landscape.apps()) {
				System.err.println(app.logTail(30));
			}
			System.exit(1);
		}
		if (options.containsKey("exit")) {
			System.exit(0);
		}
		stopped.await();
	}

	void run() {
		this.narrator.say("Watch the flow live in your browser: " + this.landscape.flowPage()
				+ "  (every token request, API call and import run; open it now)");
		this.narrator.title("OAuth 2.0 client credentials (RFC 6749 section 4.4): a local, Auth0-compatible demo");
		this.narrator.say("""
				Three applications, each its own process, talking over HTTP on 127.0.0.1:
				  auth-server              http://localhost:9000  issues access tokens (POST /oauth/token)
				  timesheets-api           http://localhost:8080  checks them (the protected API)
				  timesheets-batch-client  http://localhost:8081  the import job: gets a token, uploads entries
				DEMO secrets only; logs and H2 files go to %s"""
			.formatted(this.landscape.authServer().workDir().getParent()));

		startApplications();
		Response token = requestToken();
		showToken(token);
		actions(token);
		watchTheImportJob();
		String entryId = readEntries();
		approve(entryId);
		refusals(entryId);

		this.narrator.title("Done. The three applications keep running: press Ctrl-C to stop them.");
		this.narrator.say("""
				Try it yourself (docs/walkthrough.md has the whole curl walkthrough):
				  curl -s http://localhost:9000/oauth/token \\
				    -d grant_type=client_credentials -d client_id=timesheets-reader \\
				    -d client_secret="$READER_CLIENT_SECRET" -d audience=https://api.exampleco.com/timesheets
				  curl -s http://localhost:8080/timesheets -H "Authorization: Bearer $ACCESS_TOKEN"
				The demo secrets are in auth-server/src/main/resources/application.yml.
				Swagger UI: http://localhost:8080/swagger-ui.html
				Flow page:  %s (what you try appears there)""".formatted(this.landscape.flowPage()));
	}

	private void startApplications() {
		this.narrator.step("Start the three applications");
		copySampleInbox();
		Instant started = Instant.now();
		this.narrator.say("Starting auth-server and timesheets-api (side by side), then the import job...");
		this.landscape.authServer().start();
		this.landscape.api().start();
		this.landscape.authServer().awaitHealthy(Landscape.STARTUP_TIMEOUT);
		this.narrator.say("auth-server              UP  " + this.landscape.authServer().uri("/actuator/health")
				+ "  issuer " + this.landscape.issuer());
		this.landscape.api().awaitHealthy(Landscape.STARTUP_TIMEOUT);
		this.narrator.say("timesheets-api           UP  " + this.landscape.api().uri("/actuator/health"));
		this.landscape.batchClient().start().awaitHealthy(Landscape.STARTUP_TIMEOUT);
		this.narrator.say("timesheets-batch-client  UP  " + this.landscape.batchClient().uri("/actuator/health"));
		this.narrator.say("(%d s)".formatted(Duration.between(started, Instant.now()).toSeconds()));
	}

	private Response requestToken() {
		ClientCredentials reader = this.landscape.clients().reader();
		this.narrator.step("A client asks the authorization server for an access token");
		this.narrator.say("""
				The reporting service (client "timesheets-reader") authenticates with its own id and secret:
				no user, no browser, no redirect. It names the API it wants to call in "audience", as on Auth0.""");
		Map<String, String> shown = new LinkedHashMap<>();
		shown.put("grant_type", "client_credentials");
		shown.put("client_id", reader.clientId());
		shown.put("client_secret", reader.maskedSecret());
		shown.put("audience", Landscape.AUDIENCE);
		this.narrator.request("POST", this.tokens.uri().toString(), shown, null);
		Response response = this.tokens.request(reader, Landscape.AUDIENCE);
		this.narrator.response(response);
		require(response, 200);
		ObjectNode body = (ObjectNode) response.json();
		String accessToken = body.path("access_token").asString();
		body.put("access_token", accessToken.substring(0, 24) + "...(" + accessToken.length() + " characters)");
		this.narrator.json(null, body);
		return response;
	}

	private void showToken(Response tokenResponse) {
		String accessToken = tokenResponse.json().path("access_token").asString();
		Jwt jwt = Jwt.decode(accessToken);
		this.narrator.step("What the access token says (a signed JWT: header.claims.signature)");
		this.narrator.json(
				"Header: RS256 signature, key id to look up in /.well-known/jwks.json, typ at+jwt (RFC 9068)",
				jwt.header());
		this.narrator.json("Claims: who issued it, for which API, to which client, with which scopes, until when",
				jwt.claims());
		long iat = jwt.claims().path("iat").asLong();
		long exp = jwt.claims().path("exp").asLong();
		this.narrator.say("iat %s, exp %s: valid for %d hours; the client reuses it until shortly before then."
			.formatted(Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp), (exp - iat) / 3600));
		this.narrator.say("The API checks the signature against the JWKS, then iss, aud, exp and the scope.");
	}

	private void actions(Response tokenResponse) {
		this.narrator.step("An Auth0 Action adds a claim to the token, and refuses a suspended client");
		this.narrator.say("""
				The authorization server runs Auth0 Actions on the credentials-exchange trigger, as Auth0 runs them:
				JavaScript that could be pasted into an Auth0 tenant unchanged. The demo binds
				auth-server/src/main/resources/actions/cost-center.js: it copies event.client.metadata.cost_center
				into the token, and calls api.access.deny for a client whose metadata says suspended: "true".""");
		Jwt jwt = Jwt.decode(tokenResponse.json().path("access_token").asString());
		this.narrator.say("The reporting service's token above carries  \"https://exampleco.com/cost_center\": \""
				+ jwt.claims().path("https://exampleco.com/cost_center").asString()
				+ "\"  (its client metadata: cost_center CC-1200)");
		this.narrator.blank();
		this.narrator.say("A suspended client (metadata suspended: \"true\") asks for a token:");
		ClientCredentials suspended = Clients.suspendedDemo();
		Map<String, String> shown = new LinkedHashMap<>();
		shown.put("grant_type", "client_credentials");
		shown.put("client_id", suspended.clientId());
		shown.put("client_secret", suspended.maskedSecret());
		shown.put("audience", Landscape.AUDIENCE);
		this.narrator.request("POST", this.tokens.uri().toString(), shown, null);
		Response refused = this.tokens.request(suspended, Landscape.AUDIENCE);
		this.narrator.response(refused);
		require(refused, 400);
		this.narrator.json(null, refused.json());
		this.narrator.why("its secret and its grant are right, but the Action denied the exchange: the token\n"
				+ "   endpoint answers with the Action's code and reason (RFC 6749 section 5.2), and no token exists.");
	}

	private void watchTheImportJob() {
		ManagedApp batch = this.landscape.batchClient();
		this.narrator.step("The import job delivers the inbox with one token");
		this.narrator.say("""
				timesheets-batch-client holds the client "timesheets-import-job" (scope batch:upload). Every 2 s it
				looks at its inbox; for the files of %s it requests ONE token, then sends the entries to
				POST /timesheets/upload in chunks, each entry with an idempotency key.""".formatted(this.sampleInbox));
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (inboxHasFiles() && Instant.now().isBefore(deadline)) {
			sleep(Duration.ofMillis(250));
		}
		if (inboxHasFiles()) {
			throw new IllegalStateException("The import job did not empty its inbox in 90 s");
		}
		sleep(Duration.ofMillis(500));
		ActuatorMetrics metrics = new ActuatorMetrics(this.http);
		this.narrator.say("Its summary (from its log):");
		printImportSummary(batch);
		this.narrator.say("Its metrics: batch.tokens.fetched = %.0f, batch.entries.sent = %.0f".formatted(
				metrics.count(batch, "batch.tokens.fetched", null), metrics.count(batch, "batch.entries.sent", null)));
		Path failed = this.landscape.inbox().resolve("failed");
		if (Files.isDirectory(failed)) {
			try (Stream<Path> reports = Files.list(failed)) {
				for (Path report : reports.filter((p) -> p.toString().endsWith(".errors.txt")).toList()) {
					this.narrator.say("A line it refused before sending, reported in " + report + ":");
					Files.readAllLines(report, StandardCharsets.UTF_8)
						.forEach((line) -> this.narrator.say("  " + line));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private String readEntries() {
		this.narrator.step("The reporting service reads the entries (scope read:timesheets)");
		String token = this.tokens.accessToken(this.landscape.clients().reader(), Landscape.AUDIENCE);
		Response response = call("GET", "/timesheets?size=3", token);
		require(response, 200);
		JsonNode page = response.json();
		this.narrator.say("total_elements: " + page.path("total_elements").asInt() + "; the newest three:");
		for (JsonNode entry : page.path("items")) {
			this.narrator.say("  %s  %s  %-10s %5s h  submitted_by %s".formatted(entry.path("date").asString(),
					entry.path("employee_id").asString(), entry.path("project").asString(),
					entry.path("hours").asString(), entry.path("submitted_by").asString()));
		}
		return page.path("items").get(0).path("id").asString();
	}

	private void approve(String entryId) {
		this.narrator.step("The approval service approves one (scope approve:timesheets)");
		String token = this.tokens.accessToken(this.landscape.clients().approver(), Landscape.AUDIENCE);
		Response pending = call("GET", "/approvals?size=1", token);
		require(pending, 200);
		this.narrator.say("pending approval: " + pending.json().path("total_elements").asInt() + " entries");
		Response approved = call("PUT", "/approvals/" + entryId, token);
		require(approved, 200);
		JsonNode entry = approved.json();
		this.narrator.say("approved: %s, approved_by: %s".formatted(entry.path("approved").asBoolean(),
				entry.path("approved_by").asString()));
	}

	private void refusals(String entryId) {
		this.narrator.step("Refused calls, and why");
		String readerToken = this.tokens.accessToken(this.landscape.clients().reader(), Landscape.AUDIENCE);

		this.narrator.say("a) The reporting service tries to approve:");
		call("PUT", "/approvals/" + entryId, readerToken);
		this.narrator.why("a valid token, but its scope is read:timesheets; this endpoint needs approve:timesheets."
				+ "\n   403 insufficient_scope (RFC 6750 section 3.1) names the scope it lacks.");

		this.narrator.blank();
		this.narrator.say("b) A call without a token:");
		call("GET", "/timesheets", null);
		this.narrator.why("no credentials at all: 401 with a Bearer challenge.");

		this.narrator.blank();
		this.narrator.say("c) A token whose claims were edited (aud changed), signature kept:");
		call("GET", "/timesheets", tampered(readerToken));
		this.narrator.why("the signature no longer matches the claims: 401 invalid_token. Nobody but the\n"
				+ "   authorization server, which holds the private key, can mint or change a token.");

		this.narrator.blank();
		this.narrator.say("d) A client without a grant for the Timesheets API asks for a token:");
		ClientCredentials noGrant = this.landscape.clients().noGrant();
		Map<String, String> shown = new LinkedHashMap<>();
		shown.put("grant_type", "client_credentials");
		shown.put("client_id", noGrant.clientId());
		shown.put("client_secret", noGrant.maskedSecret());
		shown.put("audience", Landscape.AUDIENCE);
		this.narrator.request("POST", this.tokens.uri().toString(), shown, null);
		Response refused = this.tokens.request(noGrant, Landscape.AUDIENCE);
		this.narrator.response(refused);
		this.narrator.json(null, refused.json());
		this.narrator.why("its secret is right, but no client grant links it to this API: the authorization\n"
				+ "   server refuses before any token exists (Auth0 answers the same).");
	}

	private Response call(String method, String path, String token) {
		String shownAuthorization = (token != null) ? "Bearer " + token.substring(0, 16) + "..." : null;
		String uri = this.landscape.api().uri(path).toString();
		this.narrator.request(method, uri, Map.of(), shownAuthorization);
		Response response = switch (method) {
			case "GET" -> this.http.get(this.landscape.api().uri(path), token);
			case "PUT" -> this.http.put(this.landscape.api().uri(path), token);
			default -> throw new IllegalArgumentException(method);
		};
		this.narrator.response(response);
		return response;
	}

	/**
	 * The token with its claims re-encoded with another audience and the original
	 * signature left in place.
	 */
	private static String tampered(String token) {
		String[] parts = token.split("\\.");
		Jwt jwt = Jwt.decode(token);
		ObjectNode claims = (ObjectNode) jwt.claims();
		claims.put("aud", "https://api.exampleco.com/everything");
		String payload = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(com.exampleco.e2e.http.Json.write(claims).getBytes(StandardCharsets.UTF_8));
		return parts[0] + "." + payload + "." + parts[2];
	}

	private void printImportSummary(ManagedApp batch) {
		List<String> lines = batch.logTail(200).lines().toList();
		int start = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).endsWith("Import summary")) {
				start = i;
			}
		}
		if (start < 0) {
			this.narrator.say("  (no summary in its log yet; see " + batch.log() + ")");
			return;
		}
		for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("  "); i++) {
			this.narrator.say(lines.get(i));
		}
	}

	private void copySampleInbox() {
		try {
			Path inbox = Files.createDirectories(this.landscape.inbox());
			try (Stream<Path> files = Files.list(this.sampleInbox)) {
				for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
					Files.copy(file, inbox.resolve(file.getFileName()));
					this.narrator.say("inbox: " + file.getFileName());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean inboxHasFiles() {
		try (Stream<Path> files = Files.list(this.landscape.inbox())) {
			return files.anyMatch(Files::isRegularFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void require(Response response, int status) {
		if (response.status() != status) {
			throw new IllegalStateException("Expected " + status + ": " + response);
		}
	}

	private static void requireFreePorts() {
		for (int port : new int[] { AUTH_SERVER_PORT, API_PORT, BATCH_CLIENT_PORT }) {
			try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
					java.net.InetAddress.getByName(LoopbackPorts.HOST))) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				System.err.println("Port " + port + " is in use; the demo needs 9000, 8080 and 8081. Stop what "
						+ "holds it (is another demo still running?) and try again.");
				System.exit(2);
			}
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException(
						"Unknown argument " + arg + "; use --inbox=DIR, --work-dir=DIR, --exit");
			}
			int equals = arg.indexOf('=');
			options.put((equals > 0) ? arg.substring(2, equals) : arg.substring(2),
					(equals > 0) ? arg.substring(equals + 1) : "true");
		}
		return options;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
