package com.exampleco.authserver.token;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.exampleco.authserver.SpaceDelimited;
import com.exampleco.authserver.keys.SigningKeySet;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.resourceserver.ResourceServer;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs the access token: an RFC 9068 JWT with the claims Auth0 puts in a client credentials token.
 * <p>
 * The token is not stored: a client credentials JWT is self-contained, and a row per token would grow without bound
 * under machine-to-machine load.
 */
@Component
public class AccessTokenMinter {

    /** RFC 9068 §2.1: access tokens are typed, so they cannot be confused with ID tokens or other JWTs. */
    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final IssuerProperties issuer;
    private final SigningKeySet keys;
    private final JwtEncoder encoder;
    private final Clock clock;

    public AccessTokenMinter(IssuerProperties issuer, SigningKeySet keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.encoder = new NimbusJwtEncoder(keys);
        this.clock = clock;
    }

    public OAuth2AccessToken mint(String clientId, ResourceServer api, List<String> scopes, Organization organization) {
        Instant issuedAt = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer.issuer().toString())
                .subject(clientId + "@clients")
                .audience(List.of(api.identifier()))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(api.tokenLifetime()))
                .id(UUID.randomUUID().toString())
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
        JwtClaimsSet claimSet = claims.build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .type(ACCESS_TOKEN_TYPE)
                .keyId(keys.currentKeyId())
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claimSet)).getTokenValue();
        return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, claimSet.getIssuedAt(),
                claimSet.getExpiresAt(), new LinkedHashSet<>(scopes));
    }
}
