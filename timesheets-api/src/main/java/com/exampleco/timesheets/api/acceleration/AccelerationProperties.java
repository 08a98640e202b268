package com.exampleco.timesheets.api.acceleration;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The switches of the add-ons, all on by default; {@link AccelerationConfig} reads the
 * {@code enabled} ones.
 *
 * @param corretto verify signatures with Amazon Corretto Crypto Provider where the build
 * ships it ({@link CorrettoVerification}); off: the JDK verifies
 * @param convertedKeys turn each published key into a Java key once
 * ({@link ConvertedKeySelector}); off: on every verification
 * @param verifiedTokens remember tokens whose signature verified
 * ({@link VerifiedTokens}); off: every request verifies its token's signature
 */
@Validated
@ConfigurationProperties("timesheets.acceleration")
public record AccelerationProperties(@DefaultValue @Valid Switch corretto, @DefaultValue @Valid Switch convertedKeys,
		@DefaultValue @Valid VerifiedTokenCache verifiedTokens) {

	/**
	 * @param enabled whether the add-on is in use
	 */
	public record Switch(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * @param enabled whether the add-on is in use
	 * @param maximumSize the most tokens remembered at once (about 3 KB each); 0 verifies
	 * every token's signature on every request
	 * @param timeToLive how long after its verification a token is remembered
	 */
	public record VerifiedTokenCache(@DefaultValue("true") boolean enabled,
			@DefaultValue("4096") @PositiveOrZero int maximumSize, @DefaultValue("5m") @NotNull Duration timeToLive) {
	}

}
