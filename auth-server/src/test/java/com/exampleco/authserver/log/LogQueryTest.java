package com.exampleco.authserver.log;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The part of Auth0's log search syntax this server answers, and a precise refusal of
 * everything else.
 */
class LogQueryTest {

	@Test
	void fieldsJoinedByAndBecomeOneConditionEach() {
		LogQuery query = LogQuery.parse("type:feccft AND client_id:\"import job \\\"1\\\"\"");

		assertThat(query.where()).isEqualTo(" where type = ? and client_id = ?");
		assertThat(query.arguments()).containsExactly("feccft", "import job \"1\"");
	}

	@Test
	void aDayIsTheWholeDayInUtc() {
		LogQuery query = LogQuery.parse("date:2026-11-30");

		assertThat(query.where()).isEqualTo(" where date >= ? and date < ?");
		assertThat(query.arguments()).containsExactly(at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z"));
	}

	@Test
	void inclusiveAndExclusiveRangesOfDaysAndInstants() {
		assertThat(LogQuery.parse("date:[2026-01-01 TO 2026-01-31]").arguments())
			.containsExactly(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
		assertThat(LogQuery.parse("date:{2026-01-01 TO 2026-01-31}").arguments())
			.containsExactly(at("2026-01-02T00:00:00Z"), at("2026-01-31T00:00:00Z"));
		LogQuery instants = LogQuery.parse("date:[2026-01-01T10:00:00Z TO 2026-01-01T12:00:00+01:00}");
		assertThat(instants.where()).isEqualTo(" where date >= ? and date < ?");
		assertThat(instants.arguments()).containsExactly(at("2026-01-01T10:00:00Z"), at("2026-01-01T11:00:00Z"));
		LogQuery open = LogQuery.parse("type:seccft AND date:[* TO 2026-01-01T00:00:00Z]");
		assertThat(open.where()).isEqualTo(" where type = ? and date <= ?");
	}

	@Test
	void noQueryIsEverything() {
		assertThat(LogQuery.parse(null).where()).isEmpty();
		assertThat(LogQuery.parse("  ").where()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "user_id:abc                          | the field 'user_id' is not searchable here",
					"feccft                               | a term without a field is not supported",
					"type:feccft OR type:seccft           | only AND is supported between conditions, not OR",
					"type:feccft and type:seccft          | expected AND between conditions",
					"type:fec*                            | wildcards are not supported",
					"type:\"feccft                        | unterminated quoted value",
					"type:                                | expected a value",
					"date:[2026-01-01 TO 2026-01-31       | expected ] or } to close the range",
					"date:[2026-01-01 2026-01-31]         | expected TO in the range",
					"date:[yesterday TO *]                | 'yesterday' in q is not a date",
					"date:2026-13-01                      | date takes a day (YYYY-MM-DD) or a range",
					"(type:feccft)                        | expected a field name such as type:",
					"type:a\\b                            | must be inside a quoted value",
					"type:feccft AND                      | a condition must follow AND", })
	void everythingElseIsRefusedSayingWhy(String q, String why) {
		assertThatThrownBy(() -> LogQuery.parse(q)).isInstanceOf(LogQuery.BadQuery.class).hasMessageContaining(why);
	}

	@ParameterizedTest
	@ValueSource(ints = { LogQuery.MAX_LENGTH + 1, 100_000 })
	void aLongQueryIsRefusedBeforeItIsRead(int length) {
		assertThatThrownBy(() -> LogQuery.parse("type:" + "a".repeat(length)))
			.hasMessageContaining("longer than " + LogQuery.MAX_LENGTH);
	}

	@Test
	void atMostTenConditions() {
		String eleven = String.join(" AND ", java.util.Collections.nCopies(11, "type:x"));
		assertThatThrownBy(() -> LogQuery.parse(eleven)).hasMessageContaining("more than 10 conditions");
	}

	private static Timestamp at(String instant) {
		return Timestamp.from(Instant.parse(instant));
	}

}
