package com.exampleco.authserver.action;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Auth0's {@code event} for the credentials-exchange trigger, with Auth0's field names (a
 * JavaScript Action reads this record as JSON). Documented at
 * https://auth0.com/docs/customize/actions/explore-triggers/machine-to-machine-trigger/credentials-exchange-event-object.
 *
 * @param organization the organization the token is for, or {@code null} (then absent, as
 * in Auth0)
 * @param secrets the Action's own secrets; every Action sees only its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialsExchangeEvent(Client client, @JsonProperty("resource_server") ResourceServer resourceServer,
		Request request, Transaction transaction, Organization organization, Tenant tenant, Map<String, String> secrets,
		AccessToken accessToken) {

	/** {@code event.client}: the application asking for the token. */
	public record Client(@JsonProperty("client_id") String clientId, String name, Map<String, String> metadata) {
	}

	/** {@code event.resource_server}: the API (audience) the token is for. */
	public record ResourceServer(String identifier) {
	}

	/**
	 * {@code event.request}. {@code body} holds the token request's parameters without
	 * the client's secret; {@code
	 * geoip} is empty, as this server has no GeoIP database (Auth0 documents each of its
	 * fields as optional).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Request(String ip, String method, String hostname, @JsonProperty("user_agent") String userAgent,
			String language, Map<String, String> body, Map<String, Object> geoip) {
	}

	/**
	 * {@code event.transaction}: the scopes the request named, or an empty list when it
	 * named none.
	 */
	public record Transaction(@JsonProperty("requested_scopes") List<String> requestedScopes) {
	}

	/** {@code event.organization}, when the token is for one. */
	public record Organization(String id, String name, @JsonProperty("display_name") String displayName,
			Map<String, String> metadata) {
	}

	/** {@code event.tenant}: Auth0 gives the tenant's name as its id. */
	public record Tenant(String id) {
	}

	/**
	 * {@code event.accessToken}: the scopes the token will carry, and the custom claims
	 * the Actions before this one have set.
	 */
	public record AccessToken(List<String> scope, Map<String, Object> customClaims) {
	}

	/**
	 * The same event for the next Action: the claims set so far, and that Action's
	 * secrets.
	 */
	CredentialsExchangeEvent next(Map<String, String> nextSecrets, Map<String, Object> claimsSoFar) {
		return new CredentialsExchangeEvent(client, resourceServer, request, transaction, organization, tenant,
				nextSecrets, new AccessToken(accessToken.scope(), claimsSoFar));
	}
}
