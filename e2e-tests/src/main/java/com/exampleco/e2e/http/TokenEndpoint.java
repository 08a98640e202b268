package com.exampleco.e2e.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.exampleco.e2e.landscape.ClientCredentials;

/**
 * {@code POST /oauth/token} with the client credentials grant, as in Auth0's
 * documentation: the client's id and secret in the form body ({@code client_secret_post})
 * and the API's identifier as {@code audience}.
 */
public final class TokenEndpoint {

	private final Http http;

	private final URI tokenUri;

	public TokenEndpoint(Http http, URI tokenUri) {
		this.http = http;
		this.tokenUri = tokenUri;
	}

	public URI uri() {
		return this.tokenUri;
	}

	public Response request(ClientCredentials client, String audience) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_id", client.clientId());
		form.put("client_secret", client.secret());
		form.put("audience", audience);
		return this.http.postForm(this.tokenUri, form);
	}

	/**
	 * @throws IllegalStateException when the authorization server refuses
	 */
	public String accessToken(ClientCredentials client, String audience) {
		Response response = request(client, audience);
		if (response.status() != 200) {
			throw new IllegalStateException(
					"Token request of " + client.clientId() + " for " + audience + " refused: " + response);
		}
		return response.json().path("access_token").asString();
	}

}
