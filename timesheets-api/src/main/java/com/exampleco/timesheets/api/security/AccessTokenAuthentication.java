package com.exampleco.timesheets.api.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated access token into an authentication whose authorities are its scopes,
 * read from both the space-separated {@code scope} claim (RFC 8693 §4.2, RFC 9068 §2.2.3)
 * and the {@code scp} array some servers use, and whose name is the calling client.
 */
final class AccessTokenAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		for (String claim : new String[] { "scope", "scp" }) {
			scopes(jwt.getClaims().get(claim))
				.forEach((scope) -> authorities.add(new SimpleGrantedAuthority(Scope.authorityOf(scope))));
		}
		return new JwtAuthenticationToken(jwt, authorities, Caller.from(jwt).clientId());
	}

	private static Set<String> scopes(Object claim) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claim instanceof String text) {
			for (String scope : text.trim().split("\\s+")) {
				if (!scope.isEmpty()) {
					scopes.add(scope);
				}
			}
		}
		else if (claim instanceof Collection<?> values) {
			values.forEach((value) -> scopes.addAll(scopes(value)));
		}
		return scopes;
	}

}
