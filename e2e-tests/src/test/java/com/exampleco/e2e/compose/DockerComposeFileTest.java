package com.exampleco.e2e.compose;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file against the applications it runs: it must parse, name each module as a service with that
 * module's image and port, set only environment variables the applications read, and wire them to each other the way
 * the process harness does (same issuer everywhere, keys and tokens from the authorization server's service, the
 * API's identifier as audience). No Docker needed: a wrong variable name is caught here, not at a user's first
 * {@code docker compose up}.
 */
@DisplayName("docker-compose.yml")
class DockerComposeFileTest {

	static final List<String> APPLICATIONS = List.of("auth-server", "timesheets-api", "timesheets-batch-client");

	static Path root;

	static Map<String, Object> compose;

	static Map<String, ApplicationConfiguration> applications = new LinkedHashMap<>();

	@BeforeAll
	static void readTheComposeFileAndTheApplications() throws IOException {
		root = repositoryRoot();
		try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
			compose = new Yaml().load(reader);
		}
		for (String application : APPLICATIONS) {
			applications.put(application, ApplicationConfiguration.read(root.resolve(application)));
		}
	}

	@Test
	@DisplayName("has a service per application, and PostgreSQL only under the postgres profile")
	void servicesMatchTheModules() {
		assertThat(services().keySet()).containsExactlyInAnyOrder("auth-server", "timesheets-api",
				"timesheets-batch-client", "postgres", "postgres-databases");
		for (String application : APPLICATIONS) {
			assertThat(service(application)).as(application).doesNotContainKey("profiles");
		}
		assertThat(list(service("postgres").get("profiles"))).containsExactly("postgres");
		assertThat(list(service("postgres-databases").get("profiles"))).containsExactly("postgres");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("runs each application's Jib image, of the module's version")
	void imagesMatchTheModules(String application) {
		ApplicationConfiguration configuration = applications.get(application);
		String image = (String) service(application).get("image");
		assertThat(image).isEqualTo("exampleco/" + application + ":" + configuration.version());
		if (configuration.jibImage() != null) {
			assertThat(image).as("the image jib-maven-plugin builds").isEqualTo(configuration.jibImage());
		}
		if (configuration.jibWorkingDirectory() != null) {
			// The applications keep their H2 files (and the inbox) in ./data: that is what the volume must hold.
			assertThat(list(service(application).get("volumes")))
				.anyMatch((volume) -> volume.endsWith(":" + configuration.jibWorkingDirectory() + "/data"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("publishes each application's own port, on 127.0.0.1 only, and checks its health there")
	void portsMatchTheApplications(String application) {
		int port = containerPort(application);
		assertThat(port).as("the application's server.port")
			.isEqualTo(Integer.parseInt(applications.get(application).defaultValue("server.port")));
		assertThat(list(service(application).get("ports"))).containsExactly("127.0.0.1:" + port + ":" + port);
		Map<String, Object> healthcheck = map(service(application).get("healthcheck"));
		assertThat(String.join(" ", list(healthcheck.get("test")))).contains("/dev/tcp/127.0.0.1/" + port + " ")
			.contains("/actuator/health");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("sets only environment variables that the application reads")
	void environmentIsReadByTheApplication(String application) {
		ApplicationConfiguration configuration = applications.get(application);
		Set<String> unread = new TreeSet<>();
		for (String variable : environment(application).keySet()) {
			if (!configuration.reads(variable)) {
				unread.add(variable);
			}
		}
		assertThat(unread).as("variables " + application + " never reads").isEmpty();
	}

	@Test
	@DisplayName("gives the authorization server and the API the same issuer, the applications' default")
	void issuerIsTheSameEverywhere() {
		String issuer = environment("auth-server").get("AUTH_SERVER_ISSUER");
		assertThat(environment("timesheets-api").get("TIMESHEETS_SECURITY_ISSUER")).isEqualTo(issuer);
		assertThat(interpolationDefault(issuer)).isEqualTo(applications.get("auth-server").defaultValue("auth-server.issuer"))
			.isEqualTo("http://localhost:" + containerPort("auth-server") + "/");
	}

	@Test
	@DisplayName("points the API and the import job at the other services by service name and port")
	void servicesFindEachOther() {
		URI jwks = URI.create(environment("timesheets-api").get("TIMESHEETS_SECURITY_JWKSETURI"));
		assertThat(jwks.getHost()).isEqualTo("auth-server");
		assertThat(jwks.getPort()).isEqualTo(containerPort("auth-server"));
		assertThat(jwks.getPath()).isEqualTo("/.well-known/jwks.json");

		Map<String, String> batch = environment("timesheets-batch-client");
		assertThat(batch.get("AUTH_SERVER_URL")).isEqualTo("http://auth-server:" + containerPort("auth-server"));
		assertThat(batch.get("TIMESHEETS_API_URL")).isEqualTo("http://timesheets-api:" + containerPort("timesheets-api"));
	}

	@Test
	@DisplayName("uses the audience that the authorization server seeds, in the API and in the import job")
	void audienceIsTheSeededApi() {
		String seeded = applications.get("auth-server").defaultValue("auth-server.seed.apis[0].identifier");
		assertThat(environment("timesheets-api").get("TIMESHEETS_SECURITY_AUDIENCE")).isEqualTo(seeded);
		assertThat(environment("timesheets-batch-client").get("TIMESHEETS_API_AUDIENCE")).isEqualTo(seeded);
		assertThat(applications.get("timesheets-batch-client").defaultValue("batch.token.audience")).isEqualTo(seeded);
	}

	@Test
	@DisplayName("starts each application after what it calls is healthy")
	void dependenciesWaitForHealth() {
		assertThat(map(service("timesheets-api").get("depends_on"))).containsKey("auth-server");
		assertThat(map(service("timesheets-batch-client").get("depends_on"))).containsKeys("auth-server",
				"timesheets-api");
		for (String name : services().keySet()) {
			Object dependsOn = service(name).get("depends_on");
			if (dependsOn == null) {
				continue;
			}
			map(dependsOn).forEach((dependency, condition) -> {
				assertThat(services()).as(name + " depends on a service").containsKey(dependency);
				assertThat(map(condition).get("condition")).as(name + " -> " + dependency)
					.isIn("service_healthy", "service_completed_successfully");
			});
			if (!name.startsWith("postgres")) {
				assertThat(service(name)).as(name + " has a healthcheck").containsKey("healthcheck");
			}
		}
		assertThat(service("postgres")).containsKey("healthcheck");
	}

	@Test
	@DisplayName("docs/compose-postgres.env sets only variables the compose file uses")
	void postgresEnvironmentFileMatches() throws IOException {
		String composeText = Files.readString(root.resolve("docker-compose.yml"));
		Set<String> used = new TreeSet<>();
		Matcher interpolation = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(composeText);
		while (interpolation.find()) {
			used.add(interpolation.group(1));
		}
		for (String name : APPLICATIONS) {
			environment(name).forEach((variable, value) -> {
				if (value == null) {
					used.add(variable);
				}
			});
		}
		try (Stream<String> lines = Files.lines(root.resolve("docs/compose-postgres.env"))) {
			List<String> variables = lines.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((line) -> line.substring(0, line.indexOf('=')))
				.toList();
			assertThat(variables).isNotEmpty();
			assertThat(used).containsAll(variables);
		}
	}

	static int containerPort(String application) {
		String mapping = list(service(application).get("ports")).get(0);
		return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
	}

	/** The value after {@code :-} of a {@code ${VARIABLE:-default}} compose interpolation. */
	static String interpolationDefault(String value) {
		Matcher matcher = Pattern.compile("^\\$\\{[A-Z0-9_]+:-(.*)}$").matcher(value);
		return matcher.matches() ? matcher.group(1) : value;
	}

	static Map<String, Object> services() {
		return map(compose.get("services"));
	}

	static Map<String, Object> service(String name) {
		return map(services().get(name));
	}

	/** A service's environment; a variable without a value (passed through from the shell) maps to null. */
	static Map<String, String> environment(String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		map(service(name).get("environment"))
			.forEach((key, value) -> environment.put(key, (value != null) ? value.toString() : null));
		return environment;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	static List<String> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return ((List<Object>) node).stream().map(String::valueOf).toList();
	}

	static Path repositoryRoot() {
		String configured = System.getProperty("e2e.repository.root");
		Path root = (configured != null) ? Path.of(configured) : Path.of("..");
		root = root.toAbsolutePath().normalize();
		assertThat(root.resolve("docker-compose.yml")).as("the repository root").exists();
		return root;
	}

}
