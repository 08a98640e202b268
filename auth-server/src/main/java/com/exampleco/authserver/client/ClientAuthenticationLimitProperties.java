package com.exampleco.authserver.client;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed client authentications are tolerated before the token endpoint answers
 * {@code 429} for a while.
 *
 * @param failuresPerClient failed authentications for one existing client id from one
 * source address per {@code period}; past that, that client id gets {@code 429} from that
 * address until the bucket refills
 * @param failuresPerAddress failed authentications from one source address per
 * {@code period}, whatever the client id (unknown ones included); the address is the
 * socket's, or the one Spring Boot's forward-headers strategy takes from a trusted proxy
 * when {@code server.forward-headers-strategy} is configured; an IPv6 address counts by
 * its /64
 * @param period the time in which a full bucket refills, gradually (one failure back
 * every period / limit)
 * @param maxTracked (client id, address) pairs and addresses tracked at once, each; the
 * least recently seen are forgotten first, so an attacker inventing addresses cannot fill
 * the memory
 */
@Validated
@ConfigurationProperties("auth-server.client-authentication.limits")
public record ClientAuthenticationLimitProperties(@DefaultValue("10") @Positive int failuresPerClient,
		@DefaultValue("50") @Positive int failuresPerAddress, @DefaultValue("1m") @NotNull Duration period,
		@DefaultValue("100000") @Positive int maxTracked) {
}
