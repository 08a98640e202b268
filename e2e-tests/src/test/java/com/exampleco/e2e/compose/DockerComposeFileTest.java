package com.exampleco.e2e.compose;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files and the Dockerfile against the applications they run: they must
 * parse, name each module as a service with that module's image, build stage and port,
 * set only environment variables the applications read, wire them to each other the way
 * the process harness does (same issuer everywhere, keys and tokens from the
 * authorization server's service, the API's identifier as audience), run them as a team
 * would ship them (non-root, read-only root, a memory limit that fits the JVM flags, a
 * healthcheck that needs only the JRE), and stay within what Compose v1 (Debian's
 * docker-compose 1.29) accepts as well as v2. No Docker needed: a wrong variable name is
 * caught here, not at a user's first {@code docker compose up}.
 * {@link DockerComposeScenarioIT} runs them.
 */
@DisplayName("docker-compose.yml, docker-compose.postgres.yml and the Dockerfile")
class DockerComposeFileTest {

	static final List<String> APPLICATIONS = List.of("auth-server", "timesheets-api", "timesheets-batch-client");

	/**
	 * Room for what a JVM uses besides its heap (metaspace, code cache, stacks, the
	 * healthcheck's JVM).
	 */
	static final long NON_HEAP_MIB = 192;

	static Path root;

	static Map<String, Object> compose;

	static Map<String, Object> postgres;

	static String dockerfile;

	static Map<String, ApplicationConfiguration> applications = new LinkedHashMap<>();

	@BeforeAll
	static void readTheComposeFilesAndTheApplications() throws IOException {
		root = repositoryRoot();
		compose = yaml(root.resolve("docker-compose.yml"));
		postgres = yaml(root.resolve("docker-compose.postgres.yml"));
		dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);
		for (String application : APPLICATIONS) {
			applications.put(application, ApplicationConfiguration.read(root.resolve(application)));
		}
	}

	@Test
	@DisplayName("has a service per application plus the welcome; the override adds PostgreSQL")
	void servicesMatchTheModules() {
		assertThat(services().keySet()).containsExactlyInAnyOrder("auth-server", "timesheets-api",
				"timesheets-batch-client", "welcome");
		assertThat(map(postgres.get("services")).keySet()).containsExactlyInAnyOrder("postgres", "auth-server",
				"timesheets-api", "timesheets-batch-client");
	}

	@Test
	@DisplayName("is accepted by Compose v1 as well as v2: no top-level name, no profiles, no depends_on.required")
	void composeV1AcceptsTheFiles() {
		for (Map<String, Object> file : List.of(compose, postgres)) {
			assertThat(file.keySet()).containsOnly("services", "volumes");
			map(file.get("services")).forEach((name, service) -> {
				assertThat(map(service)).as(name).doesNotContainKeys("profiles", "pull_policy");
				Object dependsOn = map(service).get("depends_on");
				if (dependsOn != null) {
					map(dependsOn)
						.forEach((dependency, condition) -> assertThat(map(condition)).as(name + " -> " + dependency)
							.containsOnlyKeys("condition"));
				}
				Object build = map(service).get("build");
				if (build != null) {
					assertThat(map(build)).as(name + " build").containsOnlyKeys("context", "target", "args");
				}
			});
		}
		assertThat(readLines(root.resolve(".env"))).contains("COMPOSE_PROJECT_NAME=client-credentials");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("builds each application's image from its Dockerfile stage, under the Jib image's name")
	void imagesMatchTheModules(String application) {
		ApplicationConfiguration configuration = applications.get(application);
		Map<String, Object> build = map(service(application).get("build"));
		String target = build.get("target").toString();
		// The import job's demo stage is its image plus the sample inbox.
		String stage = application.equals("timesheets-batch-client") ? application + "-demo" : application;
		assertThat(target).isEqualTo(stage);
		assertThat(dockerfile).contains(" AS " + stage + "\n");
		assertThat(build.get("context")).isEqualTo(".");
		String image = (String) service(application).get("image");
		assertThat(image).isEqualTo("exampleco/" + stage + ":" + configuration.version());
		if (stage.equals(application) && configuration.jibImage() != null) {
			assertThat(image).as("the image jib-maven-plugin builds").isEqualTo(configuration.jibImage());
		}
		// The applications keep their H2 files (and the inbox) in ./data: that is what
		// the volume must hold.
		assertThat(list(service(application).get("volumes"))).anyMatch((volume) -> volume.endsWith(":/workspace/data"));
		assertThat(dockerfile).contains("WORKDIR /workspace\n");
		if (configuration.jibWorkingDirectory() != null) {
			assertThat(configuration.jibWorkingDirectory()).isEqualTo("/workspace");
		}
	}

	@Test
	@DisplayName("passes the Dockerfile's own public base images by default, and Jib starts from the same JRE")
	void baseImagesAreTheDockerfileDefaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		Matcher arg = Pattern.compile("(?m)^ARG (BUILD_IMAGE|RUNTIME_IMAGE)=(\\S+)$").matcher(dockerfile);
		while (arg.find()) {
			defaults.put(arg.group(1), arg.group(2));
		}
		assertThat(defaults).containsOnlyKeys("BUILD_IMAGE", "RUNTIME_IMAGE");
		services().forEach((name, service) -> {
			Object build = map(service).get("build");
			if (build != null) {
				Map<String, Object> args = map(map(build).get("args"));
				defaults.forEach((variable, value) -> assertThat(args.get(variable)).as(name + " " + variable)
					.isEqualTo("${" + variable + ":-" + value + "}"));
			}
		});
		for (String application : APPLICATIONS) {
			assertThat(ApplicationConfiguration.pomProperty(root.resolve(application), "jib.from.image"))
				.as(application + " jib.from.image")
				.isEqualTo(defaults.get("RUNTIME_IMAGE"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("runs each application as a non-root user, on a read-only root, without added privileges")
	void containersAreHardened(String application) {
		Map<String, Object> service = service(application);
		assertThat(service.get("read_only")).isEqualTo(true);
		// The only writable place besides the data volume; exec for native libraries
		// (ACCP) that load from there.
		assertThat(list(service.get("tmpfs"))).containsExactly("/tmp:exec,size=64m");
		assertThat(service).doesNotContainKeys("user", "privileged", "cap_add");
		assertThat(dockerfile).contains("USER 10001:10001\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("starts each application with the JVM flags of its Jib image")
	void theDockerfileStartsEachApplicationWithJibsJvmFlags(String application) {
		assertThat(jvmFlags(application)).as("the Dockerfile's and Jib's JVM flags")
			.isEqualTo(applications.get(application).jibJvmFlags());
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("limits each container's memory to what its JVM flags make the heap, plus the JVM's own")
	void memoryLimitsMatchTheJvmFlags(String application) {
		long limit = mebibytes(service(application).get("mem_limit").toString());
		long heap = -1;
		for (String flag : jvmFlags(application)) {
			if (flag.startsWith("-Xmx")) {
				heap = mebibytes(flag.substring(4));
			}
			else if (flag.startsWith("-XX:MaxRAMPercentage=")) {
				double percentage = Double.parseDouble(flag.substring(flag.indexOf('=') + 1));
				assertThat(percentage).as("a percentage that leaves room for the rest of the JVM")
					.isLessThanOrEqualTo(75);
				heap = (long) (limit * percentage / 100);
			}
		}
		assertThat(heap).as(application + ": -Xmx or -XX:MaxRAMPercentage, or the heap ignores the limit").isPositive();
		assertThat(limit).as(application + " mem_limit").isGreaterThanOrEqualTo(heap + NON_HEAP_MIB);
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("publishes each application's own port, on 127.0.0.1 only, and checks its health there with the JRE")
	void portsMatchTheApplications(String application) {
		int port = containerPort(application);
		assertThat(port).as("the application's server.port")
			.isEqualTo(Integer.parseInt(applications.get(application).defaultValue("server.port")));
		assertThat(list(service(application).get("ports"))).containsExactly("127.0.0.1:" + port + ":" + port);
		assertThat(dockerfile).contains("EXPOSE " + port + "\n");
		List<String> test = list(map(service(application).get("healthcheck")).get("test"));
		assertThat(test.get(0)).isEqualTo("CMD");
		assertThat(test.get(1)).as("only the JRE, which every runtime image has").isEqualTo("java");
		assertThat(test).contains("HealthCheck", String.valueOf(port), "/actuator/health")
			.doesNotContain("bash", "sh", "curl", "wget");
		assertThat(test.get(test.indexOf("-cp") + 1)).isEqualTo("/opt/exampleco");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("sets only environment variables that the application reads, in both files")
	void environmentIsReadByTheApplication(String application) {
		ApplicationConfiguration configuration = applications.get(application);
		Set<String> unread = new TreeSet<>();
		Map<String, String> all = new LinkedHashMap<>(environment(application));
		all.putAll(environment(postgres, application));
		for (String variable : all.keySet()) {
			if (!configuration.reads(variable)) {
				unread.add(variable);
			}
		}
		assertThat(unread).as("variables " + application + " never reads").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-server", "timesheets-api", "timesheets-batch-client" })
	@DisplayName("runs the demo profile: the default one in the base file, postgres,demo in the override")
	void demoProfileOnly(String application) {
		assertThat(environment(application)).doesNotContainKey("SPRING_PROFILES_ACTIVE");
		assertThat(environment(postgres, application)).containsEntry("SPRING_PROFILES_ACTIVE", "postgres,demo");
		assertThat(map(map(map(postgres.get("services")).get(application)).get("depends_on"))).containsKey("postgres");
	}

	@Test
	@DisplayName("adds no secret, profile or trust store to the images (the jars' DEMO defaults need the demo profile)")
	void theDockerfileAddsNoSecretProfileOrTrustStore() {
		assertThat(dockerfile).doesNotContain("SECRET", "PEPPER", "ENCRYPTION_KEY", "SPRING_PROFILES")
			.doesNotContainPattern("demo-[A-Za-z0-9_-]{20,}")
			.doesNotContainPattern("(?m)^ENV ");
		// The trust store of a TLS-intercepting proxy is a build secret, mounted for one
		// RUN, never copied in.
		assertThat(dockerfile).contains("--mount=type=secret,id=cacerts").doesNotContainPattern("(?m)^COPY .*cacerts");
	}

	@Test
	@DisplayName("gives the authorization server and the API the same issuer, the applications' default")
	void issuerIsTheSameEverywhere() {
		String issuer = environment("auth-server").get("AUTH_SERVER_ISSUER");
		assertThat(environment("timesheets-api").get("TIMESHEETS_SECURITY_ISSUER")).isEqualTo(issuer);
		assertThat(interpolationDefault(issuer))
			.isEqualTo(applications.get("auth-server").defaultValue("auth-server.issuer"))
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
		assertThat(batch.get("TIMESHEETS_API_URL"))
			.isEqualTo("http://timesheets-api:" + containerPort("timesheets-api"));
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
	@DisplayName("starts each application after what it calls is healthy, and the welcome after all three")
	void dependenciesWaitForHealth() {
		assertThat(map(service("timesheets-api").get("depends_on"))).containsKey("auth-server");
		assertThat(map(service("timesheets-batch-client").get("depends_on"))).containsKeys("auth-server",
				"timesheets-api");
		assertThat(map(service("welcome").get("depends_on"))).containsOnlyKeys(APPLICATIONS);
		for (Map<String, Object> file : List.of(compose, postgres)) {
			Map<String, Object> services = map(file.get("services"));
			services.forEach((name, service) -> {
				Object dependsOn = map(service).get("depends_on");
				if (dependsOn == null) {
					return;
				}
				map(dependsOn).forEach((dependency, condition) -> {
					assertThat(services().containsKey(dependency) || services.containsKey(dependency))
						.as(name + " depends on a service")
						.isTrue();
					assertThat(map(condition).get("condition")).as(name + " -> " + dependency)
						.isEqualTo("service_healthy");
				});
			});
		}
		for (String application : APPLICATIONS) {
			assertThat(service(application)).as(application + " has a healthcheck").containsKey("healthcheck");
		}
		assertThat(map(map(postgres.get("services")).get("postgres"))).containsKey("healthcheck");
	}

	@Test
	@DisplayName("builds each image name from one Dockerfile stage")
	void oneStagePerImage() {
		assertThat(imagesToBuild(compose)).containsOnlyKeys("exampleco/auth-server:0.1.0-SNAPSHOT",
				"exampleco/timesheets-api:0.1.0-SNAPSHOT", "exampleco/timesheets-batch-client-demo:0.1.0-SNAPSHOT");
	}

	@Test
	@DisplayName("creates the databases that the PostgreSQL override points the applications at")
	void postgresDatabasesExist() throws IOException {
		String script = Files.readString(root.resolve("docker/postgres/create-databases.sql"));
		Map<String, String> urls = Map.of("auth-server", "AUTH_SERVER_DB_URL", "timesheets-api",
				"SPRING_DATASOURCE_URL", "timesheets-batch-client", "BATCH_DATABASE_URL");
		urls.forEach((application, variable) -> {
			URI url = URI.create(environment(postgres, application).get(variable).substring("jdbc:".length()));
			assertThat(url.getHost()).isEqualTo("postgres");
			assertThat(url.getPort()).isEqualTo(5432);
			assertThat(script).contains("CREATE DATABASE " + url.getPath().substring(1) + ";");
		});
		Map<String, Object> server = map(map(postgres.get("services")).get("postgres"));
		assertThat(list(server.get("volumes")))
			.contains("./docker/postgres/create-databases.sql:/docker-entrypoint-initdb.d/create-databases.sql:ro");
	}

	/**
	 * The images the compose file builds, each with its Dockerfile stage, in the order of
	 * the services.
	 */
	static Map<String, String> imagesToBuild(Map<String, Object> composeFile) {
		Map<String, String> images = new LinkedHashMap<>();
		map(composeFile.get("services")).values()
			.stream()
			.map(DockerComposeFileTest::map)
			.filter((s) -> s.get("build") != null)
			.forEach((service) -> {
				String target = map(service.get("build")).get("target").toString();
				String previous = images.putIfAbsent(service.get("image").toString(), target);
				assertThat(previous).as("one stage per image name").isIn(null, target);
			});
		return images;
	}

	/** The JVM flags of the Dockerfile stage that builds this application's image. */
	static List<String> jvmFlags(String application) {
		Matcher stage = Pattern
			.compile("(?s)FROM runtime AS " + Pattern.quote(application) + "\n.*?ENTRYPOINT \\[(.*?)\\]")
			.matcher(dockerfile);
		assertThat(stage.find()).as("the Dockerfile's " + application + " stage").isTrue();
		List<String> flags = new ArrayList<>();
		for (String part : stage.group(1).split(",")) {
			flags.add(part.strip().replace("\"", ""));
		}
		assertThat(flags.get(0)).isEqualTo("java");
		assertThat(flags.subList(flags.size() - 2, flags.size())).containsExactly("-jar", "/opt/exampleco/app.jar");
		return flags.subList(1, flags.size() - 2);
	}

	static long mebibytes(String size) {
		Matcher matcher = Pattern.compile("(?i)^(\\d+)([mg])$").matcher(size.strip());
		assertThat(matcher.matches()).as(size + " in m or g").isTrue();
		long value = Long.parseLong(matcher.group(1));
		return matcher.group(2).equalsIgnoreCase("g") ? value * 1024 : value;
	}

	static int containerPort(String application) {
		String mapping = list(service(application).get("ports")).get(0);
		return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
	}

	/**
	 * The value after {@code :-} of a {@code ${VARIABLE:-default}} compose interpolation.
	 */
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

	static Map<String, String> environment(String name) {
		return environment(compose, name);
	}

	/**
	 * A service's environment in one file; a variable without a value (passed through)
	 * maps to null.
	 */
	static Map<String, String> environment(Map<String, Object> file, String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		Object service = map(file.get("services")).get(name);
		Object variables = (service != null) ? map(service).get("environment") : null;
		if (variables != null) {
			map(variables).forEach((key, value) -> environment.put(key, (value != null) ? value.toString() : null));
		}
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

	static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new Yaml().load(reader);
		}
	}

	static List<String> readLines(Path file) {
		try {
			return Files.readAllLines(file).stream().map(String::strip).toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static Path repositoryRoot() {
		String configured = System.getProperty("e2e.repository.root");
		Path root = (configured != null) ? Path.of(configured) : Path.of("..");
		root = root.toAbsolutePath().normalize();
		assertThat(root.resolve("docker-compose.yml")).as("the repository root").exists();
		return root;
	}

}
