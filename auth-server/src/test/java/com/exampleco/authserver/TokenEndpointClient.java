package com.exampleco.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** What curl does in the README: real HTTP requests to the running server. */
public final class TokenEndpointClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	public TokenEndpointClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** {@code POST /oauth/token} with a form body of name/value pairs. */
	public Answer token(String... nameValuePairs) {
		return post("/oauth/token", null, "application/x-www-form-urlencoded", form(nameValuePairs));
	}

	/** The same, authenticating with an {@code Authorization: Basic} header. */
	public Answer tokenWithBasic(TestClients.Credentials client, String... nameValuePairs) {
		return post("/oauth/token", basic(client.clientId(), client.secret()), "application/x-www-form-urlencoded",
				form(nameValuePairs));
	}

	public Answer post(String path, String authorization, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	public Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
	}

	public Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public static String basic(String clientId, String secret) {
		String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	public static String form(String... nameValuePairs) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < nameValuePairs.length; i += 2) {
			parts.add(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
		}
		return String.join("&", parts);
	}

	public record Answer(int status, HttpHeaders headers, String body) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(body, Map.class);
		}

		public String error() {
			return (String) json().get("error");
		}

		public String description() {
			return (String) json().get("error_description");
		}

		public String accessToken() {
			return (String) json().get("access_token");
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

}
