package com.exampleco.timesheets.batch.inbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading inbox files: what counts as an entry, how a bad line is named, and where the
 * idempotency keys come from.
 */
class EntryReaderTests {

	@TempDir
	Path dir;

	EntryReader reader;

	@BeforeEach
	void reader() {
		this.reader = new EntryReader(new InboxProperties(this.dir, Duration.ZERO));
	}

	@Test
	void csvFieldsMayBeQuotedAndColumnsInAnyOrder() throws IOException {
		Read parsed = read("a.csv", "Project, Employee_ID ,date,hours,notes",
				"\"apollo, phase 2\",emp-1,2026-11-02,7.5,\"said \"\"hi\"\"\"");

		assertThat(parsed.errors()).isEmpty();
		TimesheetEntry entry = parsed.entries().get(0);
		assertThat(entry.line()).isEqualTo(2);
		assertThat(entry.project()).isEqualTo("apollo, phase 2");
		assertThat(entry.employeeId()).isEqualTo("emp-1");
		assertThat(entry.date()).isEqualTo(LocalDate.of(2026, 11, 2));
		assertThat(entry.hours()).isEqualByComparingTo(new BigDecimal("7.5"));
		assertThat(entry.notes()).isEqualTo("said \"hi\"");
	}

	@Test
	void eachInvalidLineIsNamedWithItsFieldAndReason() throws IOException {
		Read parsed = read("b.csv", "employee_id,date,project,hours,notes", "emp-1,2026-11-02,apollo,7.125,",
				"emp-2,2026-02-30,apollo,8,", "emp-3,2026-11-02,,8,", "emp-4,2026-11-02,apollo,eight,",
				"emp-5,2026-11-02,apollo,8,notes,extra", "", "emp-7,2026-11-02,apollo,24,");

		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(8);
		assertThat(parsed.errors()).extracting(LineError::describe)
			.containsExactly("line 2, field hours: must have at most 2 decimal places (got 7.125)",
					"line 3, field date: must be an ISO date such as 2026-11-02 (got \"2026-02-30\")",
					"line 4, field project: is required", "line 5, field hours: must be a number (got \"eight\")",
					"line 6: has 6 fields but the header has 5 (quote a field that contains a comma)");
		assertThat(parsed.invalidRows()).containsKeys(2, 3, 4, 5, 6);
	}

	@Test
	void aQuotedLineBreakKeepsTheFollowingLineNumbersTrue() throws IOException {
		Read parsed = read("m.csv", "employee_id,date,project,hours,notes", "emp-1,2026-11-02,apollo,8,\"two",
				"lines\"", "emp-2,2026-11-02,apollo,99,");

		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(2);
		assertThat(parsed.entries().get(0).notes()).isEqualTo("two\nlines");
		assertThat(parsed.errors()).extracting(LineError::line).containsExactly(4);
	}

	@Test
	void aByteOrderMarkAndWindowsLineEndsAreReadLikePlainLines() throws IOException {
		// As spreadsheet programs export "CSV UTF-8": a BOM before the header, CRLF after
		// every line, and a quoted line break inside a field.
		String content = "\uFEFFemployee_id,date,project,hours,notes\r\n"
				+ "emp-1,2026-11-02,apollo,8,\"two\r\nlines\"\r\n" + "emp-2,2026-11-02,apollo,99,\r\n"
				+ "emp-3,2026-11-02,apollo,7.5,\r\n";
		Path path = Files.write(this.dir.resolve("excel.csv"), content.getBytes(StandardCharsets.UTF_8));

		Read parsed = read(path, null);

		assertThat(parsed.fileError()).isNull();
		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(2, 5);
		assertThat(parsed.entries()).extracting(TimesheetEntry::employeeId).containsExactly("emp-1", "emp-3");
		assertThat(parsed.entries().get(1).hours()).isEqualByComparingTo(new BigDecimal("7.5"));
		assertThat(parsed.errors()).extracting(LineError::describe)
			.containsExactly("line 4, field hours: must be greater than 0 and at most 24 (got 99)");
	}

	@Test
	void jsonLinesMayStartWithAByteOrderMarkAndEndLinesWithCrLf() throws IOException {
		String content = "\uFEFF"
				+ "{\"employee_id\":\"emp-1\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":8}\r\n"
				+ "{\"employee_id\":\"emp-2\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":0}\r\n";
		Path path = Files.write(this.dir.resolve("win.jsonl"), content.getBytes(StandardCharsets.UTF_8));

		Read parsed = read(path, null);

		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(1);
		assertThat(parsed.errors()).extracting(LineError::line).containsExactly(2);
	}

	@Test
	void aFileInAnotherEncodingIsRefusedNotDeliveredWithReplacementCharacters() throws IOException {
		byte[] latin1 = ("employee_id,date,project,hours,notes\n" + "emp-1,2026-11-02,apollo,8,\n"
				+ "emp-2,2026-11-02,apollo,8,Jos\u00e9's review\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		Path path = Files.write(this.dir.resolve("latin1.csv"), latin1);

		Read parsed = read(path, null);

		assertThat(parsed.fileError()).isEqualTo("line 3 is not UTF-8 text; save or export the file as UTF-8");
		assertThat(parsed.entries()).isEmpty();
	}

	@Test
	void aFileWithoutTheRequiredHeaderIsRefusedAsAWhole() throws IOException {
		Read parsed = read("c.csv", "emp-1,2026-11-02,apollo,7.5,");

		assertThat(parsed.fileError()).startsWith("the header (line 1) lacks employee_id, date, project, hours");
		assertThat(parsed.entries()).isEmpty();
	}

	@Test
	void idempotencyKeysDependOnTheFileContentAndTheLine() throws IOException {
		Read first = read("d.csv", "employee_id,date,project,hours", "emp-1,2026-11-02,apollo,8",
				"emp-1,2026-11-02,apollo,8");
		Read sameContentOtherName = read("e.csv", "employee_id,date,project,hours", "emp-1,2026-11-02,apollo,8",
				"emp-1,2026-11-02,apollo,8");
		Read otherContent = read("f.csv", "employee_id,date,project,hours", "emp-1,2026-11-02,apollo,8",
				"emp-2,2026-11-02,apollo,8");

		List<IdempotencyKey> keys = first.entries().stream().map(TimesheetEntry::idempotencyKey).toList();
		assertThat(keys).doesNotHaveDuplicates();
		assertThat(sameContentOtherName.entries()).extracting(TimesheetEntry::idempotencyKey).isEqualTo(keys);
		assertThat(otherContent.entries()).extracting(TimesheetEntry::idempotencyKey).doesNotContainAnyElementsOf(keys);
		assertThat(keys.get(0).value()).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void jsonLinesCountEveryLineIncludingBlankOnes() throws IOException {
		Read parsed = read("g.jsonl",
				"{\"employee_id\":\"emp-1\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":8}", "", "[1,2]",
				"{\"employee_id\":\"emp-3\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":24.5}");

		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(1);
		assertThat(parsed.errors()).extracting(LineError::describe)
			.containsExactly("line 3: is not a JSON object",
					"line 4, field hours: must be greater than 0 and at most 24 (got 24.5)");
	}

	@Test
	void validEntriesReachTheListenerInFileOrderWhileTheFileIsRead() throws IOException {
		Path path = Files.write(this.dir.resolve("h.csv"), List.of("employee_id,date,project,hours",
				"emp-1,2026-11-02,apollo,8", "emp-2,2026-11-02,apollo,99", "emp-3,2026-11-02,apollo,8"));
		List<String> heard = new ArrayList<>();

		Read parsed = read(path, listener(heard));

		assertThat(heard).containsExactly("opened " + parsed.contentHash(), "line 2", "line 4");
		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(2, 4);
	}

	@Test
	void aFileRefusedAsAWholeIsNeverOpened() throws IOException {
		Path path = Files.write(this.dir.resolve("i.csv"), List.of("emp-1,2026-11-02,apollo,7.5,"));
		List<String> heard = new ArrayList<>();

		Read parsed = read(path, listener(heard));

		assertThat(parsed.fileError()).isNotNull();
		assertThat(heard).isEmpty();
	}

	@Test
	void aLineLongerThanTheBoundIsReportedButNotCopiedToTheLinesToCorrect() throws IOException {
		String valid = "{\"employee_id\":\"emp-1\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":8}";
		Read parsed = read("long.jsonl", valid, "{\"notes\":\"" + "x".repeat(EntryReader.MAX_LINE_LENGTH) + "\"}",
				valid);

		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(1, 3);
		assertThat(parsed.errors()).extracting(LineError::describe)
			.containsExactly("line 2: is longer than 65536 characters (not copied to the lines to correct; fix it in "
					+ "the original file)");
		assertThat(parsed.invalidRows()).containsEntry(2, null);
	}

	@Test
	void aCsvRecordOfAMillionFieldsIsReportedWithItsFieldCountButNotCopied() throws IOException {
		Read parsed = read("wide.csv", "employee_id,date,project,hours,notes",
				"emp-1,2026-11-02,apollo,8,a" + ",".repeat(1_000_000), "emp-2,2026-11-02,apollo,8,",
				"emp-3,2026-11-02,\"" + "p".repeat(EntryReader.MAX_LINE_LENGTH + 1) + "\",8,");

		assertThat(parsed.entries()).extracting(TimesheetEntry::line).containsExactly(3);
		assertThat(parsed.errors()).extracting(LineError::describe)
			.hasSize(2)
			.first()
			.isEqualTo("line 2: has 1000005 fields but the header has 5 (quote a field that contains a comma)");
		assertThat(parsed.errors().get(1).line()).isEqualTo(4);
		assertThat(parsed.errors().get(1).reason()).startsWith("is not valid CSV: String value length");
		assertThat(parsed.invalidRows()).containsEntry(2, null);
	}

	private static EntryListener listener(List<String> heard) {
		return new EntryListener() {

			@Override
			public void opened(String contentHash, List<String> header) {
				heard.add("opened " + contentHash);
			}

			@Override
			public void entry(TimesheetEntry entry) {
				heard.add("line " + entry.line());
			}

		};
	}

	private Read read(String name, String... lines) throws IOException {
		return read(Files.write(this.dir.resolve(name), List.of(lines)), null);
	}

	/**
	 * What the reader handed over: the entries as the listener heard them, the invalid
	 * lines as spooled.
	 */
	record Read(String contentHash, String fileError, List<TimesheetEntry> entries, List<LineError> errors,
			Map<Integer, String> invalidRows) {
	}

	private Read read(Path path, EntryListener also) throws IOException {
		List<TimesheetEntry> entries = new ArrayList<>();
		EntryListener listener = new EntryListener() {

			@Override
			public void opened(String contentHash, List<String> header) {
				if (also != null) {
					also.opened(contentHash, header);
				}
			}

			@Override
			public void entry(TimesheetEntry entry) {
				entries.add(entry);
				if (also != null) {
					also.entry(entry);
				}
			}

		};
		try (ParsedFile parsed = this.reader.read(InboxFile.of(path).orElseThrow(), listener)) {
			assertThat(parsed.entries()).isEqualTo(entries.size());
			List<LineError> errors = new ArrayList<>();
			Map<Integer, String> rows = new LinkedHashMap<>();
			for (Iterator<NotDelivered> lines = parsed.invalid().iterator(); lines.hasNext();) {
				NotDelivered line = lines.next();
				errors.addAll(line.errors());
				rows.put(line.line(), line.row());
			}
			return new Read(parsed.contentHash(), parsed.fileError(), entries, errors, rows);
		}
	}

}
