package com.exampleco.timesheets.api.events;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: each call to this API as it is answered, as Server-Sent Events
 * ({@code event: api_call}, data: an {@link ApiCallEvent}). Needs the scope
 * {@code read:events} ({@code security.EndpointScopes}); the flow page of the
 * authorization server is its reader. Not in the OpenAPI document: it is for observing
 * the API, not a part of it.
 */
@Hidden
@RestController
class EventsController {

	private final EventBroadcaster events;

	EventsController(EventBroadcaster events) {
		this.events = events;
	}

	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		SseEmitter emitter = this.events.subscribe();
		if (emitter == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many event stream subscribers; retry later");
		}
		return emitter;
	}

}
