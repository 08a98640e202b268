package com.exampleco.timesheets.batch.delivery;

import com.exampleco.timesheets.batch.system.HttpRequestFactories;
import com.exampleco.timesheets.batch.token.TokenProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The RestClient that calls the Timesheets API as the import job: Spring Security's
 * {@link OAuth2ClientHttpRequestInterceptor} puts the cached access token on every request, and when the API answers
 * 401 ({@code WWW-Authenticate: Bearer error="invalid_token"}) its failure handler drops that token from the
 * {@link OAuth2AuthorizedClientService}, so the next call fetches a new one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
public class DeliveryConfig {

	@Bean
	public RestClient timesheetsApiRestClient(RestClient.Builder builder, DeliveryProperties properties,
			TokenProperties tokenProperties, OAuth2AuthorizedClientManager authorizedClientManager,
			OAuth2AuthorizedClientService authorizedClients) {
		OAuth2ClientHttpRequestInterceptor oauth2 = new OAuth2ClientHttpRequestInterceptor(authorizedClientManager);
		// Every call of this client is made as the import job, so the registration is fixed, not per request.
		oauth2.setClientRegistrationIdResolver((request) -> tokenProperties.registrationId());
		oauth2.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return builder.baseUrl(properties.apiUrl().toString())
			.requestFactory(HttpRequestFactories.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
			.requestInterceptor(oauth2)
			.build();
	}

}
