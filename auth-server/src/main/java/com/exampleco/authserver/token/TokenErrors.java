package com.exampleco.authserver.token;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Token endpoint errors carry an RFC 6749 §5.2 code and a description meant for the
 * developer who reads it.
 */
final class TokenErrors {

	static final String ACCESS_DENIED = "access_denied";

	private TokenErrors() {
	}

	static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
	}

}
