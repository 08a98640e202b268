package com.exampleco.authserver.token;

import com.exampleco.authserver.SpaceDelimited;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Turns a token request into a {@link ClientCredentialsGrantRequest}. This server issues
 * tokens only for the client credentials grant, so every other {@code grant_type} is
 * {@code unsupported_grant_type} (RFC 6749 §5.2). Presence and uniqueness of the
 * parameters were already checked by {@link TokenRequestFilter}.
 */
class ClientCredentialsRequestConverter implements AuthenticationConverter {

	static final String AUDIENCE = "audience";
	static final String RESOURCE = "resource";
	static final String ORGANIZATION = "organization";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(grantType)) {
			throw TokenErrors.error(OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, "Grant type '" + grantType
					+ "' is not supported by this server; it issues tokens for grant_type=client_credentials.");
		}
		String audience = blankToNull(request.getParameter(AUDIENCE));
		String resource = blankToNull(request.getParameter(RESOURCE));
		if (audience != null && resource != null && !audience.equals(resource)) {
			throw TokenErrors.error(OAuth2ErrorCodes.INVALID_REQUEST,
					"audience and resource name different APIs; send one of them (resource is RFC 8707's name for "
							+ "audience).");
		}
		String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		return new ClientCredentialsGrantRequest(client, audience != null ? audience : resource,
				blankToNull(request.getParameter(ORGANIZATION)),
				scope == null || scope.isBlank() ? null : SpaceDelimited.split(scope));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
