package com.exampleco.authserver.keys;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param encryptionKey base64 of a 32-byte AES key that encrypts the private signing keys
 * at rest. Keep it outside the database (environment, secret store); losing it means
 * issuing new keys, which invalidates every token already issued.
 * @param rsaKeySize size in bits of a newly generated RSA signing key
 */
@Validated
@ConfigurationProperties("auth-server.signing-keys")
public record SigningKeyProperties(@NotBlank String encryptionKey, @DefaultValue("2048") @Min(2048) int rsaKeySize) {
}
