package com.exampleco.e2e.http;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/**
 * An HTTP answer as a client sees it.
 *
 * @param method the request's method
 * @param uri the request's URI
 * @param status the status code
 * @param headers the response headers
 * @param body the body as text (empty when there is none)
 */
public record Response(String method, String uri, int status, HttpHeaders headers, String body) {

	public JsonNode json() {
		return Json.parse(this.body);
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	@Override
	public String toString() {
		return this.method + " " + this.uri + " -> " + this.status + " " + this.body;
	}

}
