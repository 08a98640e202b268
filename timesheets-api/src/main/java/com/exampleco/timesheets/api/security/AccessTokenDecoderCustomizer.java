package com.exampleco.timesheets.api.security;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;

import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A change to how {@link AccessTokenDecoderConfig} verifies access tokens that the API
 * can do without: the optional add-ons (package {@code acceleration}) are beans of this
 * type. With none, Spring Security's decoder checks every token on its own; an add-on may
 * make that cheaper, never more permissive.
 */
public interface AccessTokenDecoderCustomizer {

	/**
	 * Changes the Nimbus processor before the decoder is built (its key selector, its
	 * verifier factory).
	 */
	default void customize(ConfigurableJWTProcessor<SecurityContext> processor) {
	}

	/**
	 * Wraps the finished decoder. The wrapper must still refuse whatever the decoder
	 * refuses: it may skip work only where it can show the answer would be the same.
	 */
	default JwtDecoder decorate(JwtDecoder decoder) {
		return decoder;
	}

}
