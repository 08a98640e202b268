package com.exampleco.timesheets.api.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Configuration that would weaken token validation does not start the application. */
class ResourceServerPropertiesTest {

	private static final ResourceServerProperties.Jwks JWKS = new ResourceServerProperties.Jwks(Duration.ofMinutes(5),
			Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2),
			Duration.ofSeconds(2), 51200);

	private static ResourceServerProperties properties(Duration skew, List<String> algorithms) {
		return new ResourceServerProperties("http://localhost:9000/",
				URI.create("http://localhost:9000/.well-known/jwks.json"), "https://api.exampleco.com/timesheets", skew,
				algorithms, List.of("at+jwt"), JWKS);
	}

	@Test
	void asymmetricAlgorithmsAreAccepted() {
		assertThatNoException()
			.isThrownBy(() -> properties(Duration.ofSeconds(60), List.of("RS256", "PS256", "ES256")));
	}

	@Test
	void hmacAlgorithmsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofSeconds(60), List.of("RS256", "HS256")))
			.withMessageContaining("HS256");
	}

	@Test
	void algNoneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(60), List.of("none")));
	}

	@Test
	void aClockSkewAboveSixtySecondsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(61), List.of("RS256")))
			.withMessageContaining("clock-skew");
	}

	@Test
	void theRefreshRateLimitMustBeShorterThanTheCache() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ResourceServerProperties.Jwks(Duration.ofSeconds(30), Duration.ofSeconds(5),
					Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 51200));
	}

}
