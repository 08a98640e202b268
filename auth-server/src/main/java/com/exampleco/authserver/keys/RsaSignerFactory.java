package com.exampleco.authserver.keys;

import java.security.interfaces.RSAPrivateKey;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;

/**
 * Makes the signer of the current key, once per key (not per token). The {@link #NIMBUS
 * plain Nimbus signer} is used unless an add-on (the {@code acceleration} package)
 * provides a faster one as a bean.
 */
@FunctionalInterface
public interface RsaSignerFactory {

	/** Nimbus JOSE's own RS256 signer, with the JDK's default JCA provider. */
	RsaSignerFactory NIMBUS = RSASSASigner::new;

	JWSSigner signerFor(RSAPrivateKey key);

}
