package com.exampleco.timesheets.api.security;

import java.util.Arrays;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * Who may call what: the public documentation and health endpoints, then
 * {@link EndpointScopes}, then "any valid token" for everything else (so an unknown path
 * answers 404 only to an authenticated client).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	SecurityFilterChain api(HttpSecurity http, BearerTokenErrors errors, ResourceServerProperties properties)
			throws Exception {
		http.authorizeHttpRequests((authorize) -> {
			authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			authorize
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs",
						"/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll();
			EndpointScopes.RULES
				.forEach((rule) -> authorize.requestMatchers(rule.matcher()).hasAuthority(rule.scope().authority()));
			authorize.anyRequest().authenticated();
		});
		http.oauth2ResourceServer((resourceServer) -> resourceServer
			.jwt((jwt) -> jwt.jwtAuthenticationConverter(new AccessTokenAuthentication()))
			.authenticationEntryPoint(errors)
			.accessDeniedHandler(errors)
			// RFC 9728 metadata at /.well-known/oauth-protected-resource: where to get
			// tokens, which scopes exist.
			.protectedResourceMetadata((metadata) -> metadata
				.protectedResourceMetadataCustomizer((resource) -> resource.resourceName("Timesheets API")
					.authorizationServer(properties.issuer())
					.scopes((scopes) -> Arrays.stream(Scope.values()).map(Scope::value).forEach(scopes::add))
					.tlsClientCertificateBoundAccessTokens(false)))
			.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
				@Override
				public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
					// By default a failure to fetch the keys is rethrown and ends as a
					// bare 500; we answer 503.
					AuthenticationEntryPointFailureHandler failureHandler = new AuthenticationEntryPointFailureHandler(
							errors);
					failureHandler.setRethrowAuthenticationServiceException(false);
					filter.setAuthenticationFailureHandler(failureHandler);
					return filter;
				}
			}));
		http.addFilterAfter(new AcceptedTokenFilter(), BearerTokenAuthenticationFilter.class);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		// Bearer tokens in a header, no cookies, no sessions: CSRF cannot ride on
		// anything here.
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		http.requestCache((cache) -> cache.disable());
		return http.build();
	}

}
