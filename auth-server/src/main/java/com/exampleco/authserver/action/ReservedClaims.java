package com.exampleco.authserver.action;

import java.util.Set;

/**
 * Claim names an Action may not set: those Auth0 restricts
 * (https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims), plus
 * {@code scope}, which this server owns. Auth0 then neither fails the transaction nor
 * adds the claim; so does this server.
 */
final class ReservedClaims {

	private static final Set<String> NAMES = Set.of("acr", "act", "active", "amr", "at_hash", "ath", "attest", "aud",
			"auth_time", "authorization_details", "azp", "c_hash", "client_id", "cnf", "cty", "dest", "entitlements",
			"events", "exp", "groups", "gty", "htm", "htu", "iat", "internalService", "iss", "jcard", "jku", "jti",
			"jwe", "jwk", "kid", "may_act", "mky", "nbf", "nonce", "object_id", "org_id", "org_name", "orig", "origid",
			"permissions", "roles", "rph", "s_hash", "sid", "sub", "sub_jwk", "toe", "txn", "typ", "uuid", "vot", "vtm",
			"x5t#S256",
			// Not in Auth0's list, but owned by the server: the granted scopes are
			// decided before the Actions run.
			"scope");

	private ReservedClaims() {
	}

	static boolean isReserved(String name) {
		// sip_callid, sip_cseq_num, sip_date, sip_from_tag, sip_via_branch; and Auth0's
		// own namespace.
		return NAMES.contains(name) || name.startsWith("sip_") || name.startsWith("urn:auth0");
	}

}
