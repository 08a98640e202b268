package com.exampleco.e2e;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.process.ManagedApp;

/**
 * Every entry the API holds for a caller, read page by page as a reporting client would.
 */
public final class ApiEntries {

	private static final int PAGE_SIZE = 100;

	private ApiEntries() {
	}

	public static List<JsonNode> all(Http http, ManagedApp api, String accessToken) {
		List<JsonNode> entries = new ArrayList<>();
		for (int page = 0;; page++) {
			Response response = http.get(api.uri("/timesheets?size=" + PAGE_SIZE + "&page=" + page), accessToken);
			if (response.status() != 200) {
				throw new IllegalStateException("Listing entries failed: " + response);
			}
			JsonNode body = response.json();
			body.path("items").forEach(entries::add);
			if (page + 1 >= body.path("total_pages").asInt()) {
				return entries;
			}
		}
	}

	/** What identifies an entry of {@link SampleEntries}: employee, date and project. */
	public static String identity(JsonNode entry) {
		return entry.path("employee_id").asString() + "|" + entry.path("date").asString() + "|"
				+ entry.path("project").asString();
	}

}
