package com.exampleco.authserver.client;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import com.exampleco.authserver.SpaceDelimited;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class ClientGrantRepository {

	private final JdbcClient jdbc;

	public ClientGrantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ClientGrant> find(String clientId, String audience) {
		return jdbc.sql("""
				select id, client_id, audience, scope, organization_usage, allow_any_organization
				from client_grant where client_id = ? and audience = ?
				""")
			.params(clientId, audience)
			.query((rs, n) -> new ClientGrant(rs.getString(1), rs.getString(2), rs.getString(3),
					SpaceDelimited.split(rs.getString(4)), OrganizationUsage.of(rs.getString(5)), rs.getBoolean(6)))
			.optional();
	}

	/**
	 * Whether the grant may be used for the organization: any organization, or one
	 * associated with the grant.
	 */
	public boolean allowsOrganization(ClientGrant grant, String organizationId) {
		if (grant.allowAnyOrganization()) {
			return true;
		}
		return jdbc
			.sql("select count(*) from organization_client_grant where client_grant_id = ? and organization_id = ?")
			.params(grant.id(), organizationId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Creates or replaces the grant of {@code clientId} for {@code audience}, with the
	 * organizations it may serve.
	 */
	@Transactional
	public ClientGrant save(String clientId, String audience, Collection<String> scopes, OrganizationUsage usage,
			boolean allowAnyOrganization, Collection<String> organizationIds) {
		String id = find(clientId, audience).map(ClientGrant::id).orElse(null);
		if (id == null) {
			id = UUID.randomUUID().toString();
			jdbc.sql("""
					insert into client_grant (id, client_id, audience, scope, organization_usage,
					                          allow_any_organization)
					values (?, ?, ?, ?, ?, ?)
					""")
				.params(id, clientId, audience, SpaceDelimited.join(scopes), usage.value(), allowAnyOrganization)
				.update();
		}
		else {
			jdbc.sql(
					"update client_grant set scope = ?, organization_usage = ?, allow_any_organization = ? where id = ?")
				.params(SpaceDelimited.join(scopes), usage.value(), allowAnyOrganization, id)
				.update();
		}
		jdbc.sql("delete from organization_client_grant where client_grant_id = ?").param(id).update();
		for (String organizationId : organizationIds) {
			jdbc.sql("insert into organization_client_grant (organization_id, client_grant_id) values (?, ?)")
				.params(organizationId, id)
				.update();
		}
		return new ClientGrant(id, clientId, audience, scopes.stream().toList(), usage, allowAnyOrganization);
	}

}
