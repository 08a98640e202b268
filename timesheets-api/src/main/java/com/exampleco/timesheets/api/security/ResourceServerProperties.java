package com.exampleco.timesheets.api.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.validation.annotation.Validated;

/**
 * How this API decides whether an access token is one it accepts.
 *
 * @param issuer the exact {@code iss} every token must carry (Auth0 style, with its
 * trailing slash)
 * @param jwkSetUri where the authorization server publishes its signing keys; read
 * lazily, never at startup, so the API starts and reports healthy while the authorization
 * server is down
 * @param audience this API's identifier; a token's {@code aud} (string or array) must
 * contain it
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf}; at most 60 seconds
 * @param algorithms the JWS algorithms accepted; asymmetric ones only, since an HMAC
 * "signature" could be made by anyone who knows the public key bytes (RFC 8725 §2.1,
 * §3.1)
 * @param tokenTypes accepted {@code typ} header values, compared case-insensitively (RFC
 * 7515 §4.1.9); a token without {@code typ} is refused, so a signed ID token or other JWT
 * of the same issuer cannot pass as an access token (RFC 9068 §4, which also makes a
 * resource server accept {@code application/at+jwt})
 * @param jwks caching and rate limiting of the key set fetches
 */
@Validated
@ConfigurationProperties("timesheets.security")
public record ResourceServerProperties(@DefaultValue("http://localhost:9000/") @NotBlank String issuer,
		@DefaultValue("http://localhost:9000/.well-known/jwks.json") @NotNull URI jwkSetUri,
		@DefaultValue("https://api.exampleco.com/timesheets") @NotBlank String audience,
		@DefaultValue("60s") @NotNull Duration clockSkew, @DefaultValue("RS256") @NotEmpty List<String> algorithms,
		@DefaultValue( {
				"at+jwt", "application/at+jwt", "JWT" }) @NotEmpty List<String> tokenTypes,
		@DefaultValue @Valid Jwks jwks){

	static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

	public ResourceServerProperties {
		if (clockSkew != null && (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0)) {
			throw new IllegalArgumentException(
					"timesheets.security.clock-skew must be between 0 and 60s, was " + clockSkew);
		}
		if (algorithms != null) {
			algorithms.forEach(ResourceServerProperties::requireAsymmetric);
		}
	}

	private static void requireAsymmetric(String algorithm) {
		// Spring's SignatureAlgorithm names the asymmetric JWS algorithms only: HS* and
		// none are not among them.
		if (SignatureAlgorithm.from(algorithm.trim()) == null) {
			throw new IllegalArgumentException("timesheets.security.algorithms accepts asymmetric JWS algorithms only "
					+ "(RS*, PS*, ES*); refused: " + algorithm);
		}
	}

	/**
	 * @param cacheTimeToLive how long a fetched key set is used before it is fetched
	 * again
	 * @param refreshTimeout how long a request waits for a key set fetch that another
	 * request started
	 * @param refreshMinInterval a window in which at most two fetches happen, however
	 * many tokens with unknown {@code kid}s arrive; must be shorter than the cache time
	 * to live
	 * @param outageTolerance how long the last fetched key set keeps being used while the
	 * authorization server cannot be reached
	 * @param connectTimeout connect timeout of a key set fetch
	 * @param readTimeout read timeout of a key set fetch
	 * @param sizeLimitBytes the largest key set document read
	 */
	public record Jwks(@DefaultValue("5m") @NotNull Duration cacheTimeToLive,
			@DefaultValue("5s") @NotNull Duration refreshTimeout,
			@DefaultValue("30s") @NotNull Duration refreshMinInterval,
			@DefaultValue("1h") @NotNull Duration outageTolerance, @DefaultValue("2s") @NotNull Duration connectTimeout,
			@DefaultValue("2s") @NotNull Duration readTimeout, @DefaultValue("51200") int sizeLimitBytes) {

		public Jwks {
			if (refreshMinInterval != null && cacheTimeToLive != null
					&& refreshMinInterval.compareTo(cacheTimeToLive) >= 0) {
				throw new IllegalArgumentException(
						"timesheets.security.jwks.refresh-min-interval must be shorter than cache-time-to-live");
			}
		}

	}

}
