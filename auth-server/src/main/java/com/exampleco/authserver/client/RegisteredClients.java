package com.exampleco.authserver.client;

import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;

/**
 * Presents our clients to Spring Authorization Server as {@link RegisteredClient}s.
 * <p>
 * Clients are created by {@link ClientRepository} (from the seed configuration today, a
 * management API later), so {@link #save} is not offered here.
 */
@Component
public class RegisteredClients implements RegisteredClientRepository {

	/** Client setting holding the API a token is for when the request names none. */
	public static final String DEFAULT_AUDIENCE = "default_audience";

	/**
	 * Client setting holding the organization a token is for when the request names none.
	 */
	public static final String DEFAULT_ORGANIZATION = "default_organization";

	/**
	 * Client setting holding the client's metadata ({@code Map<String, String>}), for
	 * Actions' event.client.
	 */
	public static final String CLIENT_METADATA = "client_metadata";

	private final ClientRepository clients;

	public RegisteredClients(ClientRepository clients) {
		this.clients = clients;
	}

	@Override
	public RegisteredClient findById(String id) {
		return findByClientId(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return clients.findById(clientId).map(RegisteredClients::toRegisteredClient).orElse(null);
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("Clients are created through ClientRepository");
	}

	public static RegisteredClient toRegisteredClient(Client client) {
		ClientSettings.Builder settings = ClientSettings.builder();
		Optional.ofNullable(client.defaultAudience()).ifPresent(a -> settings.setting(DEFAULT_AUDIENCE, a));
		Optional.ofNullable(client.defaultOrganization()).ifPresent(o -> settings.setting(DEFAULT_ORGANIZATION, o));
		if (!client.metadata().isEmpty()) {
			settings.setting(CLIENT_METADATA, client.metadata());
		}
		return RegisteredClient.withId(client.clientId())
			.clientId(client.clientId())
			.clientName(client.name())
			.clientAuthenticationMethods(
					methods -> client.authMethods().forEach(m -> methods.add(new ClientAuthenticationMethod(m))))
			.authorizationGrantTypes(
					grants -> client.grantTypes().forEach(g -> grants.add(new AuthorizationGrantType(g))))
			.clientSettings(settings.build())
			.build();
	}

}
