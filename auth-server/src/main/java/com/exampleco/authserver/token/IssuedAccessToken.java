package com.exampleco.authserver.token;

import com.exampleco.authserver.quota.QuotaHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * An issued token with what its response carries beside the body: the quota headers it
 * was counted against.
 */
final class IssuedAccessToken extends OAuth2AccessTokenAuthenticationToken {

	private final transient QuotaHeaders quotaHeaders;

	IssuedAccessToken(RegisteredClient client, Authentication clientPrincipal, OAuth2AccessToken token,
			QuotaHeaders quotaHeaders) {
		super(client, clientPrincipal, token);
		this.quotaHeaders = quotaHeaders;
	}

	QuotaHeaders quotaHeaders() {
		return quotaHeaders;
	}

}
