package com.exampleco.authserver.seed;

import java.util.LinkedHashSet;
import java.util.List;

import com.exampleco.authserver.client.Client;
import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.ClientRepository;
import com.exampleco.authserver.client.ClientSecretHasher;
import com.exampleco.authserver.client.OrganizationUsage;
import com.exampleco.authserver.client.SecretPolicy;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.organization.OrganizationRepository;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the configured APIs, organizations and clients to the database once the context is built and before the
 * server accepts requests, so the first token request already finds them.
 */
@Component
class SeedDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SeedDataLoader.class);

    private final SeedProperties seed;
    private final ResourceServerRepository apis;
    private final OrganizationRepository organizations;
    private final ClientRepository clients;
    private final ClientGrantRepository grants;
    private final ClientSecretHasher hasher;
    private final SecretPolicy secretPolicy;
    private final TransactionTemplate transaction;

    SeedDataLoader(SeedProperties seed, ResourceServerRepository apis, OrganizationRepository organizations,
                   ClientRepository clients, ClientGrantRepository grants, ClientSecretHasher hasher,
                   SecretPolicy secretPolicy, TransactionTemplate transaction) {
        this.seed = seed;
        this.apis = apis;
        this.organizations = organizations;
        this.clients = clients;
        this.grants = grants;
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
        transaction.executeWithoutResult(status -> {
            seed.apis().forEach(api -> apis.save(new ResourceServer(api.identifier(), api.name(), api.tokenLifetime(),
                    api.scopes().stream().map(s -> new ResourceServer.Scope(s.name(), s.description())).toList())));
            seed.organizations().forEach(org -> organizations.save(
                    new Organization(org.id(), org.name(), org.displayName())));
            seed.clients().forEach(this::saveClient);
        });
        log.info("Seeded {} API(s), {} organization(s), {} client(s) from configuration", seed.apis().size(),
                seed.organizations().size(), seed.clients().size());
    }

    private void saveClient(SeedProperties.Client client) {
        clients.save(new Client(client.clientId(), client.name(), new LinkedHashSet<>(client.grantTypes()),
                new LinkedHashSet<>(client.authMethods()), client.defaultAudience(), client.defaultOrganization(),
                List.of(hasher.hash(client.secret()))));
        for (SeedProperties.Grant grant : client.grants()) {
            grants.save(client.clientId(), grant.audience(), grant.scopes(),
                    OrganizationUsage.of(grant.organizationUsage()), grant.allowAnyOrganization(),
                    grant.organizations());
        }
        grants.retainOnly(client.clientId(), client.grants().stream().map(SeedProperties.Grant::audience).toList());
    }
}
