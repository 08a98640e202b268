package com.exampleco.timesheets.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Hands every refusal of the security filter chain (no token, a token refused, a missing
 * scope, keys that cannot be fetched) to Spring MVC's exception handling, so that the
 * API's one error mapper ({@code system.ProblemDetailsAdvice}) answers it as it answers
 * every other error: RFC 6750 §3 in {@code WWW-Authenticate}, an RFC 9457 body, the same
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
		// The verdict the event stream reports (events/): why this request's token was
		// refused.
		if (failure instanceof AuthenticationServiceException) {
			TokenVerdict.unavailable().on(request);
		}
		else if (failure instanceof OAuth2AuthenticationException oauth2) {
			TokenVerdict.refused(oauth2).on(request);
		}
		else {
			TokenVerdict.noToken().on(request);
		}
		this.resolver.resolveException(request, response, null, failure);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
		TokenVerdict accepted = TokenVerdict.of(request);
		if (accepted != null) {
			accepted.insufficientScope(EndpointScopes.requiredFor(request).map(Scope::value).orElse("")).on(request);
		}
		this.resolver.resolveException(request, response, null, denied);
	}

}
