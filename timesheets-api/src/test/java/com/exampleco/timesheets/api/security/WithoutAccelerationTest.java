package com.exampleco.timesheets.api.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every check of {@link AccessTokenValidationTest}, over real HTTP, with every add-on of
 * the {@code acceleration} package switched off: what a team gets once it deletes that
 * package. Tokens are accepted and refused as with them.
 */
@TestPropertySource(properties = { "timesheets.acceleration.corretto.enabled=false",
		"timesheets.acceleration.converted-keys.enabled=false",
		"timesheets.acceleration.verified-tokens.enabled=false" })
class WithoutAccelerationTest extends AccessTokenValidationTest {

	@Autowired
	private JwtDecoder decoder;

	@Test
	void theDecoderIsSpringSecuritysOwnWithNothingAroundIt() {
		assertThat(this.decoder).isExactlyInstanceOf(NimbusJwtDecoder.class);
	}

}
