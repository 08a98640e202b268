package com.exampleco.timesheets.api.security;

import java.security.Key;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
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
 * The API's {@link JwtDecoder}: it remembers, for a few minutes, the tokens whose signature it has verified, and
 * checks everything else about a token on every request.
 *
 * <p>A machine-to-machine client sends the same token with every request for hours (the batch client caches it for
 * its whole lifetime). Verifying its signature again each time was the largest cost of an authenticated request:
 * Nimbus decodes the token's three parts with a constant-time Base64 codec and checks the RS256 signature, about
 * 40 µs per request even with Amazon Corretto Crypto Provider ({@code bench/jmh}, AccessTokenValidationBenchmark).
 * Envoy's {@code jwt_authn} filter keeps such a cache of verified tokens for the same reason.
 *
 * <p>What is remembered and what is not:
 * <ul>
 *     <li>Only tokens whose signature verified, looked up by the token's exact text. A token that fails to parse or
 *     verify is not remembered, so a forged or altered token costs a full verification every time, as before.</li>
 *     <li>The validators (typ, exp and nbf, iss, aud, sub) run on every request, on the remembered claims: an expired
 *     token is refused the second after it expires.</li>
 *     <li>The key that verified it must still be the one the authorization server publishes for the token's
 *     {@code kid}: each request asks the key set (cached, see {@link AccessTokenDecoderConfig}) again. A key that is
 *     withdrawn or replaced sends the token back to full verification, which refuses it.</li>
 *     <li>At most {@code maximum-size} tokens are remembered (least recently used ones go first), each for
 *     {@code time-to-live} after its verification. A maximum size of 0 verifies every token every time.</li>
 * </ul>
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final ConvertedKeySelector keys;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Verified> verified;

	/**
	 * @param verifier parses a token and verifies its signature, and validates nothing else
	 * @param keys the verifier's key selector
	 * @param validator the checks every token passes on every request
	 */
	VerifiedTokens(JwtDecoder verifier, ConvertedKeySelector keys, OAuth2TokenValidator<Jwt> validator,
			ResourceServerProperties.VerifiedTokenCache cache) {
		this.verifier = verifier;
		this.keys = keys;
		this.validator = validator;
		// Caffeine evicts in the background: with a maximum size of 0 it would still hold a token for a moment.
		this.verified = (cache.maximumSize() > 0)
				? Caffeine.newBuilder().maximumSize(cache.maximumSize()).expireAfterWrite(cache.timeToLive()).build()
				: null;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Verified known = (this.verified != null) ? this.verified.getIfPresent(token) : null;
		Jwt jwt;
		if (known != null && stillPublished(known)) {
			jwt = known.jwt();
		}
		else {
			// The keys are taken before the signature is verified: if the key set changes in between, the remembered
			// keys are the older ones, and the next request verifies the token again.
			Published published = (this.verified != null) ? publishedKeys(token) : null;
			jwt = this.verifier.decode(token);
			if (published != null) {
				this.verified.put(token, new Verified(jwt, published));
			}
		}
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException(message(result.getErrors()), result.getErrors());
		}
		return jwt;
	}

	/** How many verified tokens are remembered now. */
	long remembered() {
		if (this.verified == null) {
			return 0;
		}
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	/** The token's header and the keys published for it now, or {@code null} when there is no telling. */
	private Published publishedKeys(String token) {
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return null;
		}
		try {
			JWSHeader header = JWSHeader.parse(new Base64URL(token.substring(0, dot)));
			return new Published(header, this.keys.selectJWSKeys(header, null));
		}
		catch (ParseException | KeySourceException | RuntimeException ex) {
			// Not a JWS, or no key set: the verifier says why; such a token is not remembered.
			return null;
		}
	}

	private boolean stillPublished(Verified known) {
		try {
			return this.keys.selectJWSKeys(known.published().header(), null).equals(known.published().keys());
		}
		catch (KeySourceException ex) {
			// The key set is unavailable: full verification reports it as the outage it is.
			return false;
		}
	}

	/** As {@code NimbusJwtDecoder} words a validation failure, which {@link BearerTokenErrors} passes on. */
	private static String message(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (StringUtils.hasLength(error.getDescription())) {
				return "An error occurred while attempting to decode the Jwt: " + error.getDescription();
			}
		}
		return "Unable to validate Jwt";
	}

	/** A token whose signature verified, and the keys that were published for it when it was verified. */
	private record Verified(Jwt jwt, Published published) {
	}

	/**
	 * A token's header, which selects its keys, and the keys published for it at one moment
	 * ({@link ConvertedKeySelector} hands out the same key objects for as long as a key is published).
	 */
	private record Published(JWSHeader header, List<Key> keys) {
	}

}
