package com.exampleco.timesheets.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/** Which JCA provider verifies access token signatures, as the API reports it at startup. */
class VerificationProviderTest {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void onLinuxX8664TheBuildShipsAmazonCorrettoCryptoProviderAndItVerifies() {
		VerificationProvider verification = new VerificationProvider(true);

		assertThat(verification.provider()).isPresent();
		assertThat(verification.describe()).startsWith("AmazonCorrettoCryptoProvider");
	}

	@Test
	void turningTheFastProviderOffVerifiesWithTheJdk() {
		VerificationProvider verification = new VerificationProvider(false);

		assertThat(verification.provider()).isEmpty();
		assertThat(verification.describe()).contains("JDK");
	}

}
