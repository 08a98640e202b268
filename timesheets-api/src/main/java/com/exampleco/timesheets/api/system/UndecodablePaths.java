package com.exampleco.timesheets.api.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses with 400 a path that is not valid percent-encoding, before anything parses it.
 * Tomcat decodes the path but not its path parameters, so {@code /timesheets/;%} reaches
 * the application, where Spring fails to decode it at every step (the security filter
 * chain's path matching, then the error page's own answer): a 500, on a request any
 * client can send. Written here and not through Spring MVC, which cannot answer for such
 * a path; the body is the valve's. Error dispatches are checked too: Tomcat refuses some
 * requests (TRACE) before any filter, and its error page then carries the undecodable
 * path to Spring as the original request URI.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UndecodablePaths extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
			if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
				UriUtils.decode(original, StandardCharsets.UTF_8);
			}
		}
		catch (IllegalArgumentException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(ProblemErrorReportValve.body(HttpStatus.BAD_REQUEST.value()));
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
