package com.exampleco.authserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call {@code /api/v2}: a client credentials token of this server for the
 * audience {@code <issuer>api/v2/}, with the Auth0 scope the endpoint requires; every
 * refusal in Auth0's management error shape.
 */
class ManagementApiSecurityTest extends AuthServerIntegrationTest {

	@Test
	void theSeededManagementClientGetsATokenWithEveryManagementScope() {
		var answer = server.token("grant_type", "client_credentials", "client_id", MANAGEMENT.clientId(),
				"client_secret", MANAGEMENT.secret(), "audience", TestClients.MANAGEMENT_API);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("scope").toString().split(" ")).contains("read:clients", "create:clients",
				"update:clients", "delete:clients", "read:client_grants", "create:client_grants", "read:logs",
				"read:signing_keys", "create:signing_keys", "update:signing_keys");
	}

	@Test
	void withoutATokenTheAnswerIs401InAuth0ShapeWithABearerChallenge() {
		var answer = api().get("/api/v2/clients");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json()).containsEntry("statusCode", 401)
			.containsEntry("error", "Unauthorized")
			.containsEntry("message", "Missing authentication");
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void aTokenForAnotherApiIsAnInvalidToken() {
		String timesheetsToken = server
			.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(), "client_secret",
					IMPORT_JOB.secret(), "audience", TIMESHEETS)
			.accessToken();

		var answer = api().withToken(timesheetsToken).get("/api/v2/clients");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json()).containsEntry("statusCode", 401)
			.containsEntry("message", "Invalid token")
			.containsEntry("errorCode", "invalid_token");
		assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	@Test
	void aTokenWithAForgedSignatureIsAnInvalidToken() {
		String token = ManagementApiClient.token(server, MANAGEMENT, null);
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA"
				+ token.substring(token.lastIndexOf('.') + 5);

		var answer = api().withToken(forged).get("/api/v2/clients");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.body()).doesNotContain(token);
	}

	@Test
	void aTokenWithoutTheEndpointsScopeIs403NamingTheScope() {
		String readClientsOnly = ManagementApiClient.token(server, MANAGEMENT, "read:clients");

		var answer = api().withToken(readClientsOnly).get("/api/v2/logs");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.json()).containsEntry("statusCode", 403)
			.containsEntry("error", "Forbidden")
			.containsEntry("message", "Insufficient scope, expected any of: read:logs")
			.containsEntry("errorCode", "insufficient_scope");
		assertThat(answer.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v2/clients", "/api/v2/clients/timesheets-reader", "/api/v2/client-grants",
			"/api/v2/keys/signing", "/api/v2/organizations", "/api/v2/logs/stream" })
	void aHeadRequestNeedsTheReadScopeOfItsGet(String path) {
		// Spring MVC answers HEAD with the GET handler: without the scope, Content-Length
		// and the status would tell
		// whether a client or grant exists.
		String readLogsOnly = ManagementApiClient.token(server, MANAGEMENT, "read:logs");
		String readClientsOnly = ManagementApiClient.token(server, MANAGEMENT, "read:clients");
		String token = path.startsWith("/api/v2/logs") ? readClientsOnly : readLogsOnly;

		var answer = api().withToken(token).call("HEAD", path, null);

		assertThat(answer.status()).isEqualTo(403);
	}

	@Test
	void rotatingTheSigningKeyNeedsBothOfAuth0sScopes() {
		String createOnly = ManagementApiClient.token(server, MANAGEMENT, "create:signing_keys");

		var answer = api().withToken(createOnly).post("/api/v2/keys/signing/rotate", null);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.json()).containsEntry("message",
				"Insufficient scope, expected all of: create:signing_keys,update:signing_keys");
	}

	@Test
	void aPathNoEndpointServesIsAnAuth0NotFound() {
		var answer = api().withAllScopes().get("/api/v2/no-such-resource");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json()).containsEntry("statusCode", 404).containsEntry("error", "Not Found");
	}

	private ManagementApiClient api() {
		return new ManagementApiClient(port);
	}

}
