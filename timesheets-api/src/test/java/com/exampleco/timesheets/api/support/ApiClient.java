package com.exampleco.timesheets.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to the started application, as a client makes them. */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public ApiClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public Call call(String method, String path) {
		return new Call(method, path);
	}

	public Call get(String path) {
		return call("GET", path);
	}

	public Call post(String path) {
		return call("POST", path);
	}

	public Call put(String path) {
		return call("PUT", path);
	}

	public Call delete(String path) {
		return call("DELETE", path);
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	public final class Call {

		private final HttpRequest.Builder request;

		private final String method;

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		Call(String method, String path) {
			this.method = method;
			this.request = HttpRequest.newBuilder(URI.create(ApiClient.this.baseUrl + path))
				.timeout(Duration.ofSeconds(30));
		}

		public Call bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Call header(String name, String value) {
			this.request.header(name, value);
			return this;
		}

		public Call json(String json) {
			this.request.header("Content-Type", "application/json");
			this.body = HttpRequest.BodyPublishers.ofString(json);
			return this;
		}

		/** Sent chunked, without Content-Length, as a streaming client would. */
		public Call jsonStreamed(String json) {
			this.request.header("Content-Type", "application/json");
			byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			this.body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
			return this;
		}

		public Call json(Object value) {
			return json(ApiClient.json(value));
		}

		public Response send() {
			try {
				HttpResponse<String> response = ApiClient.this.http
					.send(this.request.method(this.method, this.body).build(), HttpResponse.BodyHandlers.ofString());
				return new Response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		@Override
		public String toString() {
			return this.raw.statusCode() + " " + this.raw.headers().map() + " " + this.raw.body();
		}

	}

}
