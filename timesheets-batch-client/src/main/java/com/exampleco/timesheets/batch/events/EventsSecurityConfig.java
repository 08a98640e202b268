package com.exampleco.timesheets.batch.events;

import java.net.MalformedURLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

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

	private static final Logger log = LoggerFactory.getLogger(EventsSecurityConfig.class);

	@Bean
	@Order(1)
	SecurityFilterChain eventsSecurity(HttpSecurity http, EventsProperties properties) throws Exception {
		JwtDecoder decoder = decoder(properties);
		return http.securityMatcher("/events")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority("SCOPE_read:events"))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(failures());
						return filter;
					}
				}))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * RFC 6750 answers for a refused token; when the key set cannot be had at all (the
	 * authorization server unreachable), 503 with {@code Retry-After} instead of the
	 * server error Spring Security would otherwise raise, with its stack trace in the
	 * log.
	 */
	private static AuthenticationFailureHandler failures() {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		AtomicLong lastWarned = new AtomicLong();
		return (request, response, failure) -> {
			if (failure instanceof AuthenticationServiceException) {
				// Once a minute: a lasting cause (a wrong jwk-set-uri) is seen without a
				// line per request. The cause's own words, never the token.
				long now = System.currentTimeMillis();
				long last = lastWarned.get();
				if (now - last >= 60_000 && lastWarned.compareAndSet(last, now)) {
					Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
					log.warn("GET /events answered 503: the authorization server's keys cannot be had ({}: {})",
							cause.getClass().getSimpleName(), cause.getMessage());
				}
				response.setStatus(503);
				response.setHeader("Retry-After", "30");
				return;
			}
			bearer.commence(request, response, failure);
		};
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
			keys = new UnknownKeyRefreshLimit(keys);
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("batch.events.jwk-set-uri is not a URL: " + properties.jwkSetUri(), ex);
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		// A token without exp would be good forever (RFC 9068 §2.2 makes exp required);
		// Spring's timestamp check only judges the times a token has.
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(new JwtTypeValidator("at+jwt", "JWT"),
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull))));
		return decoder;
	}

}
