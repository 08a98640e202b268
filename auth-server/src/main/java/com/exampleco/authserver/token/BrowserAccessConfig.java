package com.exampleco.authserver.token;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Lets named browser origins call the token endpoint and read the JWKS and metadata, so
 * that a learner can request a token from the Timesheets API's Swagger UI.
 * Machine-to-machine clients need none of it: set
 * {@code auth-server.cors.allowed-origins} to an empty list to switch it off. Spring
 * Security's CORS filter applies it, in the token endpoint's chain and in a chain of the
 * published documents' paths.
 */
@Configuration(proxyBeanMethods = false)
class BrowserAccessConfig {

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Requested-With"));
		// A browser client must be able to read when to retry a 429 or 503 (RFC 9110
		// §10.2.3).
		cors.setExposedHeaders(List.of("Retry-After"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : List.of(AuthorizationServerConfig.TOKEN_ENDPOINT,
				AuthorizationServerConfig.SPRING_TOKEN_ENDPOINT, "/.well-known/**",
				AuthorizationServerConfig.SPRING_JWKS_ENDPOINT)) {
			source.registerCorsConfiguration(path, cors);
		}
		return source;
	}

	/**
	 * The JWKS and metadata: public documents, with CORS and nothing else of Spring
	 * Security.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain publishedDocumentsChain(HttpSecurity http) {
		http.securityMatcher("/.well-known/**", AuthorizationServerConfig.SPRING_JWKS_ENDPOINT)
			.cors(Customizer.withDefaults())
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/**
	 * @param allowedOrigins browser origins allowed to call the token endpoint, e.g. the
	 * Timesheets API's Swagger UI
	 */
	@ConfigurationProperties("auth-server.cors")
	record CorsProperties(@DefaultValue( {
			"http://localhost:8080", "http://127.0.0.1:8080" }) List<String> allowedOrigins){
	}

}
