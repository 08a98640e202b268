package com.exampleco.authserver.token;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Lets named browser origins call the token endpoint and read the JWKS and metadata, so that a learner can request a
 * token from the Timesheets API's Swagger UI. Machine-to-machine clients need none of it: set
 * {@code auth-server.cors.allowed-origins} to an empty list to switch it off.
 */
@Configuration(proxyBeanMethods = false)
class BrowserAccessConfig {

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Requested-With"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : List.of(AuthorizationServerConfig.TOKEN_ENDPOINT, AuthorizationServerConfig.SPRING_TOKEN_ENDPOINT,
                "/.well-known/**", AuthorizationServerConfig.SPRING_JWKS_ENDPOINT)) {
            source.registerCorsConfiguration(path, cors);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        // Before TokenRequestFilter, which would answer a CORS preflight (OPTIONS) with 405.
        registration.setOrder(TokenRequestFilter.ORDER - 10);
        return registration;
    }

    /**
     * @param allowedOrigins browser origins allowed to call the token endpoint, e.g. the Timesheets API's Swagger UI
     */
    @ConfigurationProperties("auth-server.cors")
    record CorsProperties(@DefaultValue({"http://localhost:8080", "http://127.0.0.1:8080"}) List<String> allowedOrigins) {
    }
}
