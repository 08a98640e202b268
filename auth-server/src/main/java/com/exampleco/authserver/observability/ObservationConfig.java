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
 * observation of its own: a large share of the token endpoint's CPU for timings nobody
 * reads;</li>
 * <li>authentication and authorization observations
 * ({@code spring.security.authentications}, {@code spring.security.authorizations}): two
 * more timers and long task timers per token request, on the hot path.</li>
 * </ul>
 * The measured cost of both is in {@code docs/performance.md} ("Figures moved out of
 * comments"). A refused token request is still counted by status in
 * {@code http.server.requests}, and logged.
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
