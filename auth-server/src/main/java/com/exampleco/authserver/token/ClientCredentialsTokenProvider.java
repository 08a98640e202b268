package com.exampleco.authserver.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import com.exampleco.authserver.action.ActionRunner;
import com.exampleco.authserver.action.CredentialsExchangeEvent;

import com.exampleco.authserver.client.ClientGrant;
import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.OrganizationUsage;
import com.exampleco.authserver.client.RegisteredClients;
import com.exampleco.authserver.log.LogValues;
import com.exampleco.authserver.log.TenantLogContext;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.organization.OrganizationRepository;
import com.exampleco.authserver.quota.QuotaHeaders;
import com.exampleco.authserver.quota.TokenQuotas;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Decides a client credentials request the way Auth0 does: the audience must be an API
 * for which the client has a grant; the scopes are those requested, or all the grant
 * allows when none are; an organization must be allowed by the grant. Then it runs the
 * Actions bound to the credentials-exchange trigger, which may add claims or deny the
 * token, counts the token against the quotas of the client and the organization (Auth0's
 * fine-grained M2M token quotas, which may refuse it with {@code 429}), and mints it.
 * <p>
 * Replaces Spring Authorization Server's
 * {@code OAuth2ClientCredentialsAuthenticationProvider}, whose scope ceiling is one set
 * per client rather than per API, and which stores every issued token.
 */
@Component
class ClientCredentialsTokenProvider implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokenProvider.class);

	private final ResourceServerRepository apis;

	private final ClientGrantRepository grants;

	private final OrganizationRepository organizations;

	private final TokenQuotas quotas;

	private final AccessTokenMinter minter;

	private final ActionRunner actions;

	ClientCredentialsTokenProvider(ResourceServerRepository apis, ClientGrantRepository grants,
			OrganizationRepository organizations, TokenQuotas quotas, AccessTokenMinter minter, ActionRunner actions) {
		this.apis = apis;
		this.grants = grants;
		this.organizations = organizations;
		this.quotas = quotas;
		this.minter = minter;
		this.actions = actions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		ClientCredentialsGrantRequest request = (ClientCredentialsGrantRequest) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal)
				|| !clientPrincipal.isAuthenticated() || clientPrincipal.getRegisteredClient() == null) {
			throw TokenErrors.error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication is required: send "
					+ "client_id and client_secret in the body, or an Authorization: Basic header.");
		}
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
			throw TokenErrors.error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"Grant type 'client_credentials' is not allowed for this client.");
		}

		String audience = request.audience() != null ? request.audience()
				: client.getClientSettings().getSetting(RegisteredClients.DEFAULT_AUDIENCE);
		if (audience == null) {
			throw TokenErrors.error(OAuth2ErrorCodes.INVALID_REQUEST,
					"Missing parameter: audience (the identifier of the API the token is for); this client has no "
							+ "default audience.");
		}
		ResourceServer api = apis.findByIdentifier(audience)
			.orElseThrow(() -> TokenErrors.error(TokenErrors.ACCESS_DENIED, "Service not found: " + audience));
		ClientGrant grant = grants.find(client.getClientId(), audience)
			.orElseThrow(() -> TokenErrors.error(TokenErrors.ACCESS_DENIED, "Client is not authorized to access \""
					+ audience + "\". You need to create a \"client-grant\" associated to this API."));

		List<String> scopes = scopes(request, grant, api);
		Organization organization = organization(request, client, grant);
		Map<String, Object> customClaims = actions.isEmpty() ? Map.of()
				: runActions(request, client, audience, scopes, organization);
		// Last of the checks, after the Actions (which may deny), so that only a token
		// about to be issued is counted, as Auth0 counts them.
		QuotaHeaders quotaHeaders = quotas.take(client.getClientId(), organization == null ? null : organization.id());

		OAuth2AccessToken token = minter.mint(client.getClientId(), api, scopes, organization, customClaims);
		// DEBUG, as Keycloak logs its successful events: a line per success is written as
		// often as tokens are issued and costs throughput (docs/performance.md); the
		// tenant log already records each issued token. Refusals stay at INFO.
		if (log.isDebugEnabled()) {
			log.debug("Issued access token: client_id={} audience={} scope=\"{}\" org_id={} expires_in={}s",
					client.getClientId(), audience, String.join(" ", scopes),
					organization == null ? "-" : organization.id(), api.tokenLifetime().toSeconds());
		}
		return new IssuedAccessToken(client, clientPrincipal, token, quotaHeaders);
	}

	private Map<String, Object> runActions(ClientCredentialsGrantRequest request, RegisteredClient client,
			String audience, List<String> scopes, Organization organization) {
		Map<String, String> metadata = client.getClientSettings().getSetting(RegisteredClients.CLIENT_METADATA);
		ActionRunner.Result result = actions.run(
				new CredentialsExchangeEvent.Client(client.getClientId(), client.getClientName(),
						metadata == null ? Map.of() : metadata),
				audience, request.requestedScopes(), scopes, organization, currentRequest());
		HttpServletRequest servletRequest = currentRequest();
		if (servletRequest != null && !result.outcomes().isEmpty()) {
			// The tenant log's details.actions (Auth0 shows Action results in the log
			// event): names, results, durations and the names of the claims set, never a
			// claim value or a secret.
			TenantLogContext.of(servletRequest).detail("actions", result.outcomes().stream().map(outcome -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("name", outcome.name());
				entry.put("result", outcome.status().name().toLowerCase(Locale.ROOT));
				entry.put("duration_ms", outcome.duration().toNanos() / 1_000_000.0);
				entry.put("claims", outcome.claims());
				if (outcome.deniedCode() != null) {
					entry.put("denied", outcome.deniedCode());
				}
				if (outcome.error() != null) {
					entry.put("error", LogValues.safe(outcome.error()));
				}
				return entry;
			}).toList());
		}
		if (result.refused()) {
			throw TokenErrors.error(result.errorCode(), result.errorDescription());
		}
		return result.claims();
	}

	private static HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}

	/**
	 * Without {@code scope}, Auth0 grants everything the client grant allows. With it, a
	 * scope outside the grant is refused with {@code invalid_scope} (RFC 6749 §5.2),
	 * where Auth0 would silently drop it.
	 */
	private static List<String> scopes(ClientCredentialsGrantRequest request, ClientGrant grant, ResourceServer api) {
		List<String> allowed = grant.scopes().stream().filter(api::defines).toList();
		if (request.requestedScopes() == null) {
			return allowed;
		}
		List<String> refused = request.requestedScopes().stream().filter(s -> !allowed.contains(s)).toList();
		if (!refused.isEmpty()) {
			throw TokenErrors.error(OAuth2ErrorCodes.INVALID_SCOPE,
					"Scope(s) not granted to this client for \"" + api.identifier() + "\": " + String.join(" ", refused)
							+ ". Granted: " + (allowed.isEmpty() ? "none" : String.join(" ", allowed)) + ".");
		}
		return request.requestedScopes();
	}

	private Organization organization(ClientCredentialsGrantRequest request, RegisteredClient client,
			ClientGrant grant) {
		String requested = request.organization();
		if (requested == null && grant.organizationUsage() != OrganizationUsage.DENY) {
			requested = client.getClientSettings().getSetting(RegisteredClients.DEFAULT_ORGANIZATION);
		}
		if (requested == null) {
			if (grant.organizationUsage() == OrganizationUsage.REQUIRE) {
				throw TokenErrors.error(OAuth2ErrorCodes.INVALID_REQUEST, "Missing parameter: organization. The "
						+ "client grant for \"" + grant.audience() + "\" requires tokens for an organization.");
			}
			return null;
		}
		if (grant.organizationUsage() == OrganizationUsage.DENY) {
			throw TokenErrors.error(TokenErrors.ACCESS_DENIED, "The client grant for \"" + grant.audience()
					+ "\" does not allow organization access (organization_usage: deny).");
		}
		String name = requested;
		Organization organization = organizations.findByIdOrName(name)
			.orElseThrow(() -> TokenErrors.error(TokenErrors.ACCESS_DENIED, "Organization not found: " + name));
		if (!grants.allowsOrganization(grant, organization.id())) {
			throw TokenErrors.error(TokenErrors.ACCESS_DENIED, "Client is not a member of organization \""
					+ organization.name() + "\" for \"" + grant.audience() + "\".");
		}
		return organization;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ClientCredentialsGrantRequest.class.isAssignableFrom(authentication);
	}

}
