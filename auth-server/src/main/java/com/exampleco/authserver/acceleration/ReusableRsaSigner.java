package com.exampleco.authserver.acceleration;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * An RS256 {@link JWSSigner} for Nimbus JOSE that keeps its initialised {@link Signature}
 * objects and reuses them.
 * <p>
 * Nimbus's {@code RSASSASigner} asks for a new {@code Signature} and initialises it with
 * the private key for every token. With Amazon Corretto Crypto Provider, that
 * initialisation turns the Java key into a native one each time, which costs about as
 * much as the signature itself (figures in {@code docs/performance.md}, "auth-server: the
 * token signing add-ons"). A {@code Signature} is back in its initialised state after
 * {@code sign()} (JCA contract of {@code Signature.sign}), so one per concurrent caller
 * is kept in a pool.
 */
public final class ReusableRsaSigner implements JWSSigner {

	private static final String ALGORITHM = "SHA256withRSA";

	private final PrivateKey key;

	private final Provider provider;

	private final JCAContext jcaContext = new JCAContext();

	private final Queue<Signature> idle = new ConcurrentLinkedQueue<>();

	/**
	 * @param provider the JCA provider, or {@code null} for the JDK's default
	 */
	public ReusableRsaSigner(PrivateKey key, Provider provider) {
		this.key = key;
		this.provider = provider;
		jcaContext.setProvider(provider);
	}

	@Override
	public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			throw new JOSEException("This signer makes RS256 signatures only, not " + header.getAlgorithm());
		}
		try {
			Signature signature = idle.poll();
			if (signature == null) {
				signature = provider == null ? Signature.getInstance(ALGORITHM)
						: Signature.getInstance(ALGORITHM, provider);
				signature.initSign(key);
			}
			signature.update(signingInput);
			byte[] value = signature.sign();
			// Only an object whose sign() succeeded is known to be back in its
			// initialised state.
			idle.offer(signature);
			return Base64URL.encode(value);
		}
		catch (GeneralSecurityException e) {
			throw new JOSEException("RS256 signature failed: " + e.getMessage(), e);
		}
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return Set.of(JWSAlgorithm.RS256);
	}

	@Override
	public JCAContext getJCAContext() {
		return jcaContext;
	}

}
