package com.exampleco.timesheets.api.acceleration;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Spring's key selector with each published key turned into a Java key once rather than
 * on every verification.
 *
 * <p>
 * {@link JWSVerificationKeySelector} decodes a matching JWK's modulus and builds a public
 * key with a {@link KeyFactory} for every token it checks. Here that conversion is
 * remembered per JWK; which keys apply is still asked of the key source on every call, so
 * a key the authorization server withdraws verifies nothing once the key set is
 * refetched. With a JCA provider of its own (ACCP), the key is also translated into that
 * provider's key type once, which the provider would otherwise do on every verification.
 */
final class ConvertedKeySelector implements JWSKeySelector<SecurityContext> {

	/**
	 * Far more keys than a key set holds at a time (the current one, the next, the
	 * previous); the remembered conversions start over when there are more, so a stream
	 * of rotations cannot grow them without bound.
	 */
	static final int MAX_KEYS = 16;

	private final JWSVerificationKeySelector<SecurityContext> standard;

	private final Provider provider;

	private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

	/**
	 * @param standard the selector it stands in for: its accepted algorithms and its key
	 * source
	 * @param provider the JCA provider that verifies signatures, or {@code null} for the
	 * JDK's default
	 */
	ConvertedKeySelector(JWSVerificationKeySelector<SecurityContext> standard, Provider provider) {
		this.standard = standard;
		this.provider = provider;
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		// The same refusals as the standard selector: an algorithm not accepted, or a
		// header no key could match.
		if (!this.standard.isAllowed(header.getAlgorithm())) {
			return List.of();
		}
		JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
		if (matcher == null) {
			return List.of();
		}
		List<JWK> matches = this.standard.getJWKSource().get(new JWKSelector(matcher), context);
		if (matches.size() == 1) {
			return keys(matches.get(0));
		}
		List<Key> keys = new ArrayList<>();
		for (JWK jwk : matches) {
			keys.addAll(keys(jwk));
		}
		return keys;
	}

	/** How many published keys have their Java keys remembered. */
	int remembered() {
		return this.converted.size();
	}

	private List<Key> keys(JWK jwk) {
		List<Key> keys = this.converted.get(jwk);
		if (keys == null) {
			if (this.converted.size() >= MAX_KEYS) {
				this.converted.clear();
			}
			keys = convert(jwk);
			this.converted.put(jwk, keys);
		}
		return keys;
	}

	private List<Key> convert(JWK jwk) {
		List<Key> keys = new ArrayList<>();
		for (Key key : KeyConverter.toJavaKeys(List.of(jwk))) {
			// Only public keys: the accepted algorithms are asymmetric
			// (ResourceServerProperties).
			if (key instanceof PublicKey publicKey) {
				keys.add(translate(publicKey));
			}
		}
		return List.copyOf(keys);
	}

	private PublicKey translate(PublicKey key) {
		if (this.provider == null) {
			return key;
		}
		try {
			return (PublicKey) KeyFactory.getInstance(key.getAlgorithm(), this.provider).translateKey(key);
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			// The provider has no key type of its own for this algorithm: it verifies
			// with the key as it is.
			return key;
		}
	}

}
