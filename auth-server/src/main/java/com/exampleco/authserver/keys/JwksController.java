package com.exampleco.authserver.keys;

import java.util.Map;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.exampleco.authserver.token.AuthorizationServerConfig;

/**
 * The public signing keys (RFC 7517), at Auth0's path and Spring Authorization Server's:
 * one handler for both paths, rather than an alias filter in front of the framework's
 * endpoint.
 */
@RestController
class JwksController {

	private final SigningKeySet keys;

	JwksController(SigningKeySet keys) {
		this.keys = keys;
	}

	@GetMapping(value = { AuthorizationServerConfig.JWKS_ENDPOINT, AuthorizationServerConfig.SPRING_JWKS_ENDPOINT },
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> jwks() {
		JWKSet published = new JWKSet(keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null));
		return ResponseEntity.ok(published.toPublicJWKSet().toJSONObject());
	}

}
