package com.exampleco.authserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a library finds when it discovers this server from its issuer. */
class DiscoveryTest extends AuthServerIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	void metadataNamesTheTokenEndpointJwksGrantAndAuthenticationMethods(String path) {
		var answer = server.get(path);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json()).containsEntry("issuer", "https://auth.test.example/")
			.containsEntry("token_endpoint", "https://auth.test.example/oauth/token")
			.containsEntry("jwks_uri", "https://auth.test.example/.well-known/jwks.json")
			.containsEntry("grant_types_supported", List.of("client_credentials"))
			.containsEntry("token_endpoint_auth_methods_supported",
					List.of("client_secret_basic", "client_secret_post"))
			.doesNotContainKeys("authorization_endpoint", "introspection_endpoint", "revocation_endpoint");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/jwks.json", "/oauth2/jwks" })
	@SuppressWarnings("unchecked")
	void theJwksPublishesOnlyPublicRsaSigningKeys(String path) {
		var answer = server.get(path);

		assertThat(answer.status()).isEqualTo(200);
		List<Map<String, Object>> keys = (List<Map<String, Object>>) answer.json().get("keys");
		assertThat(keys).isNotEmpty()
			.allSatisfy(key -> assertThat(key).containsEntry("kty", "RSA")
				.containsEntry("use", "sig")
				.containsEntry("alg", "RS256")
				.containsKeys("kid", "n", "e")
				.doesNotContainKeys("d", "p", "q", "dp", "dq", "qi"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST /oauth/token?x=<a|b> HTTP/1.1", "GET /.well-known/jwks\u0001.json HTTP/1.1" })
	void aRequestTomcatRefusesItselfStillGetsJsonNotAnHtmlPage(String requestLine) throws Exception {
		try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			String response = new String(socket.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 400")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.doesNotContain("<html");
		}
	}

	@Test
	void healthIsPublic() {
		var answer = server.get("/actuator/health");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json()).containsEntry("status", "UP");
	}

}
