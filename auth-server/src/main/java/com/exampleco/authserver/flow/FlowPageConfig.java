package com.exampleco.authserver.flow;

import java.time.Duration;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.ClientRepository;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import com.exampleco.authserver.token.IssuerProperties;

/**
 * The flow page ({@code auth-server.flow-page.enabled}, on in the demo profile): its
 * server side is a client credentials client of this very server ({@code flow-viewer}),
 * with one token per stream it reads, as any service reading Auth0's log stream would be.
 * Its client registrations and token cache are not beans, so that nothing else of the
 * server picks them up. The controller carries the same condition.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "auth-server.flow-page.enabled", havingValue = "true")
class FlowPageConfig {

	static final String LOGS = "auth";

	static final String API = "api";

	static final String BATCH = "batch";

	/** A few browser tabs; each holds a thread and a queue. */
	static final int MAX_BROWSERS = 8;

	static final int BROWSER_BUFFER = 2048;

	/** What a newly opened page shows at once: the demo's narration and a little more. */
	static final int RECENT_EVENTS = 500;

	@Bean
	FlowHub flowHub(JsonMapper json) {
		return new FlowHub(json,
				new FlowBroadcaster(MAX_BROWSERS, BROWSER_BUFFER, RECENT_EVENTS, Duration.ofMinutes(30)));
	}

	@Bean
	FlowStreams flowStreams(FlowPageProperties properties, IssuerProperties issuer, FlowHub hub,
			Environment environment) {
		return new FlowStreams(properties, issuer, hub,
				() -> "http://127.0.0.1:" + environment.getProperty("local.server.port", "9000"));
	}

	@EventListener(ApplicationReadyEvent.class)
	void startStreams(ApplicationReadyEvent event) {
		var context = event.getApplicationContext();
		LogStreamGrant.ensure(context.getBean(FlowPageProperties.class).clientId(),
				context.getBean(IssuerProperties.class), context.getBean(ClientRepository.class),
				context.getBean(ResourceServerRepository.class), context.getBean(ClientGrantRepository.class));
		context.getBean(FlowStreams.class).start();
	}

	/**
	 * The page republishes what the three read-scoped streams hold (client ids, scopes,
	 * addresses, the precise reasons tokens were refused), so it answers only the
	 * addresses of {@code allowed-addresses}: the learner's own machine and private
	 * networks (a Docker bridge) by default, never the internet. It holds no secret and
	 * no token, and has a strict Content-Security-Policy: its own script and style only,
	 * nothing inline, no frame, no form target elsewhere. Events carry client-controlled
	 * text (client names, user agents, scopes as sent); the script renders them as text,
	 * and this policy is the second line.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain flowPageChain(HttpSecurity http, FlowPageProperties properties) {
		List<IpAddressMatcher> allowed = properties.allowedAddresses().stream().map(IpAddressMatcher::new).toList();
		http.securityMatcher("/flow", "/flow/**")
			.authorizeHttpRequests(authorize -> authorize.anyRequest()
				.access((authentication, context) -> new AuthorizationDecision(
						allowed.stream().anyMatch(matcher -> matcher.matches(context.getRequest().getRemoteAddr())))))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
						+ "style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; "
						+ "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
