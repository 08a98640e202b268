package com.exampleco.authserver.resourceserver;

import java.time.Duration;
import java.util.List;

/**
 * An API that tokens are issued for (Auth0 calls it an API, OAuth a resource server).
 *
 * @param identifier the audience value, e.g. {@code https://api.exampleco.com/timesheets}
 * @param tokenLifetime how long its access tokens live
 * @param scopes the permissions it defines, in display order
 */
public record ResourceServer(String identifier, String name, Duration tokenLifetime, List<Scope> scopes) {

	public ResourceServer {
		scopes = List.copyOf(scopes);
	}

	public boolean defines(String scope) {
		return scopes.stream().anyMatch(s -> s.name().equals(scope));
	}

	public record Scope(String name, String description) {
	}
}
