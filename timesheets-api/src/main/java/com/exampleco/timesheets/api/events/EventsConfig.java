package com.exampleco.timesheets.api.events;

import java.time.Duration;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The API's event stream for the flow page. A team without the page deletes this package,
 * the {@code /events} rule of {@code security.EndpointScopes} and the scope
 * {@code read:events}.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfig {

	/**
	 * A handful of watchers (the flow page, a learner's curl); each holds a thread and a
	 * queue.
	 */
	static final int MAX_SUBSCRIBERS = 4;

	/**
	 * Events a subscriber may fall behind before it is cut off: a few seconds of a busy
	 * batch upload.
	 */
	static final int BUFFER_SIZE = 1024;

	/**
	 * A stream is closed after this long; EventSource reconnects, and a forgotten curl
	 * does not hold a thread.
	 */
	static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(30);

	@Bean
	EventBroadcaster apiCallEvents() {
		return new EventBroadcaster("api_call", MAX_SUBSCRIBERS, BUFFER_SIZE, CONNECTION_LIFETIME);
	}

	/**
	 * Outside Spring Security's chain, so that its answers (401, 403) are reported too.
	 */
	@Bean
	FilterRegistrationBean<ApiCallRecorder> apiCallRecorder(EventBroadcaster apiCallEvents) {
		FilterRegistrationBean<ApiCallRecorder> registration = new FilterRegistrationBean<>(
				new ApiCallRecorder(apiCallEvents));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
