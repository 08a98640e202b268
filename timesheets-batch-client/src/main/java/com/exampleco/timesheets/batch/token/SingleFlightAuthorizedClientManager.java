package com.exampleco.timesheets.batch.token;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Lets one caller at a time through to the manager. With several uploads in flight, the
 * first ones would otherwise all find the cache empty (or the token expiring) at once and
 * each fetch a token of its own. Behind the lock the others find the token the first one
 * fetched; the cached path is a map lookup, so the lock costs nothing measurable.
 */
public class SingleFlightAuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final OAuth2AuthorizedClientManager delegate;

	public SingleFlightAuthorizedClientManager(OAuth2AuthorizedClientManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public synchronized OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		return this.delegate.authorize(authorizeRequest);
	}

}
