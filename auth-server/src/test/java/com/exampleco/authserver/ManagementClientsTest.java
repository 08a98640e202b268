package com.exampleco.authserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v2/clients} and {@code /api/v2/client-grants} over real HTTP, as a team's
 * script uses them: every change decides the very next token request.
 */
class ManagementClientsTest extends AuthServerIntegrationTest {

	ManagementApiClient api;

	@BeforeEach
	void managementToken() {
		api = new ManagementApiClient(port).withAllScopes();
	}

	@Test
	void aCreatedClientWithAGrantGetsATokenAtOnceAndItsSecretIsShownOnlyOnce() {
		var created = api.post("/api/v2/clients", """
				{"name":"Nightly export","app_type":"non_interactive","grant_types":["client_credentials"],
				 "token_endpoint_auth_method":"client_secret_post","client_metadata":{"team":"payroll"}}""");

		assertThat(created.status()).isEqualTo(201);
		String clientId = (String) created.json().get("client_id");
		String secret = (String) created.json().get("client_secret");
		assertThat(clientId).matches("[A-Za-z0-9]{32}");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		assertThat(created.json()).containsEntry("client_metadata", Map.of("team", "payroll"))
			.containsEntry("token_endpoint_auth_method", "client_secret_post");
		assertThat(api.get("/api/v2/clients/" + clientId).json()).doesNotContainKey("client_secret")
			.containsEntry("name", "Nightly export");

		assertThat(token(clientId, secret).error()).isEqualTo("access_denied");
		var grant = api.post("/api/v2/client-grants", """
				{"client_id":"%s","audience":"%s","scope":["read:timesheets"]}""".formatted(clientId, TIMESHEETS));
		assertThat(grant.status()).isEqualTo(201);
		assertThat(grant.json()).containsEntry("scope", List.of("read:timesheets"))
			.containsEntry("organization_usage", "deny")
			.containsEntry("allow_any_organization", false);

		var token = token(clientId, secret);
		assertThat(token.status()).isEqualTo(200);
		assertThat(token.json()).containsEntry("scope", "read:timesheets");
	}

	@Test
	void rotatingASecretRefusesTheOldOneAtOnce() {
		var created = createClientWithGrant();
		String clientId = (String) created.get("client_id");
		String oldSecret = (String) created.get("client_secret");

		var rotated = api.post("/api/v2/clients/" + clientId + "/rotate-secret", null);

		assertThat(rotated.status()).isEqualTo(200);
		String newSecret = (String) rotated.json().get("client_secret");
		assertThat(newSecret).isNotEqualTo(oldSecret);
		assertThat(token(clientId, newSecret).status()).isEqualTo(200);
		assertThat(token(clientId, oldSecret).status()).isEqualTo(401);
	}

	@Test
	void aGrantNarrowedOrDeletedDecidesTheNextToken() {
		var created = createClientWithGrant();
		String clientId = (String) created.get("client_id");
		String secret = (String) created.get("client_secret");
		var grants = api.get("/api/v2/client-grants?client_id=" + clientId + "&audience=" + TIMESHEETS);
		assertThat(grants.body()).startsWith("[");
		String grantId = (String) ((Map<?, ?>) asList(grants.body()).get(0)).get("id");

		assertThat(api.patch("/api/v2/client-grants/" + grantId, "{\"scope\":[\"read:timesheets\"]}").status())
			.isEqualTo(200);
		assertThat(token(clientId, secret).json()).containsEntry("scope", "read:timesheets");

		assertThat(api.delete("/api/v2/client-grants/" + grantId).status()).isEqualTo(204);
		assertThat(token(clientId, secret).error()).isEqualTo("access_denied");
	}

	@Test
	void aSecondGrantForTheSameClientAndApiIsAConflict() {
		String clientId = (String) createClientWithGrant().get("client_id");

		var again = api.post("/api/v2/client-grants", """
				{"client_id":"%s","audience":"%s","scope":[]}""".formatted(clientId, TIMESHEETS));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json()).containsEntry("statusCode", 409).containsEntry("error", "Conflict");
	}

	@Test
	void metadataIsMergedAndAKeySetToNullIsRemoved() {
		String clientId = (String) createClientWithGrant().get("client_id");

		api.patch("/api/v2/clients/" + clientId, "{\"client_metadata\":{\"team\":\"billing\",\"tier\":\"gold\"}}");
		var updated = api.patch("/api/v2/clients/" + clientId, "{\"client_metadata\":{\"tier\":null}}");

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json()).containsEntry("client_metadata", Map.of("team", "billing"));
	}

	@Test
	void aClientWithoutTheClientCredentialsGrantTypeIsRefusedItsNextToken() {
		var created = createClientWithGrant();
		String clientId = (String) created.get("client_id");

		api.patch("/api/v2/clients/" + clientId,
				"{\"grant_types\":[\"urn:ietf:params:oauth:grant-type:device_code\"]}");

		assertThat(token(clientId, (String) created.get("client_secret")).error()).isEqualTo("unauthorized_client");
	}

	@Test
	void aDeletedClientIsGoneAndGetsNoToken() {
		var created = createClientWithGrant();
		String clientId = (String) created.get("client_id");

		assertThat(api.delete("/api/v2/clients/" + clientId).status()).isEqualTo(204);

		var read = api.get("/api/v2/clients/" + clientId);
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.json()).containsEntry("errorCode", "inexistent_client");
		assertThat(token(clientId, (String) created.get("client_secret")).status()).isEqualTo(401);
	}

	@Test
	void withTotalsTheListIsWrappedAsAuth0DoesAndPagesAreBounded() {
		var page = api.get("/api/v2/clients?page=0&per_page=2&include_totals=true");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json()).containsKeys("start", "limit", "length", "total", "clients").containsEntry("limit", 2);
		assertThat((List<?>) page.json().get("clients")).hasSize(2);
		assertThat(api.get("/api/v2/client-grants?include_totals=true").json()).containsKey("client_grants");

		var tooMany = api.get("/api/v2/clients?per_page=101");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json()).containsEntry("errorCode", "invalid_query_string");
		assertThat(api.get("/api/v2/clients?colour=red").json().get("message"))
			.isEqualTo("Query validation error: 'Additional properties not allowed: colour'.");
		assertThat(api.get("/api/v2/clients?page=1&page=2").status()).isEqualTo(400);
		assertThat(api.get("/api/v2/clients?page=x").status()).isEqualTo(400);
	}

	@Test
	void bodiesAreBoundedAndStrict() {
		var unknown = api.post("/api/v2/clients", "{\"name\":\"x\",\"colour\":\"red\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json())
			.containsEntry("message", "Payload validation error: 'Additional properties not allowed: colour'.")
			.containsEntry("errorCode", "invalid_body");

		assertThat(api.post("/api/v2/clients", "{\"name\":\"a\",\"name\":\"b\"}").status()).isEqualTo(400);
		assertThat(api.post("/api/v2/clients", "{\"name\":\"" + "n".repeat(256) + "\"}").status()).isEqualTo(400);
		StringBuilder metadata = new StringBuilder();
		for (int i = 0; i < 11; i++) {
			metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
		}
		assertThat(api.post("/api/v2/clients", "{\"name\":\"x\",\"client_metadata\":{" + metadata + "}}").status())
			.isEqualTo(400);
		assertThat(
				api.post("/api/v2/clients", "{\"name\":\"x\",\"client_metadata\":{\"k\":\"" + "v".repeat(256) + "\"}}")
					.status())
			.isEqualTo(400);
		assertThat(api.post("/api/v2/clients", "{\"name\":\"x\",\"token_endpoint_auth_method\":\"none\"}").status())
			.isEqualTo(400);
		assertThat(api.post("/api/v2/clients", "{\"name\":\"x\",\"grant_types\":[\"implicit\"]}").status())
			.isEqualTo(400);
		var huge = api.post("/api/v2/clients", "{\"name\":\"x\",\"description\":\"" + "d".repeat(20_000) + "\"}");
		assertThat(huge.status()).isEqualTo(413);
		assertThat(huge.json()).containsEntry("statusCode", 413);
		var notJson = api.post("/api/v2/clients", "{\"name\":");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json()).containsEntry("statusCode", 400);
	}

	private Map<String, Object> createClientWithGrant() {
		var created = api.post("/api/v2/clients", "{\"name\":\"Script-made client\"}");
		assertThat(created.status()).isEqualTo(201);
		String clientId = (String) created.json().get("client_id");
		assertThat(api
			.post("/api/v2/client-grants",
					"""
							{"client_id":"%s","audience":"%s","scope":["read:timesheets","create:timesheets"]}"""
						.formatted(clientId, TIMESHEETS))
			.status()).isEqualTo(201);
		return created.json();
	}

	@Test
	@SuppressWarnings("unchecked")
	void eachChangeIsInTheTenantLogAsSapiAndEachRefusedChangeAsFapiWithoutTheSecret() throws InterruptedException {
		var created = api.post("/api/v2/clients", "{\"name\":\"Logged change\"}");
		String secret = (String) created.json().get("client_secret");
		assertThat(api.post("/api/v2/clients", "{\"name\":\"x\",\"no_such_member\":1}").status()).isEqualTo(400);

		List<?> sapi = List.of();
		List<?> fapi = List.of();
		for (int attempt = 0; attempt < 50 && (sapi.isEmpty() || fapi.isEmpty()); attempt++) {
			Thread.sleep(100);
			sapi = asList(api.get("/api/v2/logs?q=type:sapi&per_page=100").body());
			fapi = asList(api.get("/api/v2/logs?q=type:fapi&per_page=100").body());
		}

		assertThat(sapi).anySatisfy(event -> assertThat((Map<Object, Object>) event)
			.containsEntry("client_id", TestClients.MANAGEMENT.clientId())
			.containsEntry("details", Map.of("request", Map.of("method", "POST", "path", "/api/v2/clients"), "response",
					Map.of("statusCode", 201))));
		assertThat(fapi).anySatisfy(event -> assertThat((Map<?, ?>) event).extracting("details")
			.isEqualTo(Map.of("request", Map.of("method", "POST", "path", "/api/v2/clients"), "response",
					Map.of("statusCode", 400))));
		assertThat(sapi.toString()).doesNotContain(secret);
		assertThat(api.get("/api/v2/logs?q=type:sapi&per_page=100").body()).doesNotContain(secret);
	}

	private TokenEndpointClient.Answer token(String clientId, String secret) {
		return server.token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
				"audience", TIMESHEETS);
	}

	private static List<?> asList(String json) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, List.class);
	}

}
