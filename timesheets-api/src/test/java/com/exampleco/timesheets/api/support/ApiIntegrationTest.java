package com.exampleco.timesheets.api.support;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The started application on a random port, its in-memory database, and a key endpoint on
 * another port. Every subclass shares this one Spring context and one key server, so the
 * suite starts the application once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:timesheets-api;DB_CLOSE_DELAY=-1",
				"timesheets.api.upload.max-entries=50", "timesheets.api.upload.max-bytes=64KB",
				"timesheets.api.page.max-size=100" })
public abstract class ApiIntegrationTest {

	protected static final TestAuthorizationServer AUTHORIZATION_SERVER = TestAuthorizationServer.start();

	@LocalServerPort
	protected int port;

	protected ApiClient api;

	@DynamicPropertySource
	static void authorizationServer(DynamicPropertyRegistry registry) {
		registry.add("timesheets.security.jwk-set-uri", AUTHORIZATION_SERVER::jwkSetUri);
	}

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port);
	}

	/** A token of the default client with the given scopes. */
	protected static String token(String scope) {
		return AUTHORIZATION_SERVER.tokens().scope(scope).rs256();
	}

	protected static AccessTokens tokens() {
		return AUTHORIZATION_SERVER.tokens();
	}

	protected static Map<String, Object> entry(String employeeId, String date, String project, Object hours) {
		return Map.of("employee_id", employeeId, "date", date, "project", project, "hours", hours);
	}

}
