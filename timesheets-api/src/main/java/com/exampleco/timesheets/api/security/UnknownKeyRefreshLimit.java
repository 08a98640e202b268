package com.exampleco.timesheets.api.security;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * When the key set refresh is rate limited, a token whose {@code kid} is unknown simply
 * has no key: it is an invalid token (401), not a failure of this service (which Nimbus
 * signals with an exception that would otherwise end as a 5xx). This keeps a flood of
 * tokens with made-up {@code kid}s cheap for us and harmless for the authorization
 * server.
 *
 * <p>
 * That holds only while we have keys. When the authorization server could not be reached
 * and no key set is cached, the rate limit is still an outage: answering 401 there would
 * tell every client that its good token is bad and send it back to an authorization
 * server that is down; the failure stays a 503 to retry.
 */
final class UnknownKeyRefreshLimit implements JWKSource<SecurityContext> {

	private final JWKSource<SecurityContext> delegate;

	/**
	 * Whether the last answer of the key source was a key set (fetched or cached), not a
	 * failure to get one.
	 */
	private volatile boolean haveKeys;

	UnknownKeyRefreshLimit(JWKSource<SecurityContext> delegate) {
		this.delegate = delegate;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		try {
			List<JWK> keys = this.delegate.get(selector, context);
			this.haveKeys = true;
			return keys;
		}
		catch (RateLimitReachedException ex) {
			if (this.haveKeys) {
				return List.of();
			}
			throw new KeySourceException(
					"The authorization server's key set is unavailable and refetches are rate " + "limited", ex);
		}
		catch (KeySourceException ex) {
			this.haveKeys = false;
			throw ex;
		}
	}

}
