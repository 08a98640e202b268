package com.exampleco.e2e.landscape;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.exampleco.e2e.process.AppJars;
import com.exampleco.e2e.process.LoopbackPorts;
import com.exampleco.e2e.process.ManagedApp;

/**
 * The three applications of the scenario, each in its own process and its own folder,
 * pointed at each other by configuration only: the authorization server, the Timesheets
 * API that trusts it, and the import job that gets its tokens from the one and sends
 * entries to the other.
 *
 * <p>
 * Each application runs with its embedded defaults (H2 files under {@code ./data} of its
 * working folder), so what is tested is what a developer gets from {@code java -jar}.
 * Only the wiring is set here, in the properties each application documents:
 * <ul>
 * <li>auth-server: {@code auth-server.issuer}; client secrets from
 * {@code *_CLIENT_SECRET} variables</li>
 * <li>timesheets-api: {@code timesheets.security.issuer} (the same string, byte for byte)
 * and {@code timesheets.security.jwk-set-uri}</li>
 * <li>timesheets-batch-client: the token URI of its {@code exampleco} provider,
 * {@code batch.delivery.api-url}, and {@code IMPORT_JOB_CLIENT_SECRET}</li>
 * </ul>
 */
public final class Landscape implements AutoCloseable {

	/**
	 * The Timesheets API's identifier: the {@code audience} of a token request and the
	 * token's {@code aud}.
	 */
	public static final String AUDIENCE = "https://api.exampleco.com/timesheets";

	/** The client the authorization server seeds for its management API. */
	public static final String MANAGEMENT_CLIENT = "management-api-client";

	/**
	 * The DEMO VALUE of {@code MANAGEMENT_CLIENT_SECRET} in the authorization server's
	 * {@code application.yml}.
	 */
	static final String DEMO_MANAGEMENT_SECRET = "demo-won7rWWeqTb1h8oM_uG5UvVO0cg2x_NCJHubzK2oqf8";

	public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final ManagedApp authServer;

	private final ManagedApp api;

	private final ManagedApp batchClient;

	private final Clients clients;

	private final String issuer;

	private final ClientCredentials managementClient;

	private Landscape(Builder builder) {
		AppJars jars = AppJars.locate();
		this.clients = builder.clients;
		// Auth0 style, with a trailing slash. "localhost" rather than 127.0.0.1, as in
		// the applications' defaults: the issuer is an identifier compared as a string,
		// not an address anyone connects to.
		this.issuer = "http://localhost:" + builder.authPort + "/";

		List<String> authArguments = new ArrayList<>();
		authArguments.add("--auth-server.issuer=" + this.issuer);
		// The flow page (GET /flow, on in the demo profile) reads the API's and the
		// import job's event streams.
		authArguments.add("--auth-server.flow-page.api-events-uri=http://" + LoopbackPorts.HOST + ":" + builder.apiPort
				+ "/events");
		authArguments.add("--auth-server.flow-page.batch-events-uri=http://" + LoopbackPorts.HOST + ":"
				+ builder.batchPort + "/events");
		authArguments.addAll(builder.authServerArguments);
		Map<String, String> authEnvironment = new LinkedHashMap<>(this.clients.environment());
		if (builder.flowViewerSecret != null) {
			// The flow page's own client: seeded and used by the authorization server
			// alone.
			authEnvironment.put("FLOW_VIEWER_CLIENT_SECRET", builder.flowViewerSecret);
		}
		// The management API's client (/api/v2); without a secret here, the
		// authorization server seeds its demo value.
		this.managementClient = new ClientCredentials(MANAGEMENT_CLIENT,
				(builder.managementSecret != null) ? builder.managementSecret : DEMO_MANAGEMENT_SECRET);
		if (builder.managementSecret != null) {
			authEnvironment.put("MANAGEMENT_CLIENT_SECRET", builder.managementSecret);
		}
		authEnvironment.putAll(builder.authServerEnvironment);
		this.authServer = new ManagedApp("auth-server", jars.jar("auth-server"), builder.authPort, authArguments,
				authEnvironment, builder.baseDir.resolve("auth-server"));

		List<String> apiArguments = new ArrayList<>();
		apiArguments.add("--timesheets.security.issuer=" + this.issuer);
		apiArguments.add("--timesheets.security.jwk-set-uri=http://" + LoopbackPorts.HOST + ":" + builder.authPort
				+ "/.well-known/jwks.json");
		apiArguments.add("--timesheets.security.audience=" + AUDIENCE);
		apiArguments.addAll(builder.apiArguments);
		this.api = new ManagedApp("timesheets-api", jars.jar("timesheets-api"), builder.apiPort, apiArguments, Map.of(),
				builder.baseDir.resolve("timesheets-api"));

		List<String> batchArguments = new ArrayList<>();
		batchArguments.add("--spring.security.oauth2.client.provider.exampleco.token-uri=http://" + LoopbackPorts.HOST
				+ ":" + builder.authPort + "/oauth/token");
		batchArguments.add("--batch.token.audience=" + AUDIENCE);
		batchArguments.add("--batch.delivery.api-url=http://" + LoopbackPorts.HOST + ":" + builder.apiPort);
		batchArguments.add("--batch.run.cron=" + builder.batchCron);
		batchArguments.add("--batch.delivery.chunk-size=" + builder.chunkSize);
		batchArguments.add("--batch.run.progress=never");
		batchArguments.add("--batch.events.issuer=" + this.issuer);
		batchArguments.add("--batch.events.jwk-set-uri=http://" + LoopbackPorts.HOST + ":" + builder.authPort
				+ "/.well-known/jwks.json");
		batchArguments.addAll(builder.batchClientArguments);
		this.batchClient = new ManagedApp("timesheets-batch-client", jars.jar("timesheets-batch-client"),
				builder.batchPort, batchArguments,
				Map.of("IMPORT_JOB_CLIENT_SECRET", this.clients.importJob().secret()),
				builder.baseDir.resolve("timesheets-batch-client"));
	}

	public static Builder builder(Path baseDir) {
		return new Builder(baseDir);
	}

	public ManagedApp authServer() {
		return this.authServer;
	}

	public ManagedApp api() {
		return this.api;
	}

	public ManagedApp batchClient() {
		return this.batchClient;
	}

	public List<ManagedApp> apps() {
		return List.of(this.authServer, this.api, this.batchClient);
	}

	public Clients clients() {
		return this.clients;
	}

	/**
	 * The management API's client, with a grant for every management scope (Auth0's
	 * Management API v2).
	 */
	public ClientCredentials managementClient() {
		return this.managementClient;
	}

	/**
	 * The management API's identifier, {@code <issuer>api/v2/}: the {@code audience} of a
	 * management token.
	 */
	public String managementAudience() {
		return this.issuer + "api/v2/";
	}

	/** The {@code iss} the authorization server writes and the API requires. */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * The flow page: every token request, API call and import run, live (the
	 * authorization server serves it).
	 */
	public URI flowPage() {
		return URI.create("http://localhost:" + this.authServer.port() + "/flow");
	}

	/**
	 * The batch client's inbox: its default {@code ./data/inbox}, in its working folder.
	 */
	public Path inbox() {
		return this.batchClient.workDir().resolve("data").resolve("inbox");
	}

	/**
	 * Starts the authorization server and the API side by side, then the import job once
	 * both answer, so that its first run finds them up.
	 */
	public Landscape start() {
		this.authServer.start();
		this.api.start();
		this.authServer.awaitHealthy(STARTUP_TIMEOUT);
		this.api.awaitHealthy(STARTUP_TIMEOUT);
		this.batchClient.start().awaitHealthy(STARTUP_TIMEOUT);
		return this;
	}

	/**
	 * Starts the authorization server and the API only, for tests that are the API's
	 * clients themselves and need no import job.
	 */
	public Landscape startServers() {
		this.authServer.start();
		this.api.start();
		this.authServer.awaitHealthy(STARTUP_TIMEOUT);
		this.api.awaitHealthy(STARTUP_TIMEOUT);
		return this;
	}

	/**
	 * Stops the import job first, so that it does not log the others' disappearance as
	 * failures.
	 */
	@Override
	public void close() {
		this.batchClient.stop();
		this.api.stop();
		this.authServer.stop();
	}

	public static final class Builder {

		private final Path baseDir;

		private int authPort = LoopbackPorts.free();

		private int apiPort = LoopbackPorts.free();

		private int batchPort = LoopbackPorts.free();

		private Clients clients = Clients.random();

		private String flowViewerSecret = Clients.randomSecret();

		private String managementSecret = Clients.randomSecret();

		private final List<String> authServerArguments = new ArrayList<>();

		private final Map<String, String> authServerEnvironment = new LinkedHashMap<>();

		private final List<String> apiArguments = new ArrayList<>();

		private final List<String> batchClientArguments = new ArrayList<>();

		private String batchCron = "* * * * * *";

		private int chunkSize = 100;

		private Builder(Path baseDir) {
			this.baseDir = baseDir;
		}

		/** Fixed ports instead of free ones (the demo's documented 9000, 8080, 8081). */
		public Builder ports(int authServer, int api, int batchClient) {
			this.authPort = authServer;
			this.apiPort = api;
			this.batchPort = batchClient;
			return this;
		}

		public Builder clients(Clients clients) {
			this.clients = clients;
			return this;
		}

		/**
		 * The flow page's client secret; {@code null}: the authorization server's demo
		 * value.
		 */
		public Builder flowViewerSecret(String secret) {
			this.flowViewerSecret = secret;
			return this;
		}

		/**
		 * The management client's secret; {@code null}: the authorization server's demo
		 * value.
		 */
		public Builder managementSecret(String secret) {
			this.managementSecret = secret;
			return this;
		}

		public Builder authServerArguments(List<String> arguments) {
			this.authServerArguments.addAll(arguments);
			return this;
		}

		public Builder authServerEnvironment(Map<String, String> environment) {
			this.authServerEnvironment.putAll(environment);
			return this;
		}

		public Builder apiArguments(List<String> arguments) {
			this.apiArguments.addAll(arguments);
			return this;
		}

		public Builder batchClientArguments(List<String> arguments) {
			this.batchClientArguments.addAll(arguments);
			return this;
		}

		/**
		 * When the import job looks at its inbox (Spring cron, seconds first); every
		 * second by default.
		 */
		public Builder batchCron(String cron) {
			this.batchCron = cron;
			return this;
		}

		public Builder chunkSize(int chunkSize) {
			this.chunkSize = chunkSize;
			return this;
		}

		public Landscape build() {
			return new Landscape(this);
		}

	}

}
