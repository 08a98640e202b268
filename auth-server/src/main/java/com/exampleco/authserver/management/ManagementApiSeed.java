package com.exampleco.authserver.management;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.exampleco.authserver.client.Client;
import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.ClientRepository;
import com.exampleco.authserver.client.ClientSecretHasher;
import com.exampleco.authserver.client.OrganizationUsage;
import com.exampleco.authserver.client.SecretPolicy;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import com.exampleco.authserver.token.IssuerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the management API an API of this server, as Auth0's is of every tenant: the
 * resource server {@code <issuer>api/v2/} ("Auth0 Management API") with Auth0's
 * management scopes, and, when a secret is configured, one management client with a grant
 * for all of them, created at the first start.
 * <p>
 * Like the YAML seed, it creates what is missing and leaves what exists: a management
 * client whose grant was narrowed, or whose secret was rotated through the API, stays as
 * it is. The API's scope list is the code's, so a scope added in a new version is added
 * to the stored API at its first start.
 */
@Component
class ManagementApiSeed implements SmartInitializingSingleton {

	static final String API_NAME = "Auth0 Management API";

	private static final Logger log = LoggerFactory.getLogger(ManagementApiSeed.class);

	private final ManagementApiProperties properties;

	private final IssuerProperties issuer;

	private final ResourceServerRepository apis;

	private final ClientRepository clients;

	private final ClientGrantRepository grants;

	private final ClientSecretHasher hasher;

	private final SecretPolicy secretPolicy;

	private final TransactionTemplate transaction;

	ManagementApiSeed(ManagementApiProperties properties, IssuerProperties issuer, ResourceServerRepository apis,
			ClientRepository clients, ClientGrantRepository grants, ClientSecretHasher hasher,
			SecretPolicy secretPolicy, TransactionTemplate transaction) {
		this.properties = properties;
		this.issuer = issuer;
		this.apis = apis;
		this.clients = clients;
		this.grants = grants;
		this.hasher = hasher;
		this.secretPolicy = secretPolicy;
		this.transaction = transaction;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String secret = properties.clientSecret();
		boolean seedClient = secret != null && !secret.isBlank();
		if (seedClient) {
			secretPolicy.check(properties.clientId(), secret);
		}
		String audience = ManagementApiSecurity.audience(issuer);
		transaction.executeWithoutResult(status -> {
			List<ResourceServer.Scope> scopes = ManagementScopes.ALL.stream()
				.map(s -> new ResourceServer.Scope(s, ""))
				.toList();
			var stored = apis.findByIdentifier(audience);
			if (stored.isEmpty() || !Set.copyOf(stored.get().scopes().stream().map(ResourceServer.Scope::name).toList())
				.containsAll(ManagementScopes.ALL)) {
				apis.save(new ResourceServer(audience, API_NAME,
						stored.map(ResourceServer::tokenLifetime).orElse(Duration.ofHours(24)), scopes));
			}
			if (seedClient && clients.findById(properties.clientId()).isEmpty()) {
				clients.save(new Client(properties.clientId(), properties.clientName(), Set.of("client_credentials"),
						new LinkedHashSet<>(List.of("client_secret_post", "client_secret_basic")), null, null,
						List.of(hasher.hash(secret))));
				grants.save(properties.clientId(), audience, ManagementScopes.ALL, OrganizationUsage.DENY, false,
						List.of());
				log.info("Seed: created the management client '{}' with a grant for every scope of {}",
						properties.clientId(), audience);
			}
		});
	}

}
