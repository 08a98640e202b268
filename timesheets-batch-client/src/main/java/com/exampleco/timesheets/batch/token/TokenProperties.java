package com.exampleco.timesheets.batch.token;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the job obtains its access token. The client itself (id, secret, token URI,
 * authentication method) is a standard
 * {@code spring.security.oauth2.client.registration.*} entry; this adds what Spring has
 * no property for.
 *
 * @param registrationId the {@code spring.security.oauth2.client.registration} entry to
 * use
 * @param audience the API identifier sent as {@code audience} in the token request
 * (Auth0's parameter; the authorization server refuses a token request without one unless
 * the client has a default audience)
 * @param clockSkew a cached token is replaced this long before it expires, so that it
 * does not expire in flight
 * @param connectTimeout connect timeout towards the token endpoint
 * @param readTimeout read timeout towards the token endpoint
 * @param maxWait how long the job waits for an authorization server that is unreachable
 * or failing (5xx, 429), retrying with the backoff of {@code batch.delivery.retry}; long
 * enough by default for one that is still starting
 */
@Validated
@ConfigurationProperties("batch.token")
public record TokenProperties(@NotBlank @DefaultValue("timesheets-import-job") String registrationId,
		@NotBlank @DefaultValue("https://api.exampleco.com/timesheets") String audience,
		@NotNull @DefaultValue("60s") Duration clockSkew, @NotNull @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DefaultValue("30s") Duration readTimeout, @NotNull @DefaultValue("2m") Duration maxWait) {
}
