package com.exampleco.timesheets.api.security;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Nimbus's key selector, with each published key turned into a Java key once rather than on every request.
 *
 * <p>{@link JWSVerificationKeySelector} finds the keys that match a token's header in the (cached) key set and then
 * converts each from JWK to a Java public key: it decodes the modulus from Base64 and builds the key with a
 * {@link KeyFactory}, on every request (5% of the CPU samples of an authenticated {@code GET} under load, JFR). Here
 * that conversion is remembered per JWK. Which keys apply is still decided on every request, by the key source, so a
 * key the authorization server withdraws verifies nothing once the key set is refetched. With a faster JCA provider
 * the key is also translated into that provider's own key type once, rather than on every verification.
 *
 * <p>Only public keys are selected: the accepted algorithms are asymmetric ({@link ResourceServerProperties}).
 */
final class ConvertedKeySelector extends JWSVerificationKeySelector<SecurityContext> {

	/**
	 * Far more keys than a key set holds at a time (the current one, the next, the previous); the remembered
	 * conversions start over when there are more, which happens only after many rotations.
	 */
	static final int MAX_KEYS = 16;

	private final JWKSource<SecurityContext> keySource;

	private final Provider provider;

	private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

	/**
	 * @param provider the JCA provider that verifies signatures, or {@code null} for the JDK's default
	 */
	ConvertedKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keySource, Provider provider) {
		super(algorithms, keySource);
		this.keySource = keySource;
		this.provider = provider;
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (!isAllowed(header.getAlgorithm())) {
			return List.of();
		}
		JWKMatcher matcher = createJWKMatcher(header);
		if (matcher == null) {
			return List.of();
		}
		List<JWK> matches = this.keySource.get(new JWKSelector(matcher), context);
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
			// The provider has no key type of its own for this algorithm: it verifies with the key as it is.
			return key;
		}
	}

}
