package com.exampleco.authserver.token;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves Spring Authorization Server's default paths ({@code /oauth2/token}, {@code /oauth2/jwks}) as well as
 * Auth0's, by forwarding to the latter, so clients written for either find the same behaviour.
 */
@Component
@Order(TokenRequestFilter.ORDER + 1)
public class EndpointAliasFilter extends OncePerRequestFilter {

    private static final Map<String, String> ALIASES = Map.of(
            AuthorizationServerConfig.SPRING_TOKEN_ENDPOINT, AuthorizationServerConfig.TOKEN_ENDPOINT,
            AuthorizationServerConfig.SPRING_JWKS_ENDPOINT, AuthorizationServerConfig.JWKS_ENDPOINT);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String target = ALIASES.get(request.getRequestURI().substring(request.getContextPath().length()));
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        request.getRequestDispatcher(target).forward(request, response);
    }
}
