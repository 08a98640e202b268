package com.exampleco.authserver.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Log ids sort in time, across instances, and never go backwards on one. */
class LogIdsTest {

	@Test
	void anIdIsTheTimeThenASequenceThenTheInstance() {
		String id = new LogIds("000000000042").next(Instant.parse("2026-11-30T17:05:01.234Z"));

		assertThat(id).isEqualTo("900" + "20261130170501234" + "000000" + "000000000042").hasSize(LogIds.LENGTH);
		assertThat(LogIds.isWellFormed(id)).isTrue();
	}

	@Test
	void idsOfOneInstanceGrowEvenWithinOneMillisecondAndWhenTheClockGoesBack() {
		LogIds ids = new LogIds();
		Instant now = Instant.parse("2026-11-30T17:05:01.234Z");
		List<String> issued = new ArrayList<>();
		issued.add(ids.next(now));
		issued.add(ids.next(now));
		issued.add(ids.next(now.minusSeconds(5)));
		issued.add(ids.next(now.plusMillis(1)));

		assertThat(issued).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void idsOfTwoInstancesAtTheSameTimeDifferAndSortByTime() {
		Instant now = Instant.parse("2026-11-30T17:05:01.234Z");
		LogIds one = new LogIds();
		LogIds two = new LogIds();

		assertThat(one.next(now)).isNotEqualTo(two.next(now));
		assertThat(one.next(now.plusMillis(1))).isGreaterThan(two.next(now));
	}

	@Test
	void anythingButDigitsOfTheRightLengthIsNoId() {
		assertThat(LogIds.isWellFormed(null)).isFalse();
		assertThat(LogIds.isWellFormed("9002026")).isFalse();
		assertThat(LogIds.isWellFormed("x".repeat(LogIds.LENGTH))).isFalse();
		assertThat(LogIds.isWellFormed("٩".repeat(LogIds.LENGTH))).isFalse();
	}

}
