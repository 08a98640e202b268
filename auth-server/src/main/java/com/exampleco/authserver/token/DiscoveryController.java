package com.exampleco.authserver.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorization server metadata (RFC 8414), also served at OpenID Connect's discovery
 * path, where Auth0 publishes it and where most libraries look first.
 * <p>
 * Written here rather than by Spring Authorization Server, whose metadata always
 * announces an authorization endpoint, introspection, revocation and grants that this
 * server does not offer. It is not an OpenID Provider (it issues no ID tokens), so
 * OIDC-only fields are absent.
 */
@RestController
class DiscoveryController {

	private final Map<String, Object> metadata;

	DiscoveryController(IssuerProperties issuer) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer.issuer().toString());
		document.put("token_endpoint", issuer.url(AuthorizationServerConfig.TOKEN_ENDPOINT));
		document.put("jwks_uri", issuer.url(AuthorizationServerConfig.JWKS_ENDPOINT));
		document.put("grant_types_supported", List.of("client_credentials"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		// RFC 8414 requires the member; no response type applies when there is no
		// authorization endpoint.
		document.put("response_types_supported", List.of());
		document.put("token_endpoint_auth_signing_alg_values_supported", List.of());
		document.put("access_token_signing_alg_values_supported", List.of("RS256"));
		this.metadata = Collections.unmodifiableMap(document);
	}

	@GetMapping({ "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	ResponseEntity<Map<String, Object>> metadata() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(metadata);
	}

}
