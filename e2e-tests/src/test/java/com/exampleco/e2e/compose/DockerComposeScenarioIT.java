package com.exampleco.e2e.compose;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Clients;
import com.exampleco.e2e.landscape.Landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scenario against {@code docker-compose.yml}, for CI machines with a Docker engine: the three images (built
 * first with {@code ./mvnw -pl auth-server,timesheets-api,timesheets-batch-client -DskipTests package jib:dockerBuild}),
 * wired as the compose file wires them, with the demo inbox copied into the import job's container. Where no Docker
 * engine answers, as on this project's own CI, it is skipped and says why.
 */
@DisplayName("docker-compose.yml, end to end")
@EnabledIf(value = "dockerIsAvailable",
		disabledReason = "no Docker engine answers here; on a machine with Docker, build the images with "
				+ "jib:dockerBuild and this class runs the scenario against docker-compose.yml")
class DockerComposeScenarioIT {

	static ComposeContainer compose;

	static final Http http = new Http();

	static boolean dockerIsAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@BeforeAll
	static void composeUp() {
		Path root = DockerComposeFileTest.repositoryRoot();
		compose = new ComposeContainer(new File(root.resolve("docker-compose.yml").toString()))
			.withEnv("BATCH_RUN_CRON", "*/2 * * * * *")
			.withPull(false)
			.withExposedService("auth-server", 9000, Wait.forHealthcheck())
			.withExposedService("timesheets-api", 8080, Wait.forHealthcheck())
			.withExposedService("timesheets-batch-client", 8081, Wait.forHealthcheck())
			.withStartupTimeout(Duration.ofMinutes(3));
		compose.start();
	}

	@AfterAll
	static void composeDown() {
		if (compose != null) {
			compose.stop();
		}
	}

	@Test
	@DisplayName("the import job delivers the demo inbox; reader, approver and refusals behave as with processes")
	void scenario() throws Exception {
		Path inbox = DockerComposeFileTest.repositoryRoot().resolve("demo/inbox");
		ContainerState batch = compose.getContainerByServiceName("timesheets-batch-client").orElseThrow();
		List<Path> files;
		try (Stream<Path> listed = Files.list(inbox)) {
			files = listed.filter(Files::isRegularFile).sorted().toList();
		}
		for (Path file : files) {
			batch.copyFileToContainer(MountableFile.forHostPath(file),
					"/workspace/data/inbox/" + file.getFileName());
		}

		Clients clients = Clients.demo();
		TokenEndpoint tokens = new TokenEndpoint(http, uri("auth-server", 9000, "/oauth/token"));
		String reader = tokens.accessToken(clients.reader(), Landscape.AUDIENCE);
		await("the import job to deliver the demo inbox").atMost(Duration.ofSeconds(90)).until(() -> {
			Response page = http.get(uri("timesheets-api", 8080, "/timesheets?size=1"), reader);
			return page.status() == 200 && page.json().path("total_elements").asInt() > 0;
		});

		String approver = tokens.accessToken(clients.approver(), Landscape.AUDIENCE);
		Response pending = http.get(uri("timesheets-api", 8080, "/approvals?size=1"), approver);
		String id = pending.json().path("items").get(0).path("id").asString();
		assertThat(http.put(uri("timesheets-api", 8080, "/approvals/" + id), approver).status()).isEqualTo(200);

		Response forbidden = http.put(uri("timesheets-api", 8080, "/approvals/" + id), reader);
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.header("WWW-Authenticate")).contains("insufficient_scope");

		Response denied = tokens.request(clients.noGrant(), Landscape.AUDIENCE);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json().path("error").asString()).isEqualTo("access_denied");
	}

	static URI uri(String service, int port, String path) {
		return URI.create("http://" + compose.getServiceHost(service, port) + ":" + compose.getServicePort(service, port)
				+ path);
	}

}
