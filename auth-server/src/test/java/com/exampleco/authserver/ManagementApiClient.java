package com.exampleco.authserver;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * What a script does with curl against {@code /api/v2}: a management token, then real
 * HTTP calls with it.
 */
final class ManagementApiClient {

	private final TokenEndpointClient http;

	private final String baseUrl;

	private String token;

	ManagementApiClient(int port) {
		this.http = new TokenEndpointClient(port);
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** A token of the seeded management client; with {@code scope}, only those scopes. */
	static String token(TokenEndpointClient server, TestClients.Credentials client, String scope) {
		var answer = scope == null
				? server.token("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret",
						client.secret(), "audience", TestClients.MANAGEMENT_API)
				: server.token("grant_type", "client_credentials", "client_id", client.clientId(), "client_secret",
						client.secret(), "audience", TestClients.MANAGEMENT_API, "scope", scope);
		if (answer.status() != 200) {
			throw new IllegalStateException("No management token: " + answer.status() + " " + answer.body());
		}
		return answer.accessToken();
	}

	/** Calls with a token of every management scope. */
	ManagementApiClient withAllScopes() {
		this.token = token(http, TestClients.MANAGEMENT, null);
		return this;
	}

	ManagementApiClient withToken(String token) {
		this.token = token;
		return this;
	}

	TokenEndpointClient.Answer get(String path) {
		return call("GET", path, null);
	}

	TokenEndpointClient.Answer post(String path, String json) {
		return call("POST", path, json);
	}

	TokenEndpointClient.Answer patch(String path, String json) {
		return call("PATCH", path, json);
	}

	TokenEndpointClient.Answer put(String path, String json) {
		return call("PUT", path, json);
	}

	TokenEndpointClient.Answer delete(String path) {
		return call("DELETE", path, null);
	}

	TokenEndpointClient.Answer call(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request);
	}

}
