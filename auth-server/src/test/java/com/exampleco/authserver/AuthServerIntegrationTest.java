package com.exampleco.authserver;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The server of {@code application-test.yml} on a random port, shared by every test class
 * that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class AuthServerIntegrationTest {

	static final String ISSUER = "https://auth.test.example/";

	@LocalServerPort
	int port;

	TokenEndpointClient server;

	@BeforeEach
	void connect() {
		server = new TokenEndpointClient(port);
	}

	String jwksUrl() {
		return "http://127.0.0.1:" + port + "/.well-known/jwks.json";
	}

}
