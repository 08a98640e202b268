package com.exampleco.timesheets.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import com.exampleco.timesheets.api.security.Caller;
import com.exampleco.timesheets.api.security.EndpointScopes;
import com.exampleco.timesheets.api.security.ResourceServerProperties;
import com.exampleco.timesheets.api.security.Scope;

/**
 * The OpenAPI document (/v3/api-docs) and Swagger UI (/swagger-ui.html): a
 * client-credentials security scheme at the authorization server's token URL, and on
 * every operation the scope {@link EndpointScopes} requires, so the document cannot drift
 * from what the filter chain enforces.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static final String SCHEME = "client-credentials";

	static {
		// A Caller comes from the access token, not from the request parameters.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenAPI timesheetsOpenApi(OpenApiProperties openApi, ResourceServerProperties security) {
		Scopes scopes = new Scopes();
		for (Scope scope : Scope.values()) {
			scopes.addString(scope.value(), scope.description());
		}
		SecurityScheme clientCredentials = new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
			.description("An access token from the authorization server for the audience " + security.audience())
			.flows(new OAuthFlows()
				.clientCredentials(new OAuthFlow().tokenUrl(openApi.tokenUrl().toString()).scopes(scopes)));
		return new OpenAPI()
			.info(new Info().title("Timesheets API")
				.version("0.1.0")
				.description("Timesheet entries for machine-to-machine clients. Every call needs an RS256 access "
						+ "token issued by " + security.issuer() + " for the audience " + security.audience()
						+ " with the scope shown on the operation."))
			.components(new Components().addSecuritySchemes(SCHEME, clientCredentials));
	}

	@Bean
	OpenApiCustomizer requiredScopes() {
		return (openApi) -> openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> EndpointScopes.requiredFor(HttpMethod.valueOf(method.name()), path)
					.ifPresent((scope) -> {
						operation.addSecurityItem(new SecurityRequirement().addList(SCHEME, scope.value()));
						operation.getResponses()
							.addApiResponse("401", new ApiResponse().description(
									"No access token, or one this API refuses (WWW-Authenticate: Bearer error=\"invalid_token\")"))
							.addApiResponse("403", new ApiResponse().description("The access token lacks the scope "
									+ scope.value() + " (WWW-Authenticate: Bearer error=\"insufficient_scope\")"));
					})));
	}

}
