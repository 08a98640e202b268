package com.exampleco.authserver.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Which Micrometer observations this server records. Every request is still observed as a
 * whole ({@code http.server.requests}: a timer by URI, method, status and outcome, and a
 * span when tracing is on), which is what a dashboard of the token endpoint needs. Spring
 * Security's own observations are off:
 * <ul>
 * <li>per-filter observations of the security filter chain
 * ({@code spring.security.filterchains}), which wrapped each of the chain's filters in an
 * observation of its own and took about 29% of the Java CPU samples of the token endpoint
 * under load (JFR);</li>
 * <li>authentication and authorization observations
 * ({@code spring.security.authentications}, {@code spring.security.authorizations}): two
 * more timers and long task timers per token request. Without them the token endpoint
 * used 387-426 µs of CPU per token instead of 527-563 µs, and issued 3,773-4,400 tokens/s
 * instead of 2,674-3,107 (wrk, 32 connections, 2 cores, after 40-60 s of warm-up).</li>
 * </ul>
 * A refused token request is still counted by status in {@code http.server.requests}, and
 * logged.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthentications(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

}
