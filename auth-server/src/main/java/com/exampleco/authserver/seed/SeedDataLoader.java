package com.exampleco.authserver.seed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import com.exampleco.authserver.client.Client;
import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.ClientRepository;
import com.exampleco.authserver.client.ClientSecretHasher;
import com.exampleco.authserver.client.OrganizationUsage;
import com.exampleco.authserver.client.SecretPolicy;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.organization.OrganizationRepository;
import com.exampleco.authserver.quota.TokenQuota;
import com.exampleco.authserver.quota.TokenQuotaRepository;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the configured APIs, organizations, clients and client grants that the database
 * does not hold yet, once the context is built and before the server accepts requests, so
 * the first token request already finds them.
 * <p>
 * What exists is left as stored: the database, not the configuration, owns a client once
 * it is created. Above all a secret is never overwritten or removed here, so a secret
 * rotated after the seed (a new one added, the seeded one retired) survives every
 * restart. A configured secret that differs from the stored ones is reported and ignored,
 * unless {@code auth-server.seed.add-configured-secrets} asks to add it beside them. A
 * configured token quota is stored for a client or organization that has none stored; one
 * stored is left as it is.
 */
@Component
class SeedDataLoader implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SeedDataLoader.class);

	private final SeedProperties seed;

	private final ResourceServerRepository apis;

	private final OrganizationRepository organizations;

	private final ClientRepository clients;

	private final ClientGrantRepository grants;

	private final TokenQuotaRepository quotas;

	private final ClientSecretHasher hasher;

	private final SecretPolicy secretPolicy;

	private final TransactionTemplate transaction;

	SeedDataLoader(SeedProperties seed, ResourceServerRepository apis, OrganizationRepository organizations,
			ClientRepository clients, ClientGrantRepository grants, TokenQuotaRepository quotas,
			ClientSecretHasher hasher, SecretPolicy secretPolicy, TransactionTemplate transaction) {
		this.seed = seed;
		this.apis = apis;
		this.organizations = organizations;
		this.clients = clients;
		this.grants = grants;
		this.quotas = quotas;
		this.hasher = hasher;
		this.secretPolicy = secretPolicy;
		this.transaction = transaction;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!seed.enabled()) {
			return;
		}
		seed.clients().forEach(c -> secretPolicy.check(c.clientId(), c.secret()));
		int[] created = new int[3];
		transaction.executeWithoutResult(status -> {
			for (SeedProperties.Api api : seed.apis()) {
				if (apis.findByIdentifier(api.identifier()).isEmpty()) {
					apis.save(new ResourceServer(api.identifier(), api.name(), api.tokenLifetime(),
							api.scopes()
								.stream()
								.map(s -> new ResourceServer.Scope(s.name(), s.description()))
								.toList()));
					created[0]++;
				}
			}
			for (SeedProperties.Organization org : seed.organizations()) {
				if (organizations.findByIdOrName(org.id()).isEmpty()) {
					organizations.save(new Organization(org.id(), org.name(), org.displayName()));
					created[1]++;
				}
				TokenQuota quota = quotaOf(org.tokenQuota());
				if (quota != null && quotas.findForOrganization(org.id()).isEmpty()) {
					quotas.saveForOrganization(org.id(), quota);
				}
			}
			for (SeedProperties.Client client : seed.clients()) {
				if (seedClient(client)) {
					created[2]++;
				}
			}
		});
		log.info(
				"Seed: created {} of {} API(s), {} of {} organization(s), {} of {} client(s) from configuration; "
						+ "those that existed are left as stored",
				created[0], seed.apis().size(), created[1], seed.organizations().size(), created[2],
				seed.clients().size());
	}

	/**
	 * Creates the client if it is missing, and its missing grants; whether the client was
	 * created.
	 */
	private boolean seedClient(SeedProperties.Client client) {
		Optional<Client> stored = clients.findById(client.clientId());
		if (stored.isEmpty()) {
			clients.save(new Client(client.clientId(), client.name(), new LinkedHashSet<>(client.grantTypes()),
					new LinkedHashSet<>(client.authMethods()), client.defaultAudience(), client.defaultOrganization(),
					List.of(hasher.hash(client.secret())), client.metadata()));
		}
		else if (!hasher.matchesAny(client.secret(), stored.get().secretHashes())) {
			// Never the secret itself in the log: the client id and what happened are
			// enough to act on.
			if (seed.addConfiguredSecrets()) {
				clients.addSecretHash(client.clientId(), hasher.hash(client.secret()));
				log.info("Seed: the configured secret of client '{}' was added beside its stored secret(s), which "
						+ "stay valid", client.clientId());
			}
			else {
				log.info("Seed: the configured secret of client '{}' is not one of its stored secrets and is not "
						+ "used; its stored secret(s) stay valid (set auth-server.seed.add-configured-secrets=true "
						+ "to add it beside them)", client.clientId());
			}
		}
		TokenQuota quota = quotaOf(client.tokenQuota());
		if (quota != null && quotas.findForClient(client.clientId()).isEmpty()) {
			quotas.saveForClient(client.clientId(), quota);
		}
		for (SeedProperties.Grant grant : client.grants()) {
			if (grants.find(client.clientId(), grant.audience()).isEmpty()) {
				grants.save(client.clientId(), grant.audience(), grant.scopes(),
						OrganizationUsage.of(grant.organizationUsage()), grant.allowAnyOrganization(),
						grant.organizations());
			}
		}
		return stored.isEmpty();
	}

	private static TokenQuota quotaOf(TokenQuota.Setting setting) {
		return setting == null ? null : setting.clientCredentials();
	}

}
