package com.exampleco.timesheets.batch.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The job serves only actuator: health for orchestrators, info and metrics for operators.
 * Metrics hold counts, never entries or tokens. Everything else is refused; in particular
 * there is no login (the OAuth2 client here is a client of other services, not a way to
 * sign in).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ActuatorSecurityConfig {

	@Bean
	public SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(
					(requests) -> requests
						.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
								"/actuator/metrics", "/actuator/metrics/**")
						.permitAll()
						.anyRequest()
						.denyAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
