package com.exampleco.timesheets.api.security;

import java.net.MalformedURLException;
import java.security.Provider;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one {@link JwtDecoder} of this API: which keys, which algorithms, which claims.
 *
 * <p>Why not {@code NimbusJwtDecoder.withJwkSetUri(..)}: in Spring Security 7 that builder assembles Nimbus's
 * {@code JWKSourceBuilder} with {@code rateLimited(false)}, so every token with an unknown {@code kid} makes a fresh
 * HTTP request to the authorization server; anyone can mint such tokens, which turns this API into an amplifier
 * against the authorization server. We build the Nimbus key source ourselves instead: cached (refetched when an
 * unknown {@code kid} arrives, so key rotation works without a restart), rate limited (at most two fetches per
 * {@code refresh-min-interval}), outage tolerant (the last key set stays in use while the authorization server is
 * unreachable) and with short timeouts and a size limit. Nothing is fetched at startup.
 *
 * <p>Signatures are verified with the {@link VerificationProvider}'s JCA provider, with keys that are converted from
 * the key set once ({@link ConvertedKeySelector}), and a token whose signature verified is remembered for a few
 * minutes ({@link VerifiedTokens}); its claims are validated on every request.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoderConfig {

	@Bean
	JwtDecoder jwtDecoder(ResourceServerProperties properties) {
		Provider provider = new VerificationProvider(properties.fastProvider()).provider().orElse(null);
		ConvertedKeySelector keys = new ConvertedKeySelector(acceptedAlgorithms(properties),
				new UnknownKeyRefreshLimit(jwkSource(properties)), provider);
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(keys);
		DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
		verifiers.getJCAContext().setProvider(provider);
		processor.setJWSVerifierFactory(verifiers);
		// typ and the claims are checked by the validators below, in Spring's terms, so that every refusal reaches
		// the client as an RFC 6750 invalid_token with a description that says which check failed.
		processor.setJWSTypeVerifier((header, context) -> {
		});
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder signatureVerifier = new NimbusJwtDecoder(processor);
		// VerifiedTokens validates every token on every request, including the ones whose signature it remembers.
		signatureVerifier.setJwtValidator((jwt) -> OAuth2TokenValidatorResult.success());
		return new VerifiedTokens(signatureVerifier, keys, accessTokenValidator(properties),
				properties.verifiedTokenCache());
	}

	static OAuth2TokenValidator<Jwt> accessTokenValidator(ResourceServerProperties properties) {
		JwtTimestampValidator lifetime = new JwtTimestampValidator(properties.clockSkew());
		// A token without exp would be valid forever (RFC 9068 §2.2 makes exp required).
		lifetime.setAllowEmptyExpiryClaim(false);
		// Spring's defaults around ours: it keeps our typ and timestamp validators and adds its check that a
		// certificate-bound token (cnf, RFC 8705) is presented with its certificate, which refuses such tokens here.
		return JwtValidators.createDefaultWithValidators(List.of(
				new JwtTypeValidator(properties.tokenTypes()),
				lifetime,
				claim(JwtClaimNames.ISS, properties.issuer()::equals, "The token was not issued by the expected issuer"),
				claim(JwtClaimNames.AUD, (aud) -> aud instanceof List<?> list && list.contains(properties.audience()),
						"The token is not meant for this API (aud)"),
				claim(JwtClaimNames.SUB, Objects::nonNull, "The token has no subject")));
	}

	private static OAuth2TokenValidator<Jwt> claim(String name, java.util.function.Predicate<Object> test,
			String description) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description,
				"https://datatracker.ietf.org/doc/html/rfc6750#section-3.1");
		// iss is compared as text: Spring may hand it over as a URL, and the trailing slash is significant.
		return (jwt) -> {
			Object value = JwtClaimNames.ISS.equals(name) ? jwt.getClaimAsString(name) : jwt.getClaims().get(name);
			return (value != null && test.test(value)) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(error);
		};
	}

	private static Set<JWSAlgorithm> acceptedAlgorithms(ResourceServerProperties properties) {
		return properties.algorithms().stream().map(String::trim).map(JWSAlgorithm::parse).collect(Collectors.toSet());
	}

	private static JWKSource<SecurityContext> jwkSource(ResourceServerProperties properties) {
		ResourceServerProperties.Jwks jwks = properties.jwks();
		DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) jwks.connectTimeout().toMillis(),
				(int) jwks.readTimeout().toMillis(), jwks.sizeLimitBytes());
		try {
			return JWKSourceBuilder.<SecurityContext>create(properties.jwkSetUri().toURL(), retriever)
				.cache(jwks.cacheTimeToLive().toMillis(), jwks.refreshTimeout().toMillis())
				.refreshAheadCache(false)
				.rateLimited(jwks.refreshMinInterval().toMillis())
				.outageTolerant(jwks.outageTolerance().toMillis())
				.retrying(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("timesheets.security.jwk-set-uri is not a URL: " + properties.jwkSetUri(),
					ex);
		}
	}

}
