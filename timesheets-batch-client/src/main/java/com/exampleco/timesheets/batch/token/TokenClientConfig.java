package com.exampleco.timesheets.batch.token;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.retry.RetryProperties;
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
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Access tokens for a service, not for a web request: Spring Security's
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} with the
 * client-credentials provider. The manager keeps the token in the
 * {@link OAuth2AuthorizedClientService} and reuses it for every call until
 * {@code clock-skew} before it expires; only then does it ask the token endpoint again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenClientConfig {

	@Bean
	public CountingTokenResponseClient clientCredentialsTokenResponseClient(TokenProperties properties,
			MeterRegistry meters, Clock clock, RunEvents events) {
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(tokenEndpointRestClient(properties));
		// Auth0's token endpoint names the API in `audience`; RFC 6749 has no such
		// parameter, so Spring needs telling.
		client.setParametersCustomizer((parameters) -> parameters.set("audience", properties.audience()));
		return new CountingTokenResponseClient(client, meters, clock, events);
	}

	@Bean
	public OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients, CountingTokenResponseClient tokenResponseClient,
			TokenProperties properties, RetryProperties retry, Clock clock) {
		// Every attempt is counted; the retry waits out an authorization server that is
		// down or still starting.
		TokenEndpointRetry retrying = new TokenEndpointRetry(tokenResponseClient, retry, properties.maxWait(), clock);
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

	/**
	 * Puts the job's access token on each call of a {@link RestClient} that it is added
	 * to, and when the API answers 401
	 * ({@code WWW-Authenticate: Bearer error="invalid_token"}, RFC 6750 §3.1) drops that
	 * token from the {@link OAuth2AuthorizedClientService}, so that the next call fetches
	 * a new one.
	 */
	@Bean
	public OAuth2ClientHttpRequestInterceptor bearerTokenInterceptor(
			OAuth2AuthorizedClientManager authorizedClientManager, OAuth2AuthorizedClientService authorizedClients,
			TokenProperties properties) {
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(
				authorizedClientManager);
		// Every call is made as the import job, so the registration is fixed, not chosen
		// per request.
		interceptor.setClientRegistrationIdResolver((request) -> properties.registrationId());
		interceptor.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return interceptor;
	}

	/**
	 * Spring's default token client has no timeouts; a hung authorization server must not
	 * hang the job.
	 */
	private static RestClient tokenEndpointRestClient(TokenProperties properties) {
		return RestClient.builder()
			.requestFactory(HttpRequestFactories.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
