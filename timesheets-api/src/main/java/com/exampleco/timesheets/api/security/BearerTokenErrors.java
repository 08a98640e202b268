package com.exampleco.timesheets.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Hands every refusal of the security filter chain (no token, a token refused, a missing scope, keys that cannot be
 * fetched) to Spring MVC's exception handling, so that the API's one error mapper ({@code system.ProblemDetailsAdvice})
 * answers it as it answers every other error: RFC 6750 §3 in {@code WWW-Authenticate}, an RFC 9457 body, the same
 * bounds.
 */
@Component
class BearerTokenErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	BearerTokenErrors(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) {
		this.resolver.resolveException(request, response, null, failure);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
		this.resolver.resolveException(request, response, null, denied);
	}

}
