package com.exampleco.authserver.management;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param clientId the management client created at the first start, with a grant for
 * every management scope
 * @param clientName its name
 * @param clientSecret its secret; none is created when empty (a team then creates its
 * management clients through the API with an existing one, or seeds one another way).
 * Checked by the secret policy.
 * @param rateLimitCapacity requests one management client may make in a burst; the bucket
 * refills at this many requests per {@code rateLimitPeriod}. Beyond it, 429 with Auth0's
 * {@code X-RateLimit-*} headers.
 * @param rateLimitPeriod the period over which the bucket refills completely
 * @param maxTrackedClients buckets kept in memory at most, whatever the number of
 * management clients
 */
@Validated
@ConfigurationProperties("auth-server.management")
public record ManagementApiProperties(@DefaultValue("management-api-client") String clientId,
		@DefaultValue("Management API client") String clientName, String clientSecret,
		@DefaultValue("100") @Min(1) int rateLimitCapacity, @DefaultValue("10s") Duration rateLimitPeriod,
		@DefaultValue("10000") @Min(1) int maxTrackedClients) {
}
