package com.exampleco.authserver;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v2/organizations} and its client grants: an organization created and
 * associated with a grant through the management API is one the client's next token may
 * be issued for.
 */
class ManagementOrganizationsTest extends AuthServerIntegrationTest {

	ManagementApiClient api;

	@BeforeEach
	void managementToken() {
		api = new ManagementApiClient(port).withAllScopes();
	}

	@Test
	void anOrganizationAssociatedWithAGrantIsOneTheNextTokenMayBeFor() {
		var organization = api.post("/api/v2/organizations", "{\"name\":\"initech\",\"display_name\":\"Initech\"}");
		assertThat(organization.status()).isEqualTo(201);
		String orgId = (String) organization.json().get("id");
		assertThat(orgId).startsWith("org_");

		var client = api.post("/api/v2/clients", "{\"name\":\"Initech importer\"}").json();
		String clientId = (String) client.get("client_id");
		String secret = (String) client.get("client_secret");
		String grantId = (String) api
			.post("/api/v2/client-grants",
					"""
							{"client_id":"%s","audience":"%s","scope":["read:timesheets"],"organization_usage":"allow"}"""
						.formatted(clientId, TIMESHEETS))
			.json()
			.get("id");
		assertThat(token(clientId, secret).error()).isEqualTo("access_denied");

		var associated = api.post("/api/v2/organizations/" + orgId + "/client-grants",
				"{\"grant_id\":\"" + grantId + "\"}");

		assertThat(associated.status()).isEqualTo(201);
		var token = token(clientId, secret);
		assertThat(token.status()).isEqualTo(200);
		var listed = api.get("/api/v2/organizations/" + orgId + "/client-grants?include_totals=true");
		assertThat((List<?>) listed.json().get("client_grants")).hasSize(1);

		assertThat(api.delete("/api/v2/organizations/" + orgId + "/client-grants/" + grantId).status()).isEqualTo(204);
		assertThat(token(clientId, secret).error()).isEqualTo("access_denied");
	}

	@Test
	void namesAreAuth0sAndUnique() {
		assertThat(api.post("/api/v2/organizations", "{\"name\":\"Not A Slug\"}").status()).isEqualTo(400);
		assertThat(api.post("/api/v2/organizations", "{\"name\":\"acme\"}").status()).isEqualTo(409);
		assertThat(api.get("/api/v2/organizations/org_acme").json())
			.isEqualTo(Map.of("id", "org_acme", "name", "acme", "display_name", "Acme Corporation"));
		assertThat(api.get("/api/v2/organizations/org_nope").status()).isEqualTo(404);
	}

	private TokenEndpointClient.Answer token(String clientId, String secret) {
		return server.token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
				"audience", TIMESHEETS, "organization", "initech");
	}

}
