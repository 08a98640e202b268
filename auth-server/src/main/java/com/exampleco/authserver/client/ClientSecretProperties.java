package com.exampleco.authserver.client;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How client secrets are stored and which secrets are accepted at all.
 *
 * @param pepper server-side key of the HMAC that hashes every client secret. It never
 * reaches the database, so a leaked table alone cannot be used to test guesses. Changing
 * it invalidates every stored secret that is not re-seeded from configuration.
 * @param minimumEntropyBits secrets whose estimated entropy is below this are refused
 * when a client is created.
 */
@Validated
@ConfigurationProperties("auth-server.client-secrets")
public record ClientSecretProperties(
		@NotBlank @Size(min = 32, message = "must be at least 32 characters") String pepper,
		@DefaultValue("256") @Min(128) int minimumEntropyBits) {
}
