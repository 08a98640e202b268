package com.exampleco.timesheets.batch.delivery;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.batch.inbox.IdempotencyKey;
import com.exampleco.timesheets.batch.inbox.TimesheetEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The API's answer is taken as delivery of an entry only when it names that entry. */
class UploadWireTests {

	final TimesheetEntry first = entry(2);

	final TimesheetEntry second = entry(3);

	@Test
	void resultsEchoingKeysArePairedByKeyWhateverTheirOrder() {
		List<EntryResult> paired = UploadWire.results(List.of(this.first, this.second),
				List.of(result(this.second, "duplicate"), result(this.first, "created")));

		assertThat(paired).extracting(EntryResult::entry).containsExactly(this.first, this.second);
		assertThat(paired).extracting(EntryResult::status)
			.containsExactly(EntryResult.Status.CREATED, EntryResult.Status.DUPLICATE);
	}

	@Test
	void resultsWithoutKeysArePairedByPosition() {
		List<EntryResult> paired = UploadWire.results(List.of(this.first, this.second),
				List.of(new UploadWire.ResultJson(null, "created", null, null),
						new UploadWire.ResultJson(null, "duplicate", null, null)));

		assertThat(paired).extracting(EntryResult::status)
			.containsExactly(EntryResult.Status.CREATED, EntryResult.Status.DUPLICATE);
	}

	@Test
	void anEntryWithoutAResultOfItsOwnIsNotTakenAsDelivered() {
		// Two results, both for the first entry: the second entry was never acknowledged.
		assertThatExceptionOfType(UnexpectedResponseException.class)
			.isThrownBy(() -> UploadWire.results(List.of(this.first, this.second),
					List.of(result(this.first, "created"), result(this.first, "created"))));
		// One result names the first entry, the other names none: position is no evidence
		// for the second.
		assertThatExceptionOfType(UnexpectedResponseException.class)
			.isThrownBy(() -> UploadWire.results(List.of(this.first, this.second),
					List.of(result(this.first, "created"), new UploadWire.ResultJson(null, "created", null, null))));
		// A result for a key that was not sent.
		assertThatExceptionOfType(UnexpectedResponseException.class)
			.isThrownBy(() -> UploadWire.results(List.of(this.first, this.second),
					List.of(result(this.first, "created"), result(entry(99), "created"))));
		assertThatExceptionOfType(UnexpectedResponseException.class)
			.isThrownBy(() -> UploadWire.results(List.of(this.first), List.of()));
	}

	private static UploadWire.ResultJson result(TimesheetEntry entry, String status) {
		return new UploadWire.ResultJson(entry.idempotencyKey().value(), status, null, null);
	}

	private static TimesheetEntry entry(int line) {
		return new TimesheetEntry(IdempotencyKey.of("f".repeat(64), line), line, "emp-" + line,
				LocalDate.of(2026, 11, 2), "apollo", new BigDecimal("8"), null);
	}

}
