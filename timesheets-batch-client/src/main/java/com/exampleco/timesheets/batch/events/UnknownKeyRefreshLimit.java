package com.exampleco.timesheets.batch.events;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A token whose {@code kid} is unknown while key set refetches are rate limited has no
 * key: an invalid token (401), not a failure of this job, which Nimbus signals with an
 * exception that Spring Security answers as a server error. Anyone can send made-up
 * {@code kid}s; each must cost no more than a cached lookup.
 * <p>
 * That holds only while keys were fetched. With no key set at all (the authorization
 * server unreachable since the start), the failure stays one of the service, answered 503
 * (see {@link EventsSecurityConfig}), so a good token is not called bad.
 */
final class UnknownKeyRefreshLimit implements JWKSource<SecurityContext> {

	private final JWKSource<SecurityContext> delegate;

	/** Whether the last answer was a key set (fetched or cached), not a failure. */
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
			throw new KeySourceException("The authorization server's key set is unavailable", ex);
		}
		catch (KeySourceException ex) {
			this.haveKeys = false;
			throw ex;
		}
	}

}
