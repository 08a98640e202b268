package com.exampleco.timesheets.api.acceleration;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.StringUtils;

/**
 * Remembers, for a few minutes, the tokens the decoder accepted, so that a client sending
 * the same token with every request (a machine-to-machine client does, for the token's
 * whole lifetime) has its signature verified once.
 *
 * <p>
 * What it may skip and what it may not:
 * <ul>
 * <li>Only tokens the decoder accepted are remembered, looked up by their exact text. A
 * token that fails to parse, verify or validate is not, so a forged or altered token
 * costs a full verification every time.</li>
 * <li>The validators (typ, exp and nbf, iss, aud, sub) run again on every request: a
 * remembered token is refused the second it expires.</li>
 * <li>The key the token names must still be published as it was when the token was
 * verified: each request asks the key source (cached) again. A key withdrawn or replaced
 * sends the token back to the decoder, which refuses it.</li>
 * <li>At most {@code maximum-size} tokens (least recently used ones go first), each for
 * {@code time-to-live} after its verification, so memory is bounded whatever tokens
 * clients send.</li>
 * </ul>
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder decoder;

	private final JWKSource<SecurityContext> keys;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Verified> verified;

	/**
	 * @param decoder the complete decoder: parses, verifies and validates
	 * @param keys the decoder's key source
	 * @param validator the decoder's validator, run again on remembered tokens
	 */
	VerifiedTokens(JwtDecoder decoder, JWKSource<SecurityContext> keys, OAuth2TokenValidator<Jwt> validator,
			AccelerationProperties.VerifiedTokenCache cache) {
		this.decoder = decoder;
		this.keys = keys;
		this.validator = validator;
		// Caffeine evicts in the background: with a maximum size of 0 it would still hold
		// a token for a moment.
		this.verified = (cache.maximumSize() > 0)
				? Caffeine.newBuilder().maximumSize(cache.maximumSize()).expireAfterWrite(cache.timeToLive()).build()
				: null;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Verified known = (this.verified != null) ? this.verified.getIfPresent(token) : null;
		if (known == null || !stillPublished(known.published())) {
			// The keys are read before the decoder verifies: if the key set changes in
			// between, the remembered keys are the older ones, and the next request sends
			// the token to the decoder again.
			Published published = (this.verified != null) ? publishedKeys(token) : null;
			Jwt jwt = this.decoder.decode(token);
			if (published != null) {
				this.verified.put(token, new Verified(jwt, published));
			}
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(known.jwt());
		if (result.hasErrors()) {
			throw new JwtValidationException(message(result.getErrors()), result.getErrors());
		}
		return known.jwt();
	}

	/** How many verified tokens are remembered now. */
	long remembered() {
		if (this.verified == null) {
			return 0;
		}
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	/**
	 * The token's header and the keys published for it now, or {@code null} when there is
	 * no telling.
	 */
	private Published publishedKeys(String token) {
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return null;
		}
		try {
			JWSHeader header = JWSHeader.parse(new Base64URL(token.substring(0, dot)));
			JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
			return (matcher != null) ? new Published(matcher, this.keys.get(new JWKSelector(matcher), null)) : null;
		}
		catch (ParseException | KeySourceException | RuntimeException ex) {
			// Not a JWS, or no key set: the decoder says why; such a token is not
			// remembered.
			return null;
		}
	}

	private boolean stillPublished(Published published) {
		try {
			return this.keys.get(new JWKSelector(published.matcher()), null).equals(published.keys());
		}
		catch (KeySourceException ex) {
			// The key set is unavailable: the decoder reports it as the outage it is.
			return false;
		}
	}

	/** As Spring's decoder words a validation failure. */
	private static String message(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (StringUtils.hasLength(error.getDescription())) {
				return "An error occurred while attempting to decode the Jwt: " + error.getDescription();
			}
		}
		return "Unable to validate Jwt";
	}

	/** A token the decoder accepted, and the keys that were published for it then. */
	private record Verified(Jwt jwt, Published published) {
	}

	/**
	 * Which keys a token's header selects, and the keys published for it at one moment.
	 */
	private record Published(JWKMatcher matcher, List<JWK> keys) {
	}

}
