package com.exampleco.e2e.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;

/**
 * The readable parts of a JWS compact serialization (RFC 7515 §7.1): header and claims,
 * base64url-decoded. This only reads; it verifies nothing. The API verifies, and a client
 * should treat its access token as opaque anyway: this is here for the demo's narration
 * and for assertions about what the authorization server wrote.
 */
public record Jwt(JsonNode header, JsonNode claims) {

	public static Jwt decode(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a JWS compact serialization: " + parts.length + " parts");
		}
		return new Jwt(part(parts[0]), part(parts[1]));
	}

	private static JsonNode part(String base64url) {
		return Json.parse(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
	}

	public String kid() {
		return this.header.path("kid").asString();
	}

}
