package com.exampleco.authserver.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

import com.exampleco.authserver.SpaceDelimited;
import com.exampleco.authserver.keys.SigningKeySet;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.stereotype.Component;

/**
 * Signs the access token: an RFC 9068 JWT with the claims Auth0 puts in a client
 * credentials token.
 * <p>
 * The token is not stored: a client credentials JWT is self-contained, and a row per
 * token would grow without bound under machine-to-machine load. Nimbus JOSE signs it
 * directly, with the signer of the {@link SigningKeySet}'s current key; Spring's
 * {@code NimbusJwtEncoder} offers no way to choose that signer (which the optional
 * {@code acceleration} add-ons replace).
 */
@Component
public class AccessTokenMinter {

	/**
	 * RFC 9068 §2.1: access tokens are typed, so they cannot be confused with ID tokens
	 * or other JWTs.
	 */
	static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

	private final IssuerProperties issuer;

	private final SigningKeySet keys;

	private final Clock clock;

	public AccessTokenMinter(IssuerProperties issuer, SigningKeySet keys, Clock clock) {
		this.issuer = issuer;
		this.keys = keys;
		this.clock = clock;
	}

	public OAuth2AccessToken mint(String clientId, ResourceServer api, List<String> scopes, Organization organization) {
		return mint(clientId, api, scopes, organization, Map.of());
	}

	/**
	 * @param customClaims claims the Actions set; set before the server's own, so that
	 * none of these can be replaced (the Actions have already dropped the reserved names)
	 */
	public OAuth2AccessToken mint(String clientId, ResourceServer api, List<String> scopes, Organization organization,
			Map<String, Object> customClaims) {
		// Whole seconds, as JWT times are, so that expires_in equals exp - iat exactly.
		Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = issuedAt.plus(api.tokenLifetime());
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		customClaims.forEach(claims::claim);
		claims.issuer(issuer.issuer().toString())
			.subject(clientId + "@clients")
			.audience(api.identifier())
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.claim("azp", clientId)
			.claim("client_id", clientId)
			.claim("gty", "client-credentials");
		if (!scopes.isEmpty()) {
			claims.claim("scope", SpaceDelimited.join(scopes));
		}
		if (organization != null) {
			claims.claim("org_id", organization.id());
			claims.claim("org_name", organization.name());
		}
		// The kid and the signer of one read: a rotation between two reads would name one
		// key and sign with another.
		SigningKeySet.CurrentKey key = keys.current();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(ACCESS_TOKEN_TYPE).keyID(key.kid()).build();
		JWTClaimsSet claimsSet = claims.build();
		SignedJWT jwt = new SignedJWT(header, claimsSet);
		try {
			jwt.sign(key.signer());
		}
		catch (JOSEException e) {
			throw new IllegalStateException("Could not sign the access token with key " + key.kid(), e);
		}
		return new MintedAccessToken(jwt.serialize(), issuedAt, expiresAt, new LinkedHashSet<>(scopes), header,
				claimsSet);
	}

	/**
	 * The access token with its header and claims as they were signed, so that the tenant
	 * log can show them decoded without parsing the token again.
	 */
	static final class MintedAccessToken extends OAuth2AccessToken {

		private final transient JWSHeader header;

		private final transient JWTClaimsSet claims;

		MintedAccessToken(String value, Instant issuedAt, Instant expiresAt, Set<String> scopes, JWSHeader header,
				JWTClaimsSet claims) {
			super(TokenType.BEARER, value, issuedAt, expiresAt, scopes);
			this.header = header;
			this.claims = claims;
		}

		JWSHeader header() {
			return header;
		}

		JWTClaimsSet claims() {
			return claims;
		}

	}

}
