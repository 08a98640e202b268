package com.exampleco.authserver.quota;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Auth0's fine-grained M2M token quotas: the tenant defaults ({@code default_token_quota}
 * in Auth0's tenant settings) for the clients and organizations that have no quota of
 * their own, and how instances share the count.
 *
 * @param enabled whether quotas are counted and enforced at all; false skips them (no
 * headers, no database work)
 * @param defaults the quota of a client, and of an organization, that has none of its
 * own; none by default, as in Auth0
 * @param leaseSize most units an instance reserves from the shared count at once; smaller
 * means a refusal or a reported {@code r} closer to the exact count across instances,
 * larger means fewer database writes (see {@link TokenQuotaCounter})
 */
@Validated
@ConfigurationProperties("auth-server.token-quotas")
public record TokenQuotaProperties(@DefaultValue("true") boolean enabled, @Valid @DefaultValue Defaults defaults,
		@DefaultValue("50") @Positive @Max(10_000) int leaseSize) {

	/**
	 * @param clients the quota of every client without its own
	 * ({@code clients.client-credentials})
	 * @param organizations the quota of every organization without its own, applied when
	 * a request names one
	 */
	public record Defaults(@Valid TokenQuota.Setting clients, @Valid TokenQuota.Setting organizations) {

		TokenQuota client() {
			return clients == null ? null : clients.clientCredentials();
		}

		TokenQuota organization() {
			return organizations == null ? null : organizations.clientCredentials();
		}
	}
}
