package com.exampleco.authserver.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Where the three streams meet: each event is parsed, stripped of anything that must
 * never reach a page, tagged with its source, and handed to the browsers. Correlation (an
 * API call to the token request that issued its token, by {@code jti}) is done by the
 * page, which holds the events anyway.
 */
final class FlowHub implements ApplicationListener<ContextClosedEvent> {

	/**
	 * Defence in depth: the sources never send these, and if one ever did, the page still
	 * would not show them.
	 */
	private static final Set<String> NEVER_SHOWN = Set.of("client_secret", "access_token", "refresh_token", "id_token",
			"authorization", "password", "secret");

	private final JsonMapper json;

	private final FlowBroadcaster browsers;

	private final Map<String, Map<String, Object>> statuses = new LinkedHashMap<>();

	FlowHub(JsonMapper json, FlowBroadcaster browsers) {
		this.json = json;
		this.browsers = browsers;
	}

	/**
	 * Ends the browsers' streams as the context closes, before Tomcat's graceful
	 * shutdown, which open streams would otherwise hold for its whole wait.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		browsers.closeAll();
	}

	void accept(String source, String event, String data) {
		JsonNode parsed;
		try {
			parsed = json.readTree(data);
		}
		catch (JacksonException ex) {
			return;
		}
		if (!(parsed instanceof ObjectNode object)) {
			return;
		}
		scrub(object, 0);
		Map<String, Object> merged = new LinkedHashMap<>();
		merged.put("source", source);
		merged.put("event", event);
		merged.put("received", Instant.now().toString());
		merged.put("data", object);
		browsers.publish("flow", merged);
	}

	synchronized void status(String source, String state, String reason) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("source", source);
		status.put("state", state);
		if (reason != null) {
			status.put("reason", reason);
		}
		status.put("date", Instant.now().toString());
		Map<String, Object> previous = statuses.put(source, status);
		if (previous == null || !state.equals(previous.get("state"))) {
			browsers.publish("status", status);
		}
	}

	/**
	 * A browser's stream: the state of each source, then the recent events, then each new
	 * one.
	 */
	synchronized org.springframework.web.servlet.mvc.method.annotation.SseEmitter subscribe() {
		return browsers.subscribe(new ArrayList<>(statuses.values()));
	}

	static void scrub(JsonNode node, int depth) {
		if (depth > 8) {
			return;
		}
		if (node instanceof ObjectNode object) {
			List<String> names = new ArrayList<>(object.propertyNames());
			for (String name : names) {
				if (NEVER_SHOWN.contains(name.toLowerCase(Locale.ROOT))) {
					object.remove(name);
				}
				else {
					scrub(object.get(name), depth + 1);
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(child -> scrub(child, depth + 1));
		}
	}

}
