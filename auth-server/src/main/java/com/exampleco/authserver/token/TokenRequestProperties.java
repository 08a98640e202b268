package com.exampleco.authserver.token;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on the body of a token request, read in full before the request may take an
 * admission turn.
 *
 * @param maxBodySize the largest body accepted, whatever its content type or transfer
 * encoding; a larger one is answered {@code 413 invalid_request}. A client credentials
 * request is a few hundred bytes.
 * @param bodyDeadline how long a client may take to send its whole body, counted from the
 * moment the request arrives (not per read, as Tomcat's connection timeout is); a slower
 * one is answered {@code 408 invalid_request} and its connection closed.
 */
@Validated
@ConfigurationProperties("auth-server.token.request")
public record TokenRequestProperties(@DefaultValue("8KB") @NotNull DataSize maxBodySize,
		@DefaultValue("2s") @NotNull Duration bodyDeadline) {

	int maxBodyBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 1, maxBodySize.toBytes());
	}
}
