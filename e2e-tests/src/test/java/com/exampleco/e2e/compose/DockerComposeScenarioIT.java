package com.exampleco.e2e.compose;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Clients;
import com.exampleco.e2e.landscape.Landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * What a new user types in the README's Docker section, run for real against a Docker
 * engine: the images are built from the Dockerfile under the compose file's own names
 * (with this machine's base images and trust store, see {@link DockerEngine}), then
 * {@code docker compose up}, and the learner's flow is checked through the published
 * ports: the three services turn healthy, the import job delivers the sample inbox with
 * one token request, a reader reads the entries, calls without the right token are
 * refused; then {@code docker compose down -v}. The same with the PostgreSQL override.
 * Where no engine answers, it is skipped and says why, except in CI ({@code .ci/run} sets
 * {@code E2E_REQUIRE_DOCKER=1} after starting one), where that is a failure.
 */
@DisplayName("docker compose up, as the README says, end to end")
class DockerComposeScenarioIT {

	/**
	 * demo/inbox: 12 CSV entries and 6 JSON Lines entries, one of which (26 hours) the
	 * job refuses before sending.
	 */
	static final int SAMPLE_ENTRIES = 17;

	static final String WELCOME = "The client credentials flow is running";

	static final Http http = new Http();

	static Path root;

	static Path logs;

	static DockerEngine engine;

	enum Variant {

		/** The README's {@code docker compose up}. */
		H2(List.of()),

		/**
		 * The README's
		 * {@code docker compose -f docker-compose.yml -f docker-compose.postgres.yml up}.
		 */
		POSTGRES(List.of("-f", "docker-compose.yml", "-f", "docker-compose.postgres.yml"));

		final List<String> files;

		Variant(List<String> files) {
			this.files = files;
		}

		String[] arguments(String... command) {
			List<String> arguments = new ArrayList<>(this.files);
			arguments.addAll(List.of(command));
			return arguments.toArray(String[]::new);
		}

		/** The line a user types, as the README writes it. */
		String readmeLine(String... command) {
			return "docker compose " + String.join(" ", arguments(command));
		}

	}

	@BeforeAll
	static void buildTheImagesUnderTheComposeFileNames() throws IOException {
		root = DockerComposeFileTest.repositoryRoot();
		logs = root.resolve("e2e-tests/target/compose");
		Files.createDirectories(logs);
		engine = DockerEngine.detect(root);
		String reason = engine.unavailableReason();
		if (reason != null) {
			if (DockerEngine.required()) {
				fail("E2E_REQUIRE_DOCKER=1, but " + reason);
			}
			System.out.println("SKIPPED " + DockerComposeScenarioIT.class.getSimpleName() + ": " + reason);
			Assumptions.abort(reason);
		}
		System.out.println("Compose test: " + String.join(" ", engine.compose()) + ", docker client "
				+ String.join(" ", engine.docker()) + ", base images " + System.getenv("BUILD_IMAGE") + " / "
				+ System.getenv("RUNTIME_IMAGE") + ", logs in " + logs);
		// `docker compose up` would build them itself; building here first, under the
		// same names, lets this machine pass its trust store as a build secret, which
		// Compose v1 cannot.
		for (Map.Entry<String, String> image : DockerComposeFileTest
			.imagesToBuild(DockerComposeFileTest.yaml(root.resolve("docker-compose.yml")))
			.entrySet()) {
			engine.build(image.getValue(), image.getKey(), logs.resolve("build.log"));
		}
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	@DisplayName("up: healthy, the sample inbox delivered with one token, read by a reader, refusals refused; down -v")
	void theLearnersFlow(Variant variant) throws Exception {
		String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
		assertThat(readme).as("the README's Docker section")
			.contains(variant.readmeLine("up"), variant.readmeLine("down", "-v"));

		Path log = logs.resolve(variant.name().toLowerCase() + ".log");
		// Commands whose output is read get a log of their own: `up` keeps writing to its
		// log.
		Path commands = logs.resolve(variant.name().toLowerCase() + "-commands.log");
		Files.deleteIfExists(log);
		Files.deleteIfExists(commands);
		engine.compose(log, Duration.ofMinutes(2), variant.arguments("down", "-v"));
		assertPortsFree(variant);
		Process up = engine.startCompose(log, variant.arguments("up"));
		try {
			await("all services healthy and the welcome printed (" + log + ")").atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> {
					if (!up.isAlive()) {
						throw new IllegalStateException(
								"compose up exited " + up.exitValue() + ":\n" + DockerEngine.tail(text(log), 40));
					}
					return text(log).contains(WELCOME);
				});
			assertThat(text(log))
				.contains("http://localhost:8080/swagger-ui.html", "docs/walkthrough.md", "http://localhost:9000/flow")
				// Native code (ACCP) loads from the tmpfs /tmp, which must allow it.
				.doesNotContain("UnsatisfiedLinkError");

			assertTheContainersAreHardened(variant, commands);
			assertTheFlow();
			if (variant == Variant.POSTGRES) {
				assertTheApplicationsUsePostgres(commands);
			}
		}
		catch (Throwable failure) {
			Path services = logs.resolve(variant.name().toLowerCase() + "-services.log");
			try {
				engine.compose(services, Duration.ofMinutes(1),
						variant.arguments("logs", "--no-color", "--tail", "80"));
				System.out.println("The services' last log lines: " + services);
			}
			catch (RuntimeException logsFailure) {
				failure.addSuppressed(logsFailure);
			}
			throw failure;
		}
		finally {
			engine.compose(log, Duration.ofMinutes(2), variant.arguments("down", "-v"));
			if (!up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				up.destroyForcibly();
			}
		}
	}

	static void assertTheFlow() {
		TokenEndpoint tokens = new TokenEndpoint(http, URI.create("http://127.0.0.1:9000/oauth/token"));
		String reader = tokens.accessToken(Clients.demo().reader(), Landscape.AUDIENCE);

		await("the import job to deliver the sample inbox").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> totalEntries(reader) == SAMPLE_ENTRIES);
		// The job's own counters, over its published port: every entry on one token.
		assertThat(count("batch.tokens.fetched")).as("token requests of the import job").isEqualTo(1.0);
		assertThat(count("batch.tokens.failed")).isZero();

		Response page = http.get(URI.create("http://127.0.0.1:8080/timesheets?size=50"), reader);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().path("items")).hasSize(SAMPLE_ENTRIES)
			.allSatisfy((entry) -> assertThat(entry.path("submitted_by").asString()).isEqualTo(Clients.IMPORT_JOB));

		Response anonymous = http.get(URI.create("http://127.0.0.1:8080/timesheets"), null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

		String id = page.json().path("items").get(0).path("id").asString();
		Response forbidden = http.put(URI.create("http://127.0.0.1:8080/approvals/" + id), reader);
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.header("WWW-Authenticate")).contains("insufficient_scope");
	}

	static int totalEntries(String token) {
		Response page = http.get(URI.create("http://127.0.0.1:8080/timesheets?size=1"), token);
		return (page.status() == 200) ? page.json().path("total_elements").asInt() : -1;
	}

	static double count(String metric) {
		Response response = http.get(URI.create("http://127.0.0.1:8081/actuator/metrics/" + metric), null);
		if (response.status() == 404) {
			return 0;
		}
		assertThat(response.status()).as(metric).isEqualTo(200);
		for (var measurement : response.json().path("measurements")) {
			if ("COUNT".equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asDouble();
			}
		}
		return 0;
	}

	/**
	 * What the compose file asks for, as the engine applied it: a non-root user, a
	 * read-only root, a memory limit.
	 */
	static void assertTheContainersAreHardened(Variant variant, Path log) {
		for (String service : DockerComposeFileTest.APPLICATIONS) {
			String id = engine.compose(log, Duration.ofSeconds(30), variant.arguments("ps", "-q", service)).strip();
			id = id.substring(id.lastIndexOf('\n') + 1).strip();
			String inspected = engine.docker(log, "inspect", "--format",
					"user={{.Config.User}} readonly={{.HostConfig.ReadonlyRootfs}} memory={{.HostConfig.Memory}}", id);
			assertThat(inspected).as(service).contains("user=10001:10001", "readonly=true").doesNotContain("memory=0");
		}
	}

	/**
	 * Each application's Flyway history is in its own PostgreSQL database, not in an H2
	 * file.
	 */
	static void assertTheApplicationsUsePostgres(Path log) {
		Map<String, String> histories = Map.of("auth_server", "flyway_schema_history", "timesheets_api",
				"flyway_schema_history", "batch_client", "batch_client.flyway_schema_history");
		histories.forEach((database, table) -> {
			String output = engine.compose(log, Duration.ofSeconds(30), Variant.POSTGRES.arguments("exec", "-T",
					"postgres", "psql", "-U", "postgres", "-d", database, "-tAc", "select count(*) from " + table));
			String last = output.strip().substring(output.strip().lastIndexOf('\n') + 1).strip();
			assertThat(Integer.parseInt(last)).as("migrations in " + database).isPositive();
		});
	}

	/**
	 * A log another process is still writing: a character cut in half at its end must not
	 * fail the read.
	 */
	static String text(Path log) throws IOException {
		return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
	}

	static void assertPortsFree(Variant variant) {
		List<Integer> ports = new ArrayList<>(List.of(9000, 8080, 8081));
		if (variant == Variant.POSTGRES) {
			ports.add(5433);
		}
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				fail("127.0.0.1:" + port + " is taken, and docker-compose.yml publishes it: stop what listens there");
			}
		}
	}

}
