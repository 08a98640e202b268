package com.exampleco.authserver.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A machine-to-machine application.
 *
 * @param grantTypes OAuth 2.0 grant types it may use, e.g. {@code client_credentials}
 * @param authMethods token endpoint authentication methods it may use, e.g.
 * {@code client_secret_basic}
 * @param defaultAudience the API a token is for when a request names none, or
 * {@code null}
 * @param defaultOrganization the organization a token is for when a request names none,
 * or {@code null}
 * @param secretHashes hashes of its secrets that are currently valid (several during a
 * rotation)
 * @param metadata Auth0's {@code client_metadata}: string values within
 * {@link ClientMetadata}'s limits, which Actions read as {@code event.client.metadata}
 */
public record Client(String clientId, String name, Set<String> grantTypes, Set<String> authMethods,
		String defaultAudience, String defaultOrganization, List<String> secretHashes, Map<String, String> metadata) {

	public Client {
		grantTypes = Set.copyOf(grantTypes);
		authMethods = Set.copyOf(authMethods);
		secretHashes = List.copyOf(secretHashes);
		metadata = ClientMetadata.checked(metadata);
	}

	/** A client without metadata. */
	public Client(String clientId, String name, Set<String> grantTypes, Set<String> authMethods, String defaultAudience,
			String defaultOrganization, List<String> secretHashes) {
		this(clientId, name, grantTypes, authMethods, defaultAudience, defaultOrganization, secretHashes, Map.of());
	}
}
