package com.exampleco.authserver.token;

import java.time.Clock;

import com.exampleco.authserver.client.ClientCredentialsExtractor;
import com.exampleco.authserver.client.ClientSecretAuthenticator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * The token endpoint: one security filter chain, one request matcher, Spring
 * Authorization Server's client authentication and token endpoint filters with this
 * server's converters and providers added in place of the defaults it does not use. Its
 * other endpoints (authorize, introspect, revoke, device, PAR, metadata, JWKS) are
 * outside the chain's matcher: they never see a request, and those paths answer like any
 * unknown path.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

	public static final String TOKEN_ENDPOINT = "/oauth/token";

	public static final String SPRING_TOKEN_ENDPOINT = "/oauth2/token";

	public static final String JWKS_ENDPOINT = "/.well-known/jwks.json";

	public static final String SPRING_JWKS_ENDPOINT = "/oauth2/jwks";

	/**
	 * What a token request is, for every rule of the chain: any method on Auth0's or
	 * Spring's token path, matched on the decoded, normalised path (so
	 * {@code /oauth/%74oken} is the token endpoint too, and a path the firewall would
	 * have to guess about, such as {@code /oauth/token;x=y} or {@code //oauth/token}, is
	 * refused before this).
	 */
	static final RequestMatcher TOKEN_REQUESTS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(TOKEN_ENDPOINT),
			PathPatternRequestMatcher.withDefaults().matcher(SPRING_TOKEN_ENDPOINT));

	@Bean
	@Order(1)
	SecurityFilterChain tokenEndpointChain(HttpSecurity http, ClientCredentialsExtractor clientCredentials,
			ClientSecretAuthenticator clientSecrets, ClientCredentialsTokenProvider tokens, TokenResponder responses,
			TokenErrorResponder errors, TokenAdmission admission, TokenRequestProperties limits,
			TokenAdmissionProperties turns, ObjectMapper json, CorsConfigurationSource corsConfigurationSource) {
		TokenRequestFilter tokenRequests = new TokenRequestFilter(new TokenRequestParser(json), admission, errors,
				corsConfigurationSource, limits, turns);
		http.securityMatcher(TOKEN_REQUESTS)
			// Spring Security's CORS, with the CorsConfigurationSource bean: it
			// answers a preflight.
			.cors(Customizer.withDefaults())
			// First in the chain: a request that waited for its turn comes back as an
			// asynchronous dispatch, which the filters behind this one then see as
			// the request dispatch it stands for.
			.addFilterBefore(tokenRequests, DisableEncodeUrlFilter.class)
			.oauth2AuthorizationServer(server -> server.clientAuthentication(
					clientAuthentication -> clientAuthentication.authenticationConverters(converters -> {
						// Both still run, inside ClientCredentialsExtractor,
						// which refuses a request that uses both methods at
						// once.
						converters.removeIf(c -> c instanceof ClientSecretBasicAuthenticationConverter
								|| c instanceof ClientSecretPostAuthenticationConverter);
						converters.add(0, clientCredentials);
					}).authenticationProviders(providers -> {
						// Several valid secrets per client (rotation), HMAC
						// rather than bcrypt, limits.
						providers.removeIf(p -> p instanceof ClientSecretAuthenticationProvider);
						providers.add(0, clientSecrets);
					}).errorResponseHandler(errors))
				.tokenEndpoint(tokenEndpoint -> tokenEndpoint
					// Only the client credentials grant, decided per API as
					// Auth0 does.
					.accessTokenRequestConverters(converters -> {
						converters.clear();
						converters.add(new ClientCredentialsRequestConverter());
					})
					.authenticationProviders(providers -> {
						providers.clear();
						providers.add(tokens);
					})
					.accessTokenResponseHandler(responses)
					.errorResponseHandler(errors)))
			// The token endpoint authenticates the client itself and answers in RFC
			// 6749 JSON; an authorization rule here would answer a request without
			// credentials with an empty 401 before it could.
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IssuerProperties issuer) {
		return AuthorizationServerSettings.builder()
			.issuer(issuer.issuer().toString())
			.tokenEndpoint(TOKEN_ENDPOINT)
			.jwkSetEndpoint(JWKS_ENDPOINT)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
