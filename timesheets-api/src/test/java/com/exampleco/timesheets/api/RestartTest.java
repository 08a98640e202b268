package com.exampleco.timesheets.api;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given the embedded default database (an H2 file), when the API restarts, then the
 * entries are still there and a retry of an upload sent before the restart creates
 * nothing.
 */
class RestartTest {

	@TempDir
	Path data;

	@Test
	void entriesAndIdempotencyKeysSurviveARestart() {
		try (TestAuthorizationServer authorizationServer = TestAuthorizationServer.start()) {
			String token = authorizationServer.tokens().scope("batch:upload read:timesheets").rs256();
			Object batch = java.util.List.of(Map.of("idempotency_key", "restart-1", "employee_id", "E-R", "date",
					"2026-11-02", "project", "apollo", "hours", 3));

			String id;
			try (ConfigurableApplicationContext api = start(authorizationServer)) {
				ApiClient.Response first = client(api).post("/timesheets/upload").bearer(token).json(batch).send();
				assertThat(first.json().get(0).get("status").asString()).isEqualTo("created");
				id = first.json().get(0).get("id").asString();
			}
			try (ConfigurableApplicationContext api = start(authorizationServer)) {
				ApiClient.Response retry = client(api).post("/timesheets/upload").bearer(token).json(batch).send();
				assertThat(retry.json().get(0).get("status").asString()).isEqualTo("duplicate");
				assertThat(retry.json().get(0).get("id").asString()).isEqualTo(id);
				assertThat(client(api).get("/timesheets/" + id).bearer(token).send().status()).isEqualTo(200);
			}
		}
	}

	private ConfigurableApplicationContext start(TestAuthorizationServer authorizationServer) {
		return new SpringApplicationBuilder(TimesheetsApiApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + this.data.resolve("timesheets-api") + ";AUTO_SERVER=FALSE",
				"--timesheets.security.jwk-set-uri=" + authorizationServer.jwkSetUri(),
				"--spring.main.banner-mode=off");
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
