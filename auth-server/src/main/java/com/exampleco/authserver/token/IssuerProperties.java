package com.exampleco.authserver.token;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this authorization server says it lives.
 *
 * @param issuer the {@code iss} of every token and the base of every published URL. Auth0
 * writes it with a trailing slash ({@code https://tenant.auth0.com/}); resource servers
 * compare it as an exact string.
 */
@Validated
@ConfigurationProperties("auth-server")
public record IssuerProperties(@NotNull URI issuer) {

	/** The issuer without its trailing slash, to which endpoint paths are appended. */
	public String baseUrl() {
		String value = issuer.toString();
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	public String url(String path) {
		return baseUrl() + path;
	}
}
