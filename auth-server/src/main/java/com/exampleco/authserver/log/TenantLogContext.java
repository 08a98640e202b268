package com.exampleco.authserver.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the code that handles a token request adds to its tenant log event, whichever way
 * the request ends. The event ({@code seccft}, {@code feccft}, ...) is written when the
 * answer is, by {@link TokenExchangeLog}; until then any code on the request's path may
 * add entries to its {@code details}: <pre>{@code
 * TenantLogContext.of(request).detail("actions", List.of(Map.of("name", "add-claims", "result", "ok")));
 * TenantLogContext.current().ifPresent(log -> log.detail("quota", Map.of("limit", 1000, "used", 1000)));
 * }</pre> and may say which Auth0 type a refusal is ({@link #type(String)}, e.g.
 * {@link TenantLogTypes#RATE_LIMIT} for a quota). Values must be JSON values (maps,
 * lists, strings, numbers, booleans) and must never hold a secret or a compact token;
 * strings a client sent should be passed through {@link LogValues#safe(Object)} first.
 * The context is a request attribute, created only when something is added, so a request
 * that adds nothing costs nothing. One request is handled by one thread at a time, so the
 * context is not synchronised.
 */
public final class TenantLogContext {

	static final String ATTRIBUTE = TenantLogContext.class.getName();

	/**
	 * Entries one request may add; more are ignored, so a loop cannot grow an event
	 * without bound.
	 */
	static final int MAX_ENTRIES = 32;

	private final Map<String, Object> details = new LinkedHashMap<>();

	private String type;

	private TenantLogContext() {
	}

	/** The request's context, created on first use. */
	public static TenantLogContext of(HttpServletRequest request) {
		Object existing = request.getAttribute(ATTRIBUTE);
		if (existing instanceof TenantLogContext context) {
			return context;
		}
		TenantLogContext context = new TenantLogContext();
		request.setAttribute(ATTRIBUTE, context);
		return context;
	}

	/**
	 * The context of the request this thread is handling, for code that is not handed the
	 * request.
	 */
	public static Optional<TenantLogContext> current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? Optional.of(of(servlet.getRequest()))
				: Optional.empty();
	}

	/** The request's context if something was added to it, else {@code null}. */
	static TenantLogContext find(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof TenantLogContext context ? context : null;
	}

	/** Adds (or replaces) one entry of the event's {@code details}. */
	public TenantLogContext detail(String name, Object value) {
		if (details.size() < MAX_ENTRIES || details.containsKey(name)) {
			details.put(name, value);
		}
		return this;
	}

	/**
	 * The Auth0 type code of the event, in place of the one the outcome implies (a
	 * refusal by a quota, say).
	 */
	public TenantLogContext type(String auth0Type) {
		this.type = auth0Type;
		return this;
	}

	String type() {
		return type;
	}

	Map<String, Object> details() {
		return Collections.unmodifiableMap(details);
	}

}
