package com.exampleco.authserver.log;

/**
 * The Auth0 log event type codes this server writes (Auth0's "Log Event Type Codes"
 * reference).
 */
public final class TenantLogTypes {

	/** Success Exchange: Client Credentials for Access Token. */
	public static final String SUCCESS_CLIENT_CREDENTIALS = "seccft";

	/**
	 * Failed Exchange: Client Credentials for Access Token; every RFC 6749 §5.2 refusal
	 * of the token endpoint.
	 */
	public static final String FAILED_CLIENT_CREDENTIALS = "feccft";

	/**
	 * Blocked Account: too many failed authentications of one client from one address
	 * (429).
	 */
	public static final String BLOCKED_CLIENT = "limit_wc";

	/**
	 * Blocked IP Address: too many failed authentications from one address, whatever the
	 * client (429).
	 */
	public static final String BLOCKED_ADDRESS = "limit_mu";

	/**
	 * Rate Limit on the Authentication or Management APIs: a quota or rate limit refused
	 * the request.
	 */
	public static final String RATE_LIMIT = "api_limit";

	/** Successful API Operation: a Management API write (POST, PATCH, PUT, DELETE). */
	public static final String SUCCESS_API_OPERATION = "sapi";

	/** Failed API Operation: a Management API write that was refused or failed. */
	public static final String FAILED_API_OPERATION = "fapi";

	private TenantLogTypes() {
	}

}
