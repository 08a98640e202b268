package com.exampleco.authserver.token;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the token response (RFC 6749 §5.1) as Auth0 does: {@code access_token}, {@code token_type},
 * {@code expires_in} and {@code scope}, never cached. {@code expires_in} is the token's lifetime as issued; Spring's
 * default writer recomputes it from the clock at write time, which answers 86399 for a 24-hour token. Auth0's quota
 * headers ({@code Auth0-Client-Quota-Limit}, {@code Auth0-Organization-Quota-Limit}) go with it when a quota applies.
 */
@Component
class TokenResponder implements AuthenticationSuccessHandler {

    private final ObjectMapper json;

    TokenResponder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AccessToken token = ((OAuth2AccessTokenAuthenticationToken) authentication).getAccessToken();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.getTokenValue());
        body.put("token_type", token.getTokenType().getValue());
        body.put("expires_in", Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds());
        if (!token.getScopes().isEmpty()) {
            body.put("scope", String.join(" ", token.getScopes()));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        if (authentication instanceof IssuedAccessToken issued) {
            issued.quotaHeaders().writeTo(response);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
