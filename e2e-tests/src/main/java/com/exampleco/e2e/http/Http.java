package com.exampleco.e2e.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client (the JDK's), as any team's service would use against the API: no
 * Spring, no test framework, so that what passes here is what a real client sees.
 */
public final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** {@code POST} an {@code application/x-www-form-urlencoded} body. */
	public Response postForm(URI uri, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)), "POST", uri);
	}

	public Response get(URI uri, String accessToken) {
		return send(authorized(uri, accessToken).GET(), "GET", uri);
	}

	public Response put(URI uri, String accessToken) {
		return send(authorized(uri, accessToken).PUT(HttpRequest.BodyPublishers.noBody()), "PUT", uri);
	}

	/** {@code POST} without a body, e.g. an action such as a key rotation. */
	public Response post(URI uri, String accessToken) {
		return send(authorized(uri, accessToken).POST(HttpRequest.BodyPublishers.noBody()), "POST", uri);
	}

	public Response postJson(URI uri, String accessToken, String json) {
		return send(authorized(uri, accessToken).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), "POST", uri);
	}

	private static HttpRequest.Builder authorized(URI uri, String accessToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json");
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request, String method, URI uri) {
		try {
			HttpResponse<String> response = this.client.send(request.timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(method, uri.toString(), response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + uri + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + method + " " + uri, ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
