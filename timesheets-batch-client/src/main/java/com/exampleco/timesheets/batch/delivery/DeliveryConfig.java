package com.exampleco.timesheets.batch.delivery;

import com.exampleco.timesheets.batch.system.HttpRequestFactories;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The RestClient that calls the Timesheets API as the import job: the token
 * configuration's {@link OAuth2ClientHttpRequestInterceptor} puts the cached access token
 * on every request and drops it when the API answers 401.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
public class DeliveryConfig {

	@Bean
	public RestClient timesheetsApiRestClient(RestClient.Builder builder, DeliveryProperties properties,
			OAuth2ClientHttpRequestInterceptor bearerToken) {
		return builder.baseUrl(properties.apiUrl().toString())
			.requestFactory(HttpRequestFactories.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
			.requestInterceptor(bearerToken)
			.build();
	}

}
