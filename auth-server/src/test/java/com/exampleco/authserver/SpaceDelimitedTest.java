package com.exampleco.authserver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Space-delimited lists (RFC 6749 §3.3), as scopes and grant types are stored and sent.
 */
class SpaceDelimitedTest {

	@Test
	void valuesAreSplitOnRunsOfSpacesAndKeptOnceInTheirOrder() {
		assertThat(SpaceDelimited.split("  read:timesheets   batch:upload read:timesheets "))
			.containsExactly("read:timesheets", "batch:upload");
	}

	@Test
	void aTabIsPartOfAValueNotASeparator() {
		assertThat(SpaceDelimited.split("read\tall write")).containsExactly("read\tall", "write");
	}

	@Test
	void nothingGivesAnEmptyList() {
		assertThat(SpaceDelimited.split(null)).isEmpty();
		assertThat(SpaceDelimited.split("   ")).isEmpty();
	}

	@Test
	void joiningGivesTheStringBack() {
		assertThat(SpaceDelimited.join(SpaceDelimited.split("a b c"))).isEqualTo("a b c");
	}

}
