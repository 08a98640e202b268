package com.exampleco.authserver.client;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Reads the client's credentials with Spring Authorization Server's own converters, from
 * the Basic {@code Authorization} header ({@code client_secret_basic}) or from
 * {@code client_id}/{@code client_secret} in the body ({@code client_secret_post}), and
 * adds what they leave out: a request that uses both is refused, as RFC 6749 §2.3 allows
 * one authentication method per request, and their errors get a description a developer
 * can act on.
 */
@Component
public class ClientCredentialsExtractor implements AuthenticationConverter {

	private final AuthenticationConverter basic = new ClientSecretBasicAuthenticationConverter();

	private final AuthenticationConverter post = new ClientSecretPostAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String bodyClientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		String bodySecret = request.getParameter(OAuth2ParameterNames.CLIENT_SECRET);
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			if (bodySecret != null) {
				throw invalidRequest("The client authenticated twice: use either the Basic Authorization header or "
						+ "client_secret in the body, not both (RFC 6749 §2.3).");
			}
			Authentication client;
			try {
				client = basic.convert(request);
			}
			catch (OAuth2AuthenticationException e) {
				throw invalidRequest("The Basic Authorization header must be the base64 of client_id:client_secret, "
						+ "each form-urlencoded (RFC 6749 §2.3.1).");
			}
			if (client != null && bodyClientId != null && !bodyClientId.equals(client.getPrincipal())) {
				throw invalidRequest("client_id in the body differs from the client in the Authorization header.");
			}
			return client;
		}
		if (bodySecret != null && (bodyClientId == null || bodyClientId.isBlank())) {
			throw invalidRequest("client_secret was sent without client_id.");
		}
		return post.convert(request);
	}

	private static OAuth2AuthenticationException invalidRequest(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
	}

}
