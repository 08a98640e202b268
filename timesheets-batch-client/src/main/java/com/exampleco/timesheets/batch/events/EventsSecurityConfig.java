package com.exampleco.timesheets.batch.events;

import java.net.MalformedURLException;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /events} is the one endpoint of the job that is a protected resource: a bearer
 * token from the authorization server for this job's own audience
 * ({@code urn:exampleco:timesheets-batch-client} by default, its own API in the
 * authorization server, so that a token for the Timesheets API cannot read the job's
 * events) with the scope {@code read:events}. Everything else stays with
 * {@code system.ActuatorSecurityConfig}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EventsProperties.class)
class EventsSecurityConfig {

	@Bean
	@Order(1)
	SecurityFilterChain eventsSecurity(HttpSecurity http, EventsProperties properties) throws Exception {
		JwtDecoder decoder = decoder(properties);
		return http.securityMatcher("/events")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority("SCOPE_read:events"))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder)))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * Not a bean, so that nothing else in the job takes it for its own. The key set is
	 * cached and its refetches rate limited: Spring's {@code withJwkSetUri} refetches for
	 * every unknown {@code kid}, which anyone can send. The type is RFC 9068's
	 * {@code at+jwt}, which the authorization server puts on its access tokens.
	 */
	private static JwtDecoder decoder(EventsProperties properties) {
		JWKSource<SecurityContext> keys;
		try {
			keys = JWKSourceBuilder
				.<SecurityContext>create(properties.jwkSetUri().toURL(),
						new DefaultResourceRetriever(2_000, 2_000, 64 * 1024))
				.cache(true)
				.rateLimited(30_000)
				.retrying(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("batch.events.jwk-set-uri is not a URL: " + properties.jwkSetUri(), ex);
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(new JwtTypeValidator("at+jwt", "JWT"),
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()))));
		return decoder;
	}

}
