package com.exampleco.authserver.token;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.exampleco.authserver.log.TokenExchangeLog;
import com.exampleco.authserver.token.AccessTokenMinter.MintedAccessToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the token response (RFC 6749 §5.1) as Auth0 does: {@code access_token},
 * {@code token_type}, {@code expires_in} and {@code scope}, never cached.
 * {@code expires_in} is the token's lifetime as issued; Spring's default writer
 * recomputes it from the clock at write time, which answers 86399 for a 24-hour token.
 * Auth0's quota headers ({@code Auth0-Client-Quota-Limit},
 * {@code Auth0-Organization-Quota-Limit}) go with it when a quota applies.
 */
@Component
class TokenResponder implements AuthenticationSuccessHandler {

	private final ObjectMapper json;

	private final TokenExchangeLog tenantLog;

	TokenResponder(ObjectMapper json, TokenExchangeLog tenantLog) {
		this.json = json;
		this.tenantLog = tenantLog;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) authentication;
		OAuth2AccessToken token = issued.getAccessToken();
		long expiresIn = Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.getTokenValue());
		body.put("token_type", token.getTokenType().getValue());
		body.put("expires_in", expiresIn);
		if (!token.getScopes().isEmpty()) {
			body.put("scope", String.join(" ", token.getScopes()));
		}
		response.setStatus(HttpServletResponse.SC_OK);
		if (authentication instanceof IssuedAccessToken withQuotas) {
			withQuotas.quotaHeaders().writeTo(response);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		byte[] bytes = json.writeValueAsBytes(body);
		response.setContentLength(bytes.length);
		logIssued(request, issued, token, expiresIn);
		response.getOutputStream().write(bytes);
	}

	/**
	 * {@code seccft}: the decoded header and claims as signed, never the compact token.
	 */
	private void logIssued(HttpServletRequest request, OAuth2AccessTokenAuthenticationToken issued,
			OAuth2AccessToken token, long expiresIn) {
		if (!(token instanceof MintedAccessToken minted)) {
			return;
		}
		RegisteredClient client = issued.getRegisteredClient();
		String method = issued.getPrincipal() instanceof OAuth2ClientAuthenticationToken principal
				&& principal.getClientAuthenticationMethod() != null
						? principal.getClientAuthenticationMethod().getValue() : null;
		tenantLog.issued(request, client.getClientId(), client.getClientName(), method, minted.header().toJSONObject(),
				minted.claims().toJSONObject(), expiresIn, token.getScopes());
	}

}
