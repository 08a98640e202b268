package com.exampleco.authserver.management;

import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import com.exampleco.authserver.keys.SigningKeySet;
import com.exampleco.authserver.token.IssuerProperties;

/**
 * The management API's security: a resource server for this server's own access tokens,
 * as Auth0's Management API v2 is for the tokens of its tenant. A script gets a client
 * credentials token for the audience {@code <issuer>api/v2/} and calls {@code /api/v2/**}
 * with it; each endpoint requires the Auth0 scope {@link ManagementScopes} names.
 * <p>
 * Tokens are verified against the {@link SigningKeySet} itself rather than fetched JWKS:
 * the keys are in this process. Checked: the RS256 signature by a published key,
 * {@code typ} {@code at+jwt} (RFC 9068 §4), {@code iss}, {@code aud} = the management
 * API, {@code exp} present and not passed.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementApiSecurity {

	/**
	 * The management API's audience: {@code <issuer>api/v2/}, as Auth0's is
	 * {@code https://tenant/api/v2/}.
	 */
	public static String audience(IssuerProperties issuer) {
		return issuer.url(ManagementScopes.BASE_PATH + "/");
	}

	@Bean
	@Order(3)
	SecurityFilterChain managementApiChain(HttpSecurity http, SigningKeySet keys, IssuerProperties issuer,
			ManagementErrors errors, ManagementApiProperties properties) {
		JwtDecoder decoder = managementTokenDecoder(keys, issuer);
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(ManagementScopes.BASE_PATH + "/**"))
			.oauth2ResourceServer(resourceServer -> resourceServer
				// Named, because the DSL otherwise takes any
				// AuthenticationConverter bean of the context, and the token
				// endpoint's ClientCredentialsExtractor is one: it finds no
				// bearer token.
				.authenticationConverter(new BearerTokenAuthenticationConverter())
				.jwt(jwt -> jwt.decoder(decoder))
				.authenticationEntryPoint(errors)
				.accessDeniedHandler(errors))
			.authorizeHttpRequests(authorize -> {
				for (ManagementScopes.Rule rule : ManagementScopes.RULES) {
					List<String> authorities = rule.scopes().stream().map(s -> "SCOPE_" + s).toList();
					if (rule.all()) {
						authorize.requestMatchers(rule.matcher())
							.access(AuthorizationManagers.allOf(authorities.stream()
								.map(AuthorityAuthorizationManager::<Object>hasAuthority)
								.toList()
								.toArray(AuthorityAuthorizationManager[]::new)));
					}
					else {
						authorize.requestMatchers(rule.matcher()).hasAnyAuthority(authorities.toArray(String[]::new));
					}
				}
				// Any other path needs a valid management token and is then answered
				// 404 by the API.
				authorize.anyRequest().authenticated();
			})
			// Once the caller is known, before anything is authorized or read:
			// Auth0's 429 per client.
			.addFilterAfter(new ManagementRateLimit(properties, errors), BearerTokenAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/**
	 * Not a bean: it serves this chain only, and a {@code JwtDecoder} bean would change
	 * Boot's auto-configuration.
	 */
	static JwtDecoder managementTokenDecoder(SigningKeySet keys, IssuerProperties issuer) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		// Nimbus accepts only typ JWT by default: an access token of this server (RFC
		// 9068) and nothing else.
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		// The claims are Spring's to check, below, so that they fail as Spring Security's
		// OAuth2 errors.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		// RFC 9068's profile: typ at+jwt, iss, aud, exp (not passed), sub, iat, jti,
		// client_id.
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(issuer.issuer().toString())
			.audience(audience(issuer))
			.build());
		return decoder;
	}

}
