package com.exampleco.timesheets.batch.token;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import com.exampleco.timesheets.batch.delivery.DeliveryProperties;
import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.system.HttpRequestFactories;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Access tokens for a service, not for a web request: Spring Security's
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} with the client-credentials provider. The manager keeps
 * the token in the {@link OAuth2AuthorizedClientService} and reuses it for every call until {@code clock-skew} before
 * it expires; only then does it ask the token endpoint again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenClientConfig {

	/** The clock tokens expire by; a bean so that a test can move time instead of waiting. */
	@Bean
	public Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	public CountingTokenResponseClient clientCredentialsTokenResponseClient(TokenProperties properties,
			MeterRegistry meters, RunEvents events) {
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(tokenEndpointRestClient(properties));
		// Auth0's token endpoint names the API in `audience`; RFC 6749 has no such parameter, so Spring needs telling.
		client.setParametersCustomizer((parameters) -> parameters.set("audience", properties.audience()));
		return new CountingTokenResponseClient(client, meters, events);
	}

	@Bean
	public OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients, CountingTokenResponseClient tokenResponseClient,
			TokenProperties properties, DeliveryProperties deliveryProperties, Clock clock) {
		// Every attempt is counted; the retry waits out an authorization server that is down or still starting.
		TokenEndpointRetry retrying = new TokenEndpointRetry(tokenResponseClient, deliveryProperties.retry(),
				properties.maxWait(), Clock.systemUTC());
		OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.accessTokenResponseClient(retrying)
				.clockSkew(properties.clockSkew())
				.clock(clock))
			.build();
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		return new SingleFlightAuthorizedClientManager(manager);
	}

	/** Spring's default token client has no timeouts; a hung authorization server must not hang the job. */
	private static RestClient tokenEndpointRestClient(TokenProperties properties) {
		return RestClient.builder()
			.requestFactory(HttpRequestFactories.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
