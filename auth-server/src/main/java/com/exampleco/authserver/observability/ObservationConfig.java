package com.exampleco.authserver.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Which Micrometer observations this server records. Every request is still observed as a whole
 * ({@code http.server.requests}), and authentications still are; the per-filter observations of the security filter
 * chain are not. They wrapped each of the chain's filters in an observation of its own, and took about 29% of the
 * Java CPU samples of the token endpoint under load (JFR), for spans nobody reads.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }
}
