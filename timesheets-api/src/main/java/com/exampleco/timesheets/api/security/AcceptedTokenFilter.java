package com.exampleco.timesheets.api.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs right after the bearer token filter: a request that gets here with a token carries
 * a verified one, which {@link TokenVerdict} keeps on the request for the call's event
 * (the security context is cleared before the response is complete, and a 403 never
 * reaches a controller).
 */
final class AcceptedTokenFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			TokenVerdict.accepted(jwt.getToken()).on(request);
		}
		chain.doFilter(request, response);
	}

}
