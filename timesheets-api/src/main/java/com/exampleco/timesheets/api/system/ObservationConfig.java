package com.exampleco.timesheets.api.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Which Micrometer observations this API records. Every request is observed as a whole
 * ({@code http.server.requests}: a timer by URI, method, status and outcome, and a span
 * when tracing is on), which is what a dashboard of the API needs; a request refused for
 * its token is counted there with its 401 or 403. Spring Security's own observations are
 * off: an observation around each filter of the security filter chain
 * ({@code spring.security.filterchains}) and one per authentication and authorization
 * ({@code spring.security.authentications}, {@code spring.security.authorizations}), each
 * with a timer and a long task timer, on every request.
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
