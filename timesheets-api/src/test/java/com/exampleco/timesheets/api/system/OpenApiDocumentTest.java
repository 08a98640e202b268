package com.exampleco.timesheets.api.system;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A learner opens the API's documentation without a token and finds how to get one. */
class OpenApiDocumentTest extends ApiIntegrationTest {

	@Test
	void theDocumentIsPublicAndOffersClientCredentialsAtTheTokenUrl() {
		ApiClient.Response response = this.api.get("/v3/api-docs").send();

		assertThat(response.status()).isEqualTo(200);
		JsonNode scheme = response.json().at("/components/securitySchemes/client-credentials");
		assertThat(scheme.get("type").asString()).isEqualTo("oauth2");
		JsonNode flow = scheme.at("/flows/clientCredentials");
		assertThat(flow.get("tokenUrl").asString()).isEqualTo("http://localhost:9000/oauth/token");
		assertThat(flow.get("scopes").propertyNames()).containsExactlyInAnyOrder("batch:upload", "create:timesheets",
				"read:timesheets", "delete:timesheets", "approve:timesheets", "read:events");
	}

	@Test
	void everyOperationShowsTheScopeItNeeds() {
		JsonNode paths = this.api.get("/v3/api-docs").send().json().get("paths");

		assertThat(scopeOf(paths, "/timesheets", "post")).isEqualTo("create:timesheets");
		assertThat(scopeOf(paths, "/timesheets/upload", "post")).isEqualTo("batch:upload");
		assertThat(scopeOf(paths, "/timesheets", "get")).isEqualTo("read:timesheets");
		assertThat(scopeOf(paths, "/timesheets/{id}", "get")).isEqualTo("read:timesheets");
		assertThat(scopeOf(paths, "/timesheets/{id}", "delete")).isEqualTo("delete:timesheets");
		assertThat(scopeOf(paths, "/approvals", "get")).isEqualTo("approve:timesheets");
		assertThat(scopeOf(paths, "/approvals/{id}", "put")).isEqualTo("approve:timesheets");
		assertThat(paths.at("/~1timesheets/get/responses").propertyNames()).contains("200", "401", "403");
		assertThat(paths.at("/~1timesheets/post/responses").propertyNames()).contains("201", "401", "403")
			.doesNotContain("200");
	}

	@Test
	void swaggerUiAsksTheAuthorizationServerForThisApisAudience() {
		ApiClient.Response initializer = this.api.get("/swagger-ui/swagger-initializer.js").send();

		assertThat(initializer.status()).isEqualTo(200);
		assertThat(initializer.body()).contains("additionalQueryStringParams")
			.contains("https://api.exampleco.com/timesheets");
	}

	@Test
	void theCallerIsNotARequestParameterAndFieldsAreSnakeCase() {
		JsonNode document = this.api.get("/v3/api-docs").send().json();

		assertThat(document.toString()).doesNotContain("\"name\":\"caller\"");
		assertThat(document.at("/components/schemas/NewTimesheetEntry/properties").propertyNames())
			.contains("employee_id", "date", "project", "hours", "notes");
	}

	@Test
	void protectedResourceMetadataNamesTheAuthorizationServerAndScopes() {
		ApiClient.Response response = this.api.get("/.well-known/oauth-protected-resource").send();

		assertThat(response.status()).isEqualTo(200);
		JsonNode metadata = response.json();
		assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo("http://localhost:9000/");
		assertThat(metadata.get("scopes_supported").toString()).contains("read:timesheets", "batch:upload");
		assertThat(metadata.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
	}

	@Test
	void swaggerUiIsPublic() {
		ApiClient.Response response = this.api.get("/swagger-ui/index.html").send();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
	}

	private static String scopeOf(JsonNode paths, String path, String method) {
		return paths.get(path).get(method).at("/security/0/client-credentials/0").asString();
	}

}
