package com.exampleco.timesheets.api.support;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens shaped like the authorization server's (RS256, {@code typ: at+jwt},
 * Auth0's claims), and the forged and broken variants the API must refuse.
 */
public final class AccessTokens {

	private final RSAKey key;

	private final Map<String, Object> claims = new HashMap<>();

	private String type = "at+jwt";

	private String kid;

	private RSAKey signWith;

	AccessTokens(RSAKey key) {
		this.key = key;
		this.kid = key.getKeyID();
		this.signWith = key;
		Instant now = Instant.now();
		client("import-job");
		this.claims.put("iss", TestAuthorizationServer.ISSUER);
		this.claims.put("aud", TestAuthorizationServer.AUDIENCE);
		this.claims.put("gty", "client-credentials");
		this.claims.put("iat", Date.from(now));
		this.claims.put("exp", Date.from(now.plusSeconds(3600)));
		this.claims.put("jti", UUID.randomUUID().toString());
	}

	public AccessTokens client(String clientId) {
		this.claims.put("sub", clientId + "@clients");
		this.claims.put("azp", clientId);
		this.claims.put("client_id", clientId);
		return this;
	}

	public AccessTokens scope(String scope) {
		return claim("scope", scope);
	}

	public AccessTokens organization(String orgId) {
		claim("org_name", "Organization " + orgId);
		return claim("org_id", orgId);
	}

	public AccessTokens audience(Object audience) {
		return claim("aud", audience);
	}

	public AccessTokens issuer(String issuer) {
		return claim("iss", issuer);
	}

	public AccessTokens expiresAt(Instant expiry) {
		return claim("exp", Date.from(expiry));
	}

	public AccessTokens issuedAt(Instant issuedAt) {
		return claim("iat", Date.from(issuedAt));
	}

	public AccessTokens notBefore(Instant notBefore) {
		return claim("nbf", Date.from(notBefore));
	}

	public AccessTokens claim(String name, Object value) {
		this.claims.put(name, value);
		return this;
	}

	public AccessTokens without(String claim) {
		this.claims.remove(claim);
		return this;
	}

	public AccessTokens type(String type) {
		this.type = type;
		return this;
	}

	public AccessTokens keyId(String kid) {
		this.kid = kid;
		return this;
	}

	/**
	 * Signs with another RSA key while keeping the published key's {@code kid}: a
	 * forgery.
	 */
	public AccessTokens signedWith(RSAKey other) {
		this.signWith = other;
		return this;
	}

	private JWTClaimsSet claimsSet() {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		this.claims
			.forEach((name, value) -> builder.claim(name, (value instanceof List<?> list) ? List.copyOf(list) : value));
		return builder.build();
	}

	/** RS256, as the authorization server signs. */
	public String rs256() {
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.kid);
		if (this.type != null) {
			header.type(new JOSEObjectType(this.type));
		}
		SignedJWT jwt = new SignedJWT(header.build(), claimsSet());
		try {
			jwt.sign(new RSASSASigner(this.signWith));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/** {@code alg: none}, no signature at all. */
	public String unsigned() {
		return new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType(this.type)).build(), claimsSet())
			.serialize();
	}

	/**
	 * HS256 with the published public key's bytes as the HMAC secret: the classic
	 * algorithm confusion attack against verifiers that let the token choose the
	 * algorithm.
	 */
	public String hs256WithPublicKeyBytes() {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.kid)
			.type(new JOSEObjectType(this.type))
			.build();
		SignedJWT jwt = new SignedJWT(header, claimsSet());
		try {
			jwt.sign(new MACSigner(this.key.toRSAPublicKey().getEncoded()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
