package com.exampleco.authserver.token;

import java.time.Clock;

import com.exampleco.authserver.client.ClientCredentialsExtractor;
import com.exampleco.authserver.client.ClientSecretAuthenticator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Spring Authorization Server, narrowed to what a client credentials server offers: the token endpoint at Auth0's
 * path and the JWKS. Requests for its other endpoints (authorize, introspect, revoke, device, PAR) never reach it and
 * are answered 404 like any unknown path.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfig {

    public static final String TOKEN_ENDPOINT = "/oauth/token";
    public static final String SPRING_TOKEN_ENDPOINT = "/oauth2/token";
    public static final String JWKS_ENDPOINT = "/.well-known/jwks.json";
    public static final String SPRING_JWKS_ENDPOINT = "/oauth2/jwks";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, ClientCredentialsExtractor clientCredentials,
                                                 ClientSecretAuthenticator clientSecrets,
                                                 ClientCredentialsTokenProvider tokens,
                                                 TokenResponder responses, TokenErrorResponder errors) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.POST, TOKEN_ENDPOINT),
                        paths.matcher(HttpMethod.GET, JWKS_ENDPOINT)))
                .oauth2AuthorizationServer(server -> server
                        .clientAuthentication(clientAuthentication -> clientAuthentication
                                .authenticationConverters(converters -> {
                                    converters.removeIf(c -> c instanceof ClientSecretBasicAuthenticationConverter
                                            || c instanceof ClientSecretPostAuthenticationConverter);
                                    converters.add(0, clientCredentials);
                                })
                                .authenticationProviders(providers -> {
                                    providers.removeIf(p -> p instanceof ClientSecretAuthenticationProvider);
                                    providers.add(0, clientSecrets);
                                })
                                .errorResponseHandler(errors))
                        .tokenEndpoint(tokenEndpoint -> tokenEndpoint
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
                // The token endpoint authenticates the client itself and answers in RFC 6749 JSON; an authorization
                // rule here would answer a request without credentials with an empty 401 before it could.
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
