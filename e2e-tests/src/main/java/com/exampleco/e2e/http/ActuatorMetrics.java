package com.exampleco.e2e.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.exampleco.e2e.process.ManagedApp;

/** Reads one counter from an application's {@code /actuator/metrics} endpoint. */
public final class ActuatorMetrics {

	private final Http http;

	public ActuatorMetrics(Http http) {
		this.http = http;
	}

	/**
	 * @param tag {@code key:value}, or {@code null} for the total over all tags
	 * @return the counter's value; 0 when the meter does not exist yet
	 */
	public double count(ManagedApp app, String metric, String tag) {
		String query = (tag != null) ? "?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8) : "";
		URI uri = app.uri("/actuator/metrics/" + metric + query);
		Response response = this.http.get(uri, null);
		if (response.status() == 404) {
			return 0;
		}
		if (response.status() != 200) {
			throw new IllegalStateException("Cannot read " + metric + ": " + response);
		}
		for (var measurement : response.json().path("measurements")) {
			if ("COUNT".equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asDouble();
			}
		}
		return 0;
	}

}
