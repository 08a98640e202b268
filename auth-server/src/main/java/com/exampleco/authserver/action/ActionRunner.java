package com.exampleco.authserver.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import com.exampleco.authserver.log.LogValues;
import com.exampleco.authserver.organization.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the Actions bound to the credentials-exchange trigger, in order, for one token
 * request, and says how the request ends: with the custom claims they set, or with the
 * RFC 6749 error the token endpoint answers.
 * <ul>
 * <li>{@code api.access.deny(code, reason)}: that {@code code}, {@code reason} as the
 * description; the Actions after it do not run.</li>
 * <li>An Action throws (or its promise rejects): {@code access_denied} with its error
 * message, as Auth0 answers an uncaught error in an Action.</li>
 * <li>An Action exceeds its time or memory limit, or awaits forever:
 * {@code server_error}.</li>
 * </ul>
 * Failures are logged at WARN with the Action's name and the message, in which the
 * Action's secret values are masked; denials at INFO. A reserved claim is dropped, as in
 * Auth0, with one WARN per Action and claim name.
 */
public final class ActionRunner implements AutoCloseable {

	/**
	 * Request attribute holding the {@code List<ActionOutcome>} of the request, for the
	 * tenant log.
	 */
	public static final String OUTCOMES_ATTRIBUTE = ActionOutcome.class.getName() + ".outcomes";

	/** Auth0's limit on the custom claims of one token. */
	static final int MAX_CLAIMS_BYTES = 100 * 1024;

	private static final int MAX_WARNED_CLAIMS = 1000;

	private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

	private final List<Bound> actions;

	private final String tenant;

	private final ObjectMapper json;

	private final AutoCloseable resources;

	private final Set<String> warnedClaims = ConcurrentHashMap.newKeySet();

	ActionRunner(List<Bound> actions, String tenant, ObjectMapper json, AutoCloseable resources) {
		this.actions = List.copyOf(actions);
		this.tenant = tenant;
		this.json = json;
		this.resources = resources;
	}

	/** Whether no Action is bound: then the token endpoint skips building the event. */
	public boolean isEmpty() {
		return actions.isEmpty();
	}

	public List<String> names() {
		return actions.stream().map(Bound::name).toList();
	}

	/**
	 * @param requestedScopes the scopes the request named, or {@code null} when it named
	 * none
	 * @param scopes the scopes the token will carry
	 * @param organization the organization the token is for, or {@code null}
	 * @param request the HTTP request, for {@code event.request}, or {@code null} outside
	 * one
	 */
	public Result run(CredentialsExchangeEvent.Client client, String audience, List<String> requestedScopes,
			List<String> scopes, Organization organization, HttpServletRequest request) {
		CredentialsExchangeEvent event = new CredentialsExchangeEvent(client,
				new CredentialsExchangeEvent.ResourceServer(audience),
				request(request, client, audience, requestedScopes, organization),
				new CredentialsExchangeEvent.Transaction(requestedScopes == null ? List.of() : requestedScopes),
				organization == null ? null
						: new CredentialsExchangeEvent.Organization(organization.id(), organization.name(),
								organization.displayName(), Map.of()),
				new CredentialsExchangeEvent.Tenant(tenant), Map.of(),
				new CredentialsExchangeEvent.AccessToken(List.copyOf(scopes), Map.of()));
		Map<String, Object> claims = new LinkedHashMap<>();
		List<ActionOutcome> outcomes = new ArrayList<>(actions.size());
		if (request != null) {
			request.setAttribute(OUTCOMES_ATTRIBUTE, Collections.unmodifiableList(outcomes));
		}
		for (Bound bound : actions) {
			ActionApi api = new ActionApi(bound.cache());
			long started = System.nanoTime();
			try {
				bound.action()
					.onExecuteCredentialsExchange(
							event.next(bound.secrets(), Collections.unmodifiableMap(new LinkedHashMap<>(claims))), api);
			}
			catch (RuntimeException e) {
				ActionFailure failure = e instanceof ActionFailure f ? f : new ActionFailure(ActionFailure.Kind.ERROR,
						e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
				String message = bound.masked(failure.getMessage());
				ActionOutcome.Status status = switch (failure.kind()) {
					case ERROR -> ActionOutcome.Status.FAILED;
					case TIMEOUT -> ActionOutcome.Status.TIMED_OUT;
					case MEMORY -> ActionOutcome.Status.MEMORY_EXCEEDED;
				};
				outcomes.add(new ActionOutcome(bound.name(), status, since(started), List.of(), null, message));
				log.warn("Action '{}' failed for client_id={}: {}", bound.name(), LogValues.safe(client.clientId()),
						LogValues.safe(message));
				return failure.kind() == ActionFailure.Kind.ERROR
						? Result.refused("access_denied", LogValues.truncated(message), outcomes)
						: Result.refused("server_error", message, outcomes);
			}
			warnOnce(bound, api.droppedClaims());
			api.claims().forEach((name, value) -> claims.put(name, plain(value)));
			ActionApi.Denial denial = api.denial();
			outcomes.add(new ActionOutcome(bound.name(),
					denial == null ? ActionOutcome.Status.SUCCEEDED : ActionOutcome.Status.DENIED, since(started),
					List.copyOf(api.claims().keySet()), denial == null ? null : denial.code(), null));
			if (denial != null) {
				log.info("Action '{}' denied the token request of client_id={}: {}", bound.name(),
						LogValues.safe(client.clientId()), denial.code());
				return Result.refused(denial.code(),
						denial.reason() == null ? null : LogValues.truncated(bound.masked(denial.reason())), outcomes);
			}
		}
		if (!claims.isEmpty() && json.writeValueAsBytes(claims).length > MAX_CLAIMS_BYTES) {
			log.warn("Actions {} set custom claims over {} bytes for client_id={}", names(), MAX_CLAIMS_BYTES,
					LogValues.safe(client.clientId()));
			return Result.refused("access_denied", "Custom claims payload exceeds 100 KB.", outcomes);
		}
		return new Result(Collections.unmodifiableMap(claims), null, null, outcomes);
	}

	private CredentialsExchangeEvent.Request request(HttpServletRequest request, CredentialsExchangeEvent.Client client,
			String audience, List<String> requestedScopes, Organization organization) {
		// Auth0's event.request.body: what the client posted, never its secret.
		Map<String, String> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credentials");
		body.put("client_id", client.clientId());
		body.put("audience", audience);
		if (requestedScopes != null) {
			body.put("scope", String.join(" ", requestedScopes));
		}
		if (organization != null) {
			body.put("organization", organization.id());
		}
		if (request == null) {
			return new CredentialsExchangeEvent.Request(null, "POST", null, null, null, body, Map.of());
		}
		return new CredentialsExchangeEvent.Request(request.getRemoteAddr(), request.getMethod(),
				request.getServerName(), request.getHeader("User-Agent"), request.getHeader("Accept-Language"), body,
				Map.of());
	}

	/**
	 * Claim values as JSON types (maps, lists, strings, numbers, booleans), whatever a
	 * Java Action passed.
	 */
	/**
	 * Warms every JavaScript Action up (see {@link ActionProperties#warmUpExecutions()});
	 * for a background thread.
	 */
	void warmUp(int executions, java.time.Clock clock) {
		long started = System.nanoTime();
		CredentialsExchangeEvent.Client client = new CredentialsExchangeEvent.Client("warm-up", "Warm-up", Map.of());
		CredentialsExchangeEvent event = new CredentialsExchangeEvent(client,
				new CredentialsExchangeEvent.ResourceServer("urn:warm-up"),
				request(null, client, "urn:warm-up", null, null), new CredentialsExchangeEvent.Transaction(List.of()),
				null, new CredentialsExchangeEvent.Tenant(tenant), Map.of(),
				new CredentialsExchangeEvent.AccessToken(List.of(), Map.of()));
		for (Bound bound : actions) {
			if (bound.action() instanceof JavaScriptAction script) {
				int run = script.warmUp(event, executions, new ActionCache(clock));
				log.debug("Action '{}' warmed up: {} executions", bound.name(), run);
			}
		}
		log.info("Actions warmed up in {} ms ({} executions each)",
				Duration.ofNanos(System.nanoTime() - started).toMillis(), executions);
	}

	boolean hasJavaScript() {
		return actions.stream().anyMatch(bound -> bound.action() instanceof JavaScriptAction);
	}

	private Object plain(Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return json.convertValue(value, Object.class);
	}

	private void warnOnce(Bound bound, List<String> dropped) {
		for (String claim : dropped) {
			String key = bound.name() + '\u0000' + claim;
			if (warnedClaims.size() < MAX_WARNED_CLAIMS && warnedClaims.add(key)) {
				log.warn("Action '{}' set the reserved claim '{}': not added to the token, as in Auth0 (logged once)",
						bound.name(), LogValues.safe(claim));
			}
		}
	}

	private static Duration since(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	@Override
	public void close() throws Exception {
		for (Bound bound : actions) {
			if (bound.action() instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
		if (resources != null) {
			resources.close();
		}
	}

	/**
	 * How the token request goes on: with {@code claims}, or refused with
	 * {@code errorCode}.
	 */
	public record Result(Map<String, Object> claims, String errorCode, String errorDescription,
			List<ActionOutcome> outcomes) {

		static Result refused(String code, String description, List<ActionOutcome> outcomes) {
			return new Result(Map.of(), code, description, outcomes);
		}

		public boolean refused() {
			return errorCode != null;
		}
	}

	/** A bound Action with its secrets and its cache. */
	record Bound(String name, CredentialsExchangeAction action, Map<String, String> secrets, ActionCache cache) {

		/**
		 * The text with every secret value of this Action replaced, so that it can be
		 * logged or answered.
		 */
		String masked(String text) {
			if (text == null) {
				return null;
			}
			String result = text;
			for (String secret : secrets.values()) {
				if (secret != null && !secret.isEmpty()) {
					result = result.replace(secret, "[secret]");
				}
			}
			return result;
		}
	}

}
