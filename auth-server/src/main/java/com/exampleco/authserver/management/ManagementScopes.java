package com.exampleco.authserver.management;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which Auth0 scope each management endpoint requires, in one table: the security chain
 * authorizes with it, and the 403 answer names the scope that was missing, as Auth0's
 * does ("Insufficient scope, expected any of: ...").
 * <p>
 * The scope names are Auth0's own, so that a team's existing management client grants and
 * scripts keep their meaning. The first rule that matches a request decides; a path no
 * rule names needs a valid token and nothing more, and is answered 404 by the API.
 */
public final class ManagementScopes {

	/**
	 * Where the management API lives, below the issuer (Auth0:
	 * {@code https://tenant.auth0.com/api/v2/}).
	 */
	public static final String BASE_PATH = "/api/v2";

	/**
	 * Every scope the management API defines, in the order Auth0's dashboard lists them.
	 */
	public static final List<String> ALL = List.of("read:clients", "create:clients", "update:clients", "delete:clients",
			"read:client_keys", "update:client_keys", "read:client_grants", "create:client_grants",
			"update:client_grants", "delete:client_grants", "read:resource_servers", "create:resource_servers",
			"update:resource_servers", "delete:resource_servers", "read:organizations", "create:organizations",
			"update:organizations", "delete:organizations", "read:organization_client_grants",
			"create:organization_client_grants", "delete:organization_client_grants", "read:logs", "read:logs_users",
			"read:signing_keys", "create:signing_keys", "update:signing_keys");

	/** The rules, most specific first (the first match decides). */
	static final List<Rule> RULES = List.of(rule(HttpMethod.POST, "/clients/*/rotate-secret", "update:client_keys"),
			rule(HttpMethod.GET, "/clients", "read:clients"), rule(HttpMethod.GET, "/clients/**", "read:clients"),
			rule(HttpMethod.POST, "/clients", "create:clients"),
			rule(HttpMethod.PATCH, "/clients/**", "update:clients"),
			rule(HttpMethod.DELETE, "/clients/**", "delete:clients"),

			rule(HttpMethod.GET, "/client-grants", "read:client_grants"),
			rule(HttpMethod.GET, "/client-grants/**", "read:client_grants"),
			rule(HttpMethod.POST, "/client-grants", "create:client_grants"),
			rule(HttpMethod.PATCH, "/client-grants/**", "update:client_grants"),
			rule(HttpMethod.DELETE, "/client-grants/**", "delete:client_grants"),

			rule(HttpMethod.GET, "/resource-servers", "read:resource_servers"),
			rule(HttpMethod.GET, "/resource-servers/**", "read:resource_servers"),
			rule(HttpMethod.POST, "/resource-servers", "create:resource_servers"),
			rule(HttpMethod.PATCH, "/resource-servers/**", "update:resource_servers"),
			rule(HttpMethod.DELETE, "/resource-servers/**", "delete:resource_servers"),

			rule(HttpMethod.GET, "/organizations/*/client-grants", "read:organization_client_grants"),
			rule(HttpMethod.POST, "/organizations/*/client-grants", "create:organization_client_grants"),
			rule(HttpMethod.DELETE, "/organizations/*/client-grants/**", "delete:organization_client_grants"),
			rule(HttpMethod.GET, "/organizations", "read:organizations"),
			rule(HttpMethod.GET, "/organizations/**", "read:organizations"),
			rule(HttpMethod.POST, "/organizations", "create:organizations"),
			rule(HttpMethod.PATCH, "/organizations/**", "update:organizations"),
			rule(HttpMethod.DELETE, "/organizations/**", "delete:organizations"),

			rule(HttpMethod.GET, "/logs", "read:logs"), rule(HttpMethod.GET, "/logs/**", "read:logs"),

			rule(HttpMethod.GET, "/keys/signing", "read:signing_keys"),
			rule(HttpMethod.GET, "/keys/signing/**", "read:signing_keys"),
			// Auth0 asks for both: rotation creates the next key and updates the current
			// one.
			new Rule(matcher(HttpMethod.POST, "/keys/signing/rotate"),
					List.of("create:signing_keys", "update:signing_keys"), true),
			rule(HttpMethod.PUT, "/keys/signing/*/revoke", "update:signing_keys"));

	private ManagementScopes() {
	}

	/** The rule that decides this request, if one does. */
	static Optional<Rule> ruleFor(HttpServletRequest request) {
		return RULES.stream().filter(r -> r.matcher().matches(request)).findFirst();
	}

	private static Rule rule(HttpMethod method, String path, String scope) {
		return new Rule(matcher(method, path), List.of(scope), false);
	}

	/**
	 * A GET rule also covers HEAD: Spring MVC answers HEAD with the GET handler, so
	 * without this a token lacking the read scope could learn from {@code Content-Length}
	 * and the status whether a client, grant or key exists.
	 */
	private static RequestMatcher matcher(HttpMethod method, String path) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		if (method == HttpMethod.GET) {
			return new OrRequestMatcher(paths.matcher(HttpMethod.GET, BASE_PATH + path),
					paths.matcher(HttpMethod.HEAD, BASE_PATH + path));
		}
		return paths.matcher(method, BASE_PATH + path);
	}

	/**
	 * @param scopes the scopes the rule names
	 * @param all whether every one of them is required, rather than any one
	 */
	record Rule(RequestMatcher matcher, List<String> scopes, boolean all) {

		/** Auth0's words for what was expected. */
		String describe() {
			return (all ? "Insufficient scope, expected all of: " : "Insufficient scope, expected any of: ")
					+ String.join(",", scopes);
		}
	}

}
