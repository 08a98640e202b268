package com.exampleco.authserver.management;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Auth0's pagination: {@code page} (from 0) and {@code per_page} (at most 100 here, 50 by
 * default as Auth0's), and the answer a plain array, or with {@code include_totals=true}
 * an object {@code {"start","limit","length","total", "<resource>": [...]}}.
 */
public record Page(int page, int perPage, boolean includeTotals) {

	public static final int MAX_PER_PAGE = 100;

	public static Page of(Integer page, Integer perPage, Boolean includeTotals) {
		int p = page == null ? 0 : page;
		int size = perPage == null ? 50 : perPage;
		if (p < 0 || p > 1_000) {
			throw ManagementApiException.invalidQuery("Query validation error: 'page' must be between 0 and 1000");
		}
		if (size < 1 || size > MAX_PER_PAGE) {
			throw ManagementApiException
				.invalidQuery("Query validation error: 'per_page' must be between 1 and " + MAX_PER_PAGE);
		}
		return new Page(p, size, includeTotals != null && includeTotals);
	}

	public int offset() {
		return page * perPage;
	}

	/**
	 * The answer: the items alone, or Auth0's totals object with the items under
	 * {@code name}.
	 */
	public Object answer(String name, List<?> items, long total) {
		if (!includeTotals) {
			return items;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("start", offset());
		body.put("limit", perPage);
		body.put("length", items.size());
		body.put("total", total);
		body.put(name, items);
		return body;
	}
}
