package com.exampleco.authserver.flow;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.exampleco.authserver.token.IssuerProperties;

/**
 * The three streams the page reads, each on its own daemon thread, started once this
 * server listens (its own token endpoint and log stream are on its local port). One
 * client registration per audience: the flow-viewer asks for a token for the tenant logs
 * ({@code <issuer>api/v2/}, {@code read:logs}), one for the Timesheets API's events and
 * one for the import job's ({@code read:events} each), and the manager keeps each until
 * shortly before it expires.
 */
final class FlowStreams implements DisposableBean, ApplicationListener<ContextClosedEvent> {

	private final FlowPageProperties properties;

	private final IssuerProperties issuer;

	private final FlowHub hub;

	private final Supplier<String> localUrl;

	private List<EventStreamSource> sources = List.of();

	FlowStreams(FlowPageProperties properties, IssuerProperties issuer, FlowHub hub, Supplier<String> localUrl) {
		this.properties = properties;
		this.issuer = issuer;
		this.hub = hub;
		this.localUrl = localUrl;
	}

	synchronized void start() {
		if (!sources.isEmpty()) {
			return;
		}
		String local = localUrl.get();
		URI tokenUri = properties.tokenUri() != null ? properties.tokenUri() : URI.create(local + "/oauth/token");
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
				registration(FlowPageConfig.LOGS, tokenUri), registration(FlowPageConfig.API, tokenUri),
				registration(FlowPageConfig.BATCH, tokenUri));
		InMemoryOAuth2AuthorizedClientService cache = new InMemoryOAuth2AuthorizedClientService(registrations);
		RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
		// Auth0's token endpoint names the API in `audience`: one per registration.
		tokenClient.addParametersConverter(this::audience);
		OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials(
					credentials -> credentials.accessTokenResponseClient(tokenClient).clockSkew(Duration.ofSeconds(60)))
			.build();
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, cache);
		manager.setAuthorizedClientProvider(provider);
		URI logsUri = properties.logsUri() != null ? properties.logsUri() : URI.create(local + "/api/v2/logs/stream");
		sources = List.of(
				new EventStreamSource(FlowPageConfig.LOGS, () -> logsUri, FlowPageConfig.LOGS, manager, cache, hub),
				new EventStreamSource(FlowPageConfig.API, properties::apiEventsUri, FlowPageConfig.API, manager, cache,
						hub),
				new EventStreamSource(FlowPageConfig.BATCH, properties::batchEventsUri, FlowPageConfig.BATCH, manager,
						cache, hub));
		for (EventStreamSource source : sources) {
			Thread thread = new Thread(source, "flow-page-" + source.name());
			thread.setDaemon(true);
			thread.start();
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// Stop reading before the graceful shutdown, which would wait for this server's
		// own log stream to end.
		destroy();
	}

	@Override
	public synchronized void destroy() {
		sources.forEach(EventStreamSource::stop);
	}

	private MultiValueMap<String, String> audience(OAuth2ClientCredentialsGrantRequest request) {
		String id = request.getClientRegistration().getRegistrationId();
		String audience = switch (id) {
			case FlowPageConfig.LOGS ->
				properties.logsAudience() != null ? properties.logsAudience() : issuer.issuer() + "api/v2/";
			case FlowPageConfig.API -> properties.apiAudience();
			default -> properties.batchAudience();
		};
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.set("audience", audience);
		return parameters;
	}

	private ClientRegistration registration(String id, URI tokenUri) {
		return ClientRegistration.withRegistrationId(id)
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri.toString())
			.build();
	}

}
