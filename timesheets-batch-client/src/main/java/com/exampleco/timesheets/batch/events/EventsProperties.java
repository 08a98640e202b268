package com.exampleco.timesheets.batch.events;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read {@code GET /events}: tokens of this issuer, signed with a key of this key
 * set, for this audience.
 *
 * @param issuer the {@code iss} tokens carry, exactly (Auth0 style, with its trailing
 * slash)
 * @param jwkSetUri where the authorization server publishes its keys, as this job reaches
 * it
 * @param audience the job's own API in the authorization server: a token for the
 * Timesheets API is refused here
 */
@Validated
@ConfigurationProperties("batch.events")
public record EventsProperties(@NotBlank @DefaultValue("http://localhost:9000/") String issuer,
		@NotNull @DefaultValue("http://localhost:9000/.well-known/jwks.json") URI jwkSetUri,
		@NotBlank @DefaultValue("urn:exampleco:timesheets-batch-client") String audience) {
}
