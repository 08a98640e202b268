package com.exampleco.authserver.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Reads the client's credentials from the Basic {@code Authorization} header ({@code client_secret_basic}) or from
 * {@code client_id}/{@code client_secret} in the body ({@code client_secret_post}), and refuses a request that uses
 * both: RFC 6749 §2.3 allows one authentication method per request.
 */
@Component
public class ClientCredentialsExtractor implements AuthenticationConverter {

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        String bodyClientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
        String bodySecret = request.getParameter(OAuth2ParameterNames.CLIENT_SECRET);

        if (basic) {
            if (bodySecret != null) {
                throw invalidRequest("The client authenticated twice: use either the Basic Authorization header or "
                        + "client_secret in the body, not both (RFC 6749 §2.3).");
            }
            String[] idAndSecret = decodeBasic(header.substring(6).trim());
            if (bodyClientId != null && !bodyClientId.equals(idAndSecret[0])) {
                throw invalidRequest("client_id in the body differs from the client in the Authorization header.");
            }
            return new OAuth2ClientAuthenticationToken(idAndSecret[0], ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                    idAndSecret[1], null);
        }
        if (bodySecret != null) {
            if (bodyClientId == null || bodyClientId.isBlank()) {
                throw invalidRequest("client_secret was sent without client_id.");
            }
            return new OAuth2ClientAuthenticationToken(bodyClientId, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                    bodySecret, null);
        }
        return null;
    }

    /** RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined with a colon and base64-encoded. */
    private static String[] decodeBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidRequest("The Basic Authorization header is not valid base64.");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw invalidRequest("The Basic Authorization header must carry client_id:client_secret.");
        }
        try {
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw invalidRequest("The Basic Authorization header's client_id or client_secret is not form-urlencoded.");
        }
    }

    private static OAuth2AuthenticationException invalidRequest(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }
}
