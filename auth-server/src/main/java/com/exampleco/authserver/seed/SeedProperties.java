package com.exampleco.authserver.seed;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import com.exampleco.authserver.quota.TokenQuota;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * APIs, organizations, clients and client grants created at a start when the database
 * does not hold them yet; what exists is left as stored (see {@link SeedDataLoader}).
 *
 * @param addConfiguredSecrets whether a configured client secret that is not one of the
 * client's stored secrets is added beside them (never replacing them); by default it is
 * reported and ignored
 */
@Validated
@ConfigurationProperties("auth-server.seed")
public record SeedProperties(@DefaultValue("true") boolean enabled, boolean addConfiguredSecrets, @Valid List<Api> apis,
		@Valid List<Organization> organizations, @Valid List<Client> clients) {

	public SeedProperties {
		apis = apis == null ? List.of() : apis;
		organizations = organizations == null ? List.of() : organizations;
		clients = clients == null ? List.of() : clients;
	}

	public record Api(@NotBlank String identifier, @NotBlank String name, @DefaultValue("24h") Duration tokenLifetime,
			@Valid List<Scope> scopes) {
		public Api {
			scopes = scopes == null ? List.of() : scopes;
		}
	}

	public record Scope(@NotBlank String name, @DefaultValue("") String description) {
	}

	/**
	 * @param tokenQuota its own token quota (Auth0's {@code token_quota}), or
	 * {@code null} for the tenant default
	 */
	public record Organization(@NotBlank String id, @NotBlank String name, String displayName,
			@Valid TokenQuota.Setting tokenQuota) {
	}

	/**
	 * @param secret a demo or deployment secret, normally from the environment; checked
	 * by the secret policy
	 * @param metadata Auth0's {@code client_metadata} (string values; see
	 * {@code client.ClientMetadata} for the limits), which Actions read as
	 * {@code event.client.metadata}
	 * @param tokenQuota its own token quota (Auth0's {@code token_quota}), or
	 * {@code null} for the tenant default
	 */
	public record Client(@NotBlank String clientId, @NotBlank String name, @NotBlank String secret,
			@DefaultValue("client_credentials") List<String> grantTypes, @DefaultValue( {
					"client_secret_basic", "client_secret_post" }) List<String> authMethods,
			String defaultAudience, String defaultOrganization, @Valid List<Grant> grants, Map<String, String> metadata,
			@Valid TokenQuota.Setting tokenQuota){
		public Client {
			grants = grants == null ? List.of() : grants;
			metadata = metadata == null ? Map.of() : metadata;
		}
	}

	/**
	 * @param organizationUsage {@code deny}, {@code allow} or {@code require}
	 * @param organizations ids of the organizations this grant may be used for
	 */
	public record Grant(@NotBlank String audience, List<String> scopes, @DefaultValue("deny") String organizationUsage,
			boolean allowAnyOrganization, List<String> organizations) {
		public Grant {
			scopes = scopes == null ? List.of() : scopes;
			organizations = organizations == null ? List.of() : organizations;
		}
	}
}
