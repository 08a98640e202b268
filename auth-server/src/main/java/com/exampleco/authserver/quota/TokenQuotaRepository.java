package com.exampleco.authserver.quota;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one place where the quotas of clients and organizations are stored (Auth0's
 * {@code token_quota} of a client or an organization): read on every token request,
 * written by the seed and by whatever manages clients.
 * <p>
 * What the token endpoint reads is kept for {@link #SETTINGS_TTL}: a query per token
 * would cost the endpoint more than counting does. A change made here is seen at once by
 * this instance (the cache is emptied when the change commits) and within
 * {@link #SETTINGS_TTL} by the others on the same database, the bound the signing-key
 * snapshot has too.
 */
@Repository
public class TokenQuotaRepository {

	/** How long another instance's change to a quota may go unseen here. */
	static final Duration SETTINGS_TTL = Duration.ofSeconds(1);

	private final JdbcClient jdbc;

	/** Bounded by the clients and organizations that ask for tokens within a second. */
	private final Cache<Key, Stored> settings = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(SETTINGS_TTL)
		.build();

	/**
	 * Part of every key, moved on by each change: a read that started before the change
	 * and ends after it is stored under a key no request asks for any more, where
	 * emptying the cache alone would not stop it from landing.
	 */
	private final AtomicLong generation = new AtomicLong();

	public TokenQuotaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The quotas of a client and of an organization ({@code null}: none), as the token
	 * endpoint sees them: at most {@link #SETTINGS_TTL} old.
	 */
	Stored find(String clientId, String organizationId) {
		return settings.get(new Key(generation.get(), clientId, organizationId), key -> load(clientId, organizationId));
	}

	/** The stored quotas, in one query. */
	private Stored load(String clientId, String organizationId) {
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
		return Optional.ofNullable(load(clientId, null).client());
	}

	public Optional<TokenQuota> findForOrganization(String organizationId) {
		return Optional.ofNullable(load(null, organizationId).organization());
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
		forgetAfterCommit();
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
		forgetAfterCommit();
	}

	/**
	 * Empties the cache once the change is visible: emptied before the commit, a token
	 * request in between could cache the old quota again.
	 */
	private void forgetAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget();
				}
			});
		}
		else {
			forget();
		}
	}

	private void forget() {
		generation.incrementAndGet();
		settings.invalidateAll();
	}

	private record Key(long generation, String clientId, String organizationId) {
	}

	record Stored(TokenQuota client, TokenQuota organization) {
	}

}
