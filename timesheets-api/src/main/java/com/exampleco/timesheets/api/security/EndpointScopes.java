package com.exampleco.timesheets.api.security;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which scope each endpoint needs: the single table that the security filter chain
 * enforces, that the 403 answer names in its {@code scope} attribute (RFC 6750 §3), and
 * that the OpenAPI document shows.
 */
public final class EndpointScopes {

	/**
	 * One protected endpoint. {@code path} is written as in the controllers and the
	 * OpenAPI document.
	 */
	public record Rule(HttpMethod method, String path, Scope scope) {

		/**
		 * Spring MVC answers a HEAD request with the GET handler (status and
		 * Content-Length included), so a GET rule also covers HEAD: otherwise any valid
		 * token could learn through HEAD whether an entry exists.
		 */
		RequestMatcher matcher() {
			RequestMatcher matcher = PathPatternRequestMatcher.withDefaults().matcher(this.method, this.path);
			if (HttpMethod.GET.equals(this.method)) {
				return new OrRequestMatcher(matcher,
						PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, this.path));
			}
			return matcher;
		}

	}

	public static final List<Rule> RULES = List.of(new Rule(HttpMethod.POST, "/timesheets/upload", Scope.BATCH_UPLOAD),
			new Rule(HttpMethod.POST, "/timesheets", Scope.CREATE_TIMESHEETS),
			new Rule(HttpMethod.GET, "/timesheets", Scope.READ_TIMESHEETS),
			new Rule(HttpMethod.GET, "/timesheets/{id}", Scope.READ_TIMESHEETS),
			new Rule(HttpMethod.DELETE, "/timesheets/{id}", Scope.DELETE_TIMESHEETS),
			new Rule(HttpMethod.GET, "/approvals", Scope.APPROVE_TIMESHEETS),
			new Rule(HttpMethod.PUT, "/approvals/{id}", Scope.APPROVE_TIMESHEETS),
			new Rule(HttpMethod.GET, "/events", Scope.READ_EVENTS));

	private EndpointScopes() {
	}

	public static Optional<Scope> requiredFor(HttpServletRequest request) {
		return ruleFor(request).map(Rule::scope);
	}

	/**
	 * The rule of this request's endpoint, also for a request refused before it reached a
	 * controller.
	 */
	public static Optional<Rule> ruleFor(HttpServletRequest request) {
		return RULES.stream().filter((rule) -> rule.matcher().matches(request)).findFirst();
	}

	public static Optional<Scope> requiredFor(HttpMethod method, String path) {
		return RULES.stream()
			.filter((rule) -> rule.method().equals(method) && rule.path().equals(path))
			.map(Rule::scope)
			.findFirst();
	}

}
