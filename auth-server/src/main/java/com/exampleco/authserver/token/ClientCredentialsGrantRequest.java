package com.exampleco.authserver.token;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A client credentials token request as the client sent it, before any policy is applied.
 *
 * @param audience the API the token is for ({@code audience}, or its RFC 8707 synonym
 * {@code resource}), or {@code null} to use the client's default
 * @param organization the organization id or name, or {@code null}
 * @param requestedScopes the scopes asked for, or {@code null} when the request has no
 * {@code scope} parameter
 */
public class ClientCredentialsGrantRequest extends OAuth2AuthorizationGrantAuthenticationToken {

	private final String audience;

	private final String organization;

	private final List<String> requestedScopes;

	public ClientCredentialsGrantRequest(Authentication clientPrincipal, String audience, String organization,
			List<String> requestedScopes) {
		super(AuthorizationGrantType.CLIENT_CREDENTIALS, clientPrincipal, null);
		this.audience = audience;
		this.organization = organization;
		this.requestedScopes = requestedScopes == null ? null : List.copyOf(requestedScopes);
	}

	public String audience() {
		return audience;
	}

	public String organization() {
		return organization;
	}

	public List<String> requestedScopes() {
		return requestedScopes;
	}

}
