package com.exampleco.authserver.flow;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /flow}: the page (static HTML, one script, one style sheet, from
 * {@code resources/flow}: no build step, nothing from another origin), and
 * {@code GET /flow/events}: the merged events as Server-Sent Events ({@code event: flow}
 * for the services' events, {@code event: status} for each stream's connection).
 */
@RestController
@ConditionalOnProperty(name = "auth-server.flow-page.enabled", havingValue = "true")
class FlowPageController {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	private final FlowHub hub;

	FlowPageController(FlowHub hub) {
		this.hub = hub;
	}

	@GetMapping("/flow")
	ResponseEntity<Resource> page() {
		return file("flow/flow.html", MediaType.parseMediaType("text/html;charset=UTF-8"));
	}

	@GetMapping("/flow/flow.js")
	ResponseEntity<Resource> script() {
		return file("flow/flow.js", JAVASCRIPT);
	}

	@GetMapping("/flow/flow.css")
	ResponseEntity<Resource> style() {
		return file("flow/flow.css", CSS);
	}

	@GetMapping(path = "/flow/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		SseEmitter emitter = hub.subscribe();
		if (emitter == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many flow pages open");
		}
		return emitter;
	}

	private static ResponseEntity<Resource> file(String path, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			.body(new ClassPathResource(path, FlowPageController.class.getClassLoader()));
	}

}
