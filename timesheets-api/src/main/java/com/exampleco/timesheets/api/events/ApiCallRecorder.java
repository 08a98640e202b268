package com.exampleco.timesheets.api.events;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import com.exampleco.timesheets.api.security.EndpointScopes;
import com.exampleco.timesheets.api.security.TokenVerdict;
import com.exampleco.timesheets.api.system.AnsweredProblem;

/**
 * Around the whole request, security included: once the answer is decided, one
 * {@link ApiCallEvent} for the {@code /events} subscribers. Costs one volatile read per
 * request while nobody listens. The event stream itself, the documentation and the
 * actuator are not API calls and are not reported.
 */
final class ApiCallRecorder extends OncePerRequestFilter {

	private static final int MAX_PATH = 200;

	private final EventBroadcaster events;

	ApiCallRecorder(EventBroadcaster events) {
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.events.listening() || !reported(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.events.publish(event(request, response.getStatus(), (System.nanoTime() - started) / 1_000_000));
		}
	}

	private static boolean reported(String uri) {
		return !(uri.equals("/events") || uri.startsWith("/actuator") || uri.startsWith("/v3/api-docs")
				|| uri.startsWith("/swagger-ui") || uri.equals("/favicon.ico") || uri.startsWith("/.well-known/"));
	}

	static ApiCallEvent event(HttpServletRequest request, int status, long durationMs) {
		TokenVerdict verdict = TokenVerdict.of(request);
		Jwt token = (verdict != null) ? verdict.token() : null;
		String path = path(request);
		String scopeNeeded = EndpointScopes.ruleFor(request).map((rule) -> rule.scope().value()).orElse(null);
		String code;
		String reason = null;
		String description = null;
		if (verdict != null && !"ok".equals(verdict.code())) {
			code = verdict.code();
			reason = verdict.reason();
			description = verdict.description();
		}
		else if (status >= 400) {
			code = "problem";
			ProblemDetail problem = AnsweredProblem.of(request);
			HttpStatus known = HttpStatus.resolve(status);
			reason = (problem != null && problem.getTitle() != null) ? problem.getTitle()
					: (known != null) ? known.getReasonPhrase() : null;
			description = (problem != null) ? problem.getDetail() : null;
		}
		else {
			code = "ok";
		}
		return new ApiCallEvent(Instant.now(), request.getMethod(), path, status, code, reason, description,
				scopeNeeded, (token != null) ? client(token) : null, (token != null) ? scopes(token) : null,
				(token != null) ? token.getId() : null, (token != null) ? token.getClaimAsString("org_id") : null,
				durationMs);
	}

	/**
	 * The endpoint's template where one matched, so that the page groups calls and no
	 * entry id is repeated.
	 */
	private static String path(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
			return pattern;
		}
		return EndpointScopes.ruleFor(request).map(EndpointScopes.Rule::path).orElseGet(() -> {
			String uri = request.getRequestURI();
			return (uri.length() > MAX_PATH) ? uri.substring(0, MAX_PATH) + "..." : uri;
		});
	}

	private static String client(Jwt token) {
		String azp = token.getClaimAsString("azp");
		return (azp != null) ? azp : token.getClaimAsString("client_id");
	}

	private static String scopes(Jwt token) {
		Object scope = token.getClaims().get("scope");
		if (scope instanceof Collection<?> values) {
			return String.join(" ", values.stream().map(String::valueOf).toList());
		}
		return (scope != null) ? scope.toString() : null;
	}

}
