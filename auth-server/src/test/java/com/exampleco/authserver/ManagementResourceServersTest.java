package com.exampleco.authserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v2/resource-servers}: an API created, changed and deleted through the
 * management API decides the next token.
 */
class ManagementResourceServersTest extends AuthServerIntegrationTest {

	ManagementApiClient api;

	@BeforeEach
	void managementToken() {
		api = new ManagementApiClient(port).withAllScopes();
	}

	@Test
	void anApiCreatedChangedAndDeletedDecidesTheNextToken() {
		var created = api.post("/api/v2/resource-servers", """
				{"name":"Invoices API","identifier":"https://api.exampleco.com/invoices","signing_alg":"RS256",
				 "token_lifetime":600,"scopes":[{"value":"read:invoices","description":"Read invoices"}]}""");
		assertThat(created.status()).isEqualTo(201);
		String id = (String) created.json().get("id");
		assertThat(id).startsWith("rs_");
		assertThat(created.json()).containsEntry("is_system", false)
			.containsEntry("token_lifetime", 600)
			.containsEntry("scopes", List.of(Map.of("value", "read:invoices", "description", "Read invoices")));

		var client = api.post("/api/v2/clients", "{\"name\":\"Invoice reader\"}").json();
		String clientId = (String) client.get("client_id");
		String secret = (String) client.get("client_secret");
		assertThat(api
			.post("/api/v2/client-grants",
					"""
							{"client_id":"%s","audience":"https://api.exampleco.com/invoices","scope":["read:invoices"]}"""
						.formatted(clientId))
			.status()).isEqualTo(201);
		assertThat(token(clientId, secret).json()).containsEntry("expires_in", 600);

		assertThat(api.patch("/api/v2/resource-servers/" + id, "{\"token_lifetime\":300}").status()).isEqualTo(200);
		assertThat(token(clientId, secret).json()).containsEntry("expires_in", 300);

		assertThat(api.post("/api/v2/resource-servers", "{\"identifier\":\"https://api.exampleco.com/invoices\"}")
			.status()).isEqualTo(409);
		assertThat(api.delete("/api/v2/resource-servers/" + id).status()).isEqualTo(204);
		assertThat(token(clientId, secret).error()).isEqualTo("access_denied");
		assertThat(api.get("/api/v2/resource-servers/" + id).status()).isEqualTo(404);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theManagementApiIsListedAsTheSystemApiAndCannotBeChanged() {
		var page = api.get("/api/v2/resource-servers?include_totals=true");

		assertThat(page.status()).isEqualTo(200);
		List<Map<String, Object>> apis = (List<Map<String, Object>>) page.json().get("resource_servers");
		Map<String, Object> management = apis.stream()
			.filter(a -> TestClients.MANAGEMENT_API.equals(a.get("identifier")))
			.findFirst()
			.orElseThrow();
		assertThat(management).containsEntry("is_system", true).containsEntry("name", "Auth0 Management API");

		var changed = api.patch("/api/v2/resource-servers/" + management.get("id"), "{\"token_lifetime\":60}");
		assertThat(changed.status()).isEqualTo(403);
		assertThat(changed.json()).containsEntry("statusCode", 403);
		assertThat(
				api.post("/api/v2/resource-servers", "{\"identifier\":\"urn:x\",\"signing_alg\":\"HS256\"}").status())
			.isEqualTo(400);
		assertThat(api.post("/api/v2/resource-servers", "{\"identifier\":\"urn:x\",\"token_lifetime\":0}").status())
			.isEqualTo(400);
	}

	private TokenEndpointClient.Answer token(String clientId, String secret) {
		return server.token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
				"audience", "https://api.exampleco.com/invoices");
	}

}
