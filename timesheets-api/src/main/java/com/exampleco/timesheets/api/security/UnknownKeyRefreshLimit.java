package com.exampleco.timesheets.api.security;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * When the key set refresh is rate limited, a token whose {@code kid} is unknown simply has no key: it is an
 * invalid token (401), not a failure of this service (which Nimbus signals with an exception that would otherwise
 * end as a 5xx). This keeps a flood of tokens with made-up {@code kid}s cheap for us and harmless for the
 * authorization server.
 */
final class UnknownKeyRefreshLimit implements JWKSource<SecurityContext> {

	private final JWKSource<SecurityContext> delegate;

	UnknownKeyRefreshLimit(JWKSource<SecurityContext> delegate) {
		this.delegate = delegate;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		try {
			return this.delegate.get(selector, context);
		}
		catch (RateLimitReachedException ex) {
			return List.of();
		}
	}

}
