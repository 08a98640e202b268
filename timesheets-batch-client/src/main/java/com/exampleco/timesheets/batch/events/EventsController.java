package com.exampleco.timesheets.batch.events;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: the job's {@link RunEvent}s as Server-Sent Events
 * ({@code event: run}).
 */
@RestController
class EventsController {

	private final RunEvents events;

	EventsController(RunEvents events) {
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
