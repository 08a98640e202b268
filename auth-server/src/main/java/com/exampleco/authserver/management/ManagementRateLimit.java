package com.exampleco.authserver.management;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auth0's management API rate limit: a token bucket (Bucket4j) per management client, the
 * {@code client_id} of its token; every answer carries {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (UTC epoch seconds when the
 * bucket is full again), and an empty bucket is a 429 in Auth0's error shape with
 * {@code Retry-After} (RFC 6585 §4). A script that loops too fast is slowed down rather
 * than allowed to starve the token endpoint of database connections and CPU.
 * <p>
 * Not a bean: a filter bean would be registered for every path by Boot; it runs in the
 * management chain only, after the bearer token is authenticated. Buckets are per
 * instance (several instances each allow the limit).
 */
final class ManagementRateLimit extends OncePerRequestFilter {

	private final Bandwidth limit;

	private final int capacity;

	private final long refillNanosPerToken;

	private final Cache<String, Bucket> buckets;

	private final ManagementErrors errors;

	ManagementRateLimit(ManagementApiProperties properties, ManagementErrors errors) {
		this.capacity = properties.rateLimitCapacity();
		this.limit = Bandwidth.builder()
			.capacity(capacity)
			.refillGreedy(capacity, properties.rateLimitPeriod())
			.build();
		this.refillNanosPerToken = properties.rateLimitPeriod().toNanos() / capacity;
		// A bucket untouched for a whole period is full again: forgetting it changes
		// nothing.
		this.buckets = Caffeine.newBuilder()
			.maximumSize(properties.maxTrackedClients())
			.expireAfterAccess(properties.rateLimitPeriod())
			.build();
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			// No valid token: the chain answers 401 without touching anything worth
			// limiting.
			chain.doFilter(request, response);
			return;
		}
		String clientId = token.getToken().getClaimAsString("client_id");
		Bucket bucket = buckets.get(clientId == null ? token.getName() : clientId,
				key -> Bucket.builder().addLimit(limit).build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		long remaining = probe.getRemainingTokens();
		long nanosUntilFull = (capacity - remaining) * refillNanosPerToken;
		response.setHeader("X-RateLimit-Limit", Integer.toString(capacity));
		response.setHeader("X-RateLimit-Remaining", Long.toString(remaining));
		response.setHeader("X-RateLimit-Reset",
				Long.toString(Instant.now().plusNanos(nanosUntilFull).getEpochSecond() + 1));
		if (!probe.isConsumed()) {
			long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
			response.setHeader("Retry-After", Long.toString(retryAfter));
			errors.write(response, HttpStatus.TOO_MANY_REQUESTS, "Global limit has been reached", "too_many_requests");
			return;
		}
		chain.doFilter(request, response);
	}

}
