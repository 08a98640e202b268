package com.exampleco.authserver.quota;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place where the quotas of clients and organizations are stored (Auth0's
 * {@code token_quota} of a client or an organization): read on every token request,
 * written by the seed and by whatever manages clients.
 */
@Repository
public class TokenQuotaRepository {

	private final JdbcClient jdbc;

	public TokenQuotaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The quotas of a client and of an organization ({@code null}: none), in one query:
	 * it runs for every token.
	 */
	Stored find(String clientId, String organizationId) {
		TokenQuota[] found = new TokenQuota[2];
		jdbc.sql("""
				select client_id, enforce, per_hour, per_day from token_quota
				where client_id = ? or organization_id = ?
				""").params(clientId, organizationId).query(rs -> {
			TokenQuota quota = new TokenQuota(rs.getBoolean(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4));
			found[rs.getString(1) != null ? 0 : 1] = quota;
		});
		return new Stored(found[0], found[1]);
	}

	public Optional<TokenQuota> findForClient(String clientId) {
		return Optional.ofNullable(find(clientId, null).client());
	}

	public Optional<TokenQuota> findForOrganization(String organizationId) {
		return Optional.ofNullable(find(null, organizationId).organization());
	}

	/**
	 * Sets the client's own quota, replacing any; {@code null} removes it, so the tenant
	 * default applies.
	 */
	@Transactional
	public void saveForClient(String clientId, TokenQuota quota) {
		jdbc.sql("delete from token_quota where client_id = ?").param(clientId).update();
		if (quota != null) {
			jdbc.sql("insert into token_quota (client_id, enforce, per_hour, per_day) values (?, ?, ?, ?)")
				.params(clientId, quota.enforce(), quota.perHour(), quota.perDay())
				.update();
		}
	}

	/**
	 * Sets the organization's own quota, replacing any; {@code null} removes it, so the
	 * tenant default applies.
	 */
	@Transactional
	public void saveForOrganization(String organizationId, TokenQuota quota) {
		jdbc.sql("delete from token_quota where organization_id = ?").param(organizationId).update();
		if (quota != null) {
			jdbc.sql("insert into token_quota (organization_id, enforce, per_hour, per_day) values (?, ?, ?, ?)")
				.params(organizationId, quota.enforce(), quota.perHour(), quota.perDay())
				.update();
		}
	}

	record Stored(TokenQuota client, TokenQuota organization) {
	}

}
