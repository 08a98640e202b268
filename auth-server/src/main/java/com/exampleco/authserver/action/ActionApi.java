package com.exampleco.authserver.action;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Auth0's {@code api} object for the credentials-exchange trigger
 * (https://auth0.com/docs/customize/actions/explore-triggers/machine-to-machine-trigger/credentials-exchange-api-object):
 * {@code api.accessToken().setCustomClaim(name, value)},
 * {@code api.access().deny(code, reason)} and {@code api.cache()}. One instance per
 * Action execution; it records what the Action asked for.
 */
public final class ActionApi {

	/** The codes {@code api.access.deny} accepts, as Auth0 documents them. */
	public static final Set<String> DENY_CODES = Set.of("invalid_scope", "invalid_request", "server_error");

	private final AccessToken accessToken = new AccessToken();

	private final Access access = new Access();

	private final ActionCache cache;

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private final List<String> droppedClaims = new ArrayList<>(0);

	private Denial denial;

	ActionApi(ActionCache cache) {
		this.cache = cache;
	}

	public AccessToken accessToken() {
		return accessToken;
	}

	public Access access() {
		return access;
	}

	public ActionCache cache() {
		return cache;
	}

	/** {@code api.accessToken}. */
	public final class AccessToken {

		private AccessToken() {
		}

		/**
		 * Sets a claim on the token. As in Auth0, a claim the server owns or Auth0
		 * restricts ({@code iss}, {@code
		 * sub}, {@code scope}, ...; see {@link ReservedClaims}) is not added, and the
		 * request does not fail.
		 */
		public ActionApi setCustomClaim(String name, Object value) {
			if (name == null || ReservedClaims.isReserved(name)) {
				droppedClaims.add(String.valueOf(name));
			}
			else {
				claims.put(name, value);
			}
			return ActionApi.this;
		}

	}

	/** {@code api.access}. */
	public final class Access {

		private Access() {
		}

		/**
		 * Denies the token: the token endpoint answers with {@code code} as the RFC 6749
		 * error and {@code reason} as its description. The first denial counts.
		 * @param code one of {@code invalid_scope}, {@code invalid_request},
		 * {@code server_error}
		 */
		public ActionApi deny(String code, String reason) {
			if (code == null || !DENY_CODES.contains(code)) {
				throw new IllegalArgumentException(
						"api.access.deny: code must be one of invalid_scope, " + "invalid_request, server_error");
			}
			if (denial == null) {
				denial = new Denial(code, reason);
			}
			return ActionApi.this;
		}

	}

	/**
	 * A denial: the RFC 6749 error code and the Action's reason ({@code null} when it
	 * gave none).
	 */
	public record Denial(String code, String reason) {
	}

	Map<String, Object> claims() {
		return Collections.unmodifiableMap(claims);
	}

	List<String> droppedClaims() {
		return droppedClaims;
	}

	Denial denial() {
		return denial;
	}

}
