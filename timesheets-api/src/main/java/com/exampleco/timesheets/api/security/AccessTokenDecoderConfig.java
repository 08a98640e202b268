package com.exampleco.timesheets.api.security;

import java.net.MalformedURLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one {@link JwtDecoder} of this API: Spring Security's decoder over a Nimbus key
 * source, with Spring's validators and three checks of our own. Optional add-ons
 * ({@link AccessTokenDecoderCustomizer}) may make it cheaper; without them it is
 * complete.
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokenDecoderConfig {

	/**
	 * The authorization server's published keys. Not
	 * {@code NimbusJwtDecoder.withJwkSetUri(..)}: that builder turns Nimbus's rate limit
	 * off, so every token with a made-up {@code kid} would make us fetch the key set
	 * again, an amplifier against the authorization server that anyone can drive. Here:
	 * cached, refetched once for an unknown {@code kid} (key rotation without a restart),
	 * at most two fetches per {@code refresh-min-interval}, the last key set kept through
	 * an outage, short timeouts and a size limit; nothing fetched at startup.
	 */
	@Bean
	JWKSource<SecurityContext> accessTokenKeys(ResourceServerProperties properties) {
		ResourceServerProperties.Jwks jwks = properties.jwks();
		DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) jwks.connectTimeout().toMillis(),
				(int) jwks.readTimeout().toMillis(), jwks.sizeLimitBytes());
		try {
			return new UnknownKeyRefreshLimit(
					JWKSourceBuilder.<SecurityContext>create(properties.jwkSetUri().toURL(), retriever)
						.cache(jwks.cacheTimeToLive().toMillis(), jwks.refreshTimeout().toMillis())
						// The request that finds the cache expired refetches; a refresh
						// ahead
						// would fetch on a background executor, a thread pool this API
						// has no
						// other use for.
						.refreshAheadCache(false)
						.rateLimited(jwks.refreshMinInterval().toMillis())
						.outageTolerant(jwks.outageTolerance().toMillis())
						// A retry would double the connections to an authorization server
						// that is
						// already failing; the next request tries again.
						.retrying(false)
						.build());
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(
					"timesheets.security.jwk-set-uri is not a URL: " + properties.jwkSetUri(), ex);
		}
	}

	/**
	 * What a token must carry besides a good signature. Not
	 * {@code JwtValidators.createAtJwtValidator()}: it accepts only {@code typ: at+jwt}
	 * and requires {@code client_id} and {@code jti}, which Auth0's own tokens
	 * ({@code typ:
	 * JWT}, {@code azp}) lack; the checks below are the ones of RFC 9068 §4 that such
	 * tokens pass.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> accessTokenValidator(ResourceServerProperties properties) {
		JwtTimestampValidator lifetime = new JwtTimestampValidator(properties.clockSkew());
		// A token without exp would be valid forever (RFC 9068 §2.2 makes exp required).
		lifetime.setAllowEmptyExpiryClaim(false);
		// Spring's defaults around ours add its check that a certificate-bound token
		// (cnf, RFC 8705) comes with its certificate, which refuses such tokens here.
		return JwtValidators.createDefaultWithValidators(List.of(
				// A signed ID token or other JWT of the same issuer must not pass as an
				// access token (RFC 9068 §4).
				new JwtTypeValidator(properties.tokenTypes()), lifetime,
				claim(JwtClaimNames.ISS, properties.issuer()::equals,
						"The token was not issued by the expected issuer"),
				// A token for another API of the same issuer must not be replayed here
				// (RFC 9068 §4, RFC 8707).
				claim(JwtClaimNames.AUD, (aud) -> aud instanceof List<?> list && list.contains(properties.audience()),
						"The token is not meant for this API (aud)"),
				claim(JwtClaimNames.SUB, Objects::nonNull, "The token has no subject")));
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> accessTokenKeys, OAuth2TokenValidator<Jwt> accessTokenValidator,
			ResourceServerProperties properties, ObjectProvider<AccessTokenDecoderCustomizer> customizers) {
		List<AccessTokenDecoderCustomizer> addOns = customizers.orderedStream().toList();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(accessTokenKeys)
			.jwsAlgorithms((algorithms) -> properties.algorithms()
				.forEach((name) -> algorithms.add(SignatureAlgorithm.from(name.trim()))))
			.jwtProcessorCustomizer((processor) -> addOns.forEach((addOn) -> addOn.customize(processor)))
			.build();
		decoder.setJwtValidator(accessTokenValidator);
		JwtDecoder decorated = decoder;
		for (AccessTokenDecoderCustomizer addOn : addOns) {
			decorated = addOn.decorate(decorated);
		}
		return decorated;
	}

	/**
	 * Our descriptions say which check failed (Spring's say "The iss claim is not
	 * valid"); see BearerTokenErrors.
	 */
	private static OAuth2TokenValidator<Jwt> claim(String name, Predicate<Object> test, String description) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description,
				"https://datatracker.ietf.org/doc/html/rfc6750#section-3.1");
		// iss is compared as text: Spring may hand it over as a URL, and the trailing
		// slash is significant.
		return (jwt) -> {
			Object value = JwtClaimNames.ISS.equals(name) ? jwt.getClaimAsString(name) : jwt.getClaims().get(name);
			return (value != null && test.test(value)) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(error);
		};
	}

}
