package com.exampleco.authserver.acceleration;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The switches of the add-ons, all on by default.
 *
 * @param corretto sign tokens with Amazon Corretto Crypto Provider where the build ships
 * it ({@link CorrettoSignatures}); off: the JDK signs
 * @param reusableSigner keep initialised {@code Signature} objects per key
 * ({@link ReusableRsaSigner}); off: Nimbus's {@code RSASSASigner} initialises one per
 * token
 */
@Validated
@ConfigurationProperties("auth-server.acceleration")
public record AccelerationProperties(@DefaultValue @Valid Switch corretto, @DefaultValue @Valid Switch reusableSigner) {

	/**
	 * @param enabled whether the add-on is in use
	 */
	public record Switch(@DefaultValue("true") boolean enabled) {
	}

}
