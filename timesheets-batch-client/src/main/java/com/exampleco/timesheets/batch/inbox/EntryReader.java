package com.exampleco.timesheets.batch.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.stereotype.Component;

/**
 * Reads an inbox file into entries and line errors. CSV goes through Jackson's CSV dataformat (quoting, embedded
 * commas and escaped quotes are its business, not ours); JSON Lines through Jackson's JSON mapper, one line at a time
 * so that one broken line does not lose the others.
 */
@Component
public class EntryReader {

	static final List<String> REQUIRED_COLUMNS = List.of("employee_id", "date", "project", "hours");

	static final List<String> COLUMNS = List.of("employee_id", "date", "project", "hours", "notes");

	private final CsvMapper csvMapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	public ParsedFile read(InboxFile file) throws IOException {
		return read(file, EntryListener.NONE);
	}

	/**
	 * Reads the file and hands each valid entry to {@code listener} as soon as it is read; the {@link ParsedFile} at the
	 * end holds the same entries, and the line errors.
	 */
	public ParsedFile read(InboxFile file, EntryListener listener) throws IOException {
		FileTime modified = Files.getLastModifiedTime(file.path());
		byte[] content = Files.readAllBytes(file.path());
		if (!modified.equals(Files.getLastModifiedTime(file.path())) || content.length != Files.size(file.path())) {
			throw new IOException("it changed while it was read (still being written?)");
		}
		String contentHash = HexFormat.of().formatHex(IdempotencyKey.sha256().digest(content));
		Collector collector = new Collector(file, contentHash, listener);
		String text = decodeUtf8(content, collector);
		if (text == null) {
			return collector.result();
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (file.format() == InboxFile.Format.CSV) {
			readCsv(text, collector);
		}
		else {
			readJsonLines(text, collector);
		}
		return collector.result();
	}

	/**
	 * The file as text, or null with the file refused: a file saved in another encoding (Windows-1252, Latin-1)
	 * would otherwise be read with replacement characters and delivered as "Jos\uFFFD" instead of "José".
	 */
	private static String decodeUtf8(byte[] content, Collector collector) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(content);
		CharBuffer out = CharBuffer.allocate(content.length);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			int line = 1;
			for (int i = 0; i < in.position(); i++) {
				if (content[i] == '\n') {
					line++;
				}
			}
			collector.fileError = "line " + line + " is not UTF-8 text; save or export the file as UTF-8";
			return null;
		}
		decoder.flush(out);
		return out.flip().toString();
	}

	private void readCsv(String text, Collector collector) throws IOException {
		try (MappingIterator<String[]> rows = this.csvMapper.readerFor(String[].class)
			.with(CsvSchema.emptySchema())
			.readValues(text)) {
			if (!rows.hasNextValue()) {
				collector.fileError = "the file is empty; expected the header " + String.join(",", COLUMNS);
				return;
			}
			List<String> header = new ArrayList<>();
			for (String column : rows.nextValue()) {
				header.add(column.strip().toLowerCase(Locale.ROOT));
			}
			collector.header = List.copyOf(header);
			List<String> missing = REQUIRED_COLUMNS.stream().filter((c) -> !header.contains(c)).toList();
			if (!missing.isEmpty()) {
				collector.fileError = "the header (line 1) lacks " + String.join(", ", missing) + "; expected "
						+ String.join(",", COLUMNS);
				return;
			}
			collector.opened();
			int line = 1;
			while (true) {
				String[] row;
				try {
					if (!rows.hasNextValue()) {
						break;
					}
					// The physical line the record starts on (blank lines are skipped by the parser, not renumbered).
					line = Math.max(line + 1, (int) rows.parser().currentLocation().getLineNr());
					row = rows.nextValue();
				}
				catch (JacksonException ex) {
					collector.invalid(line + 1, null, "is not valid CSV: " + ex.getOriginalMessage(), "");
					break;
				}
				if (row.length == 0 || (row.length == 1 && row[0].isBlank())) {
					continue;
				}
				if (row.length > header.size()) {
					collector.invalid(line, null,
							"has " + row.length + " fields but the header has " + header.size()
									+ " (quote a field that contains a comma)",
							csvLine(row));
					continue;
				}
				Map<String, String> fields = new HashMap<>();
				for (int i = 0; i < row.length; i++) {
					fields.put(header.get(i), row[i]);
				}
				String[] fieldsAsRead = row;
				collector.add(line, fields, () -> csvLine(fieldsAsRead));
			}
		}
	}

	/** A row as CSV again, for the report of the lines to correct; only invalid rows need it. */
	private String csvLine(String[] row) {
		return this.csvMapper.writer(CsvSchema.emptySchema()).writeValueAsString(row).stripTrailing();
	}

	private void readJsonLines(String text, Collector collector) throws IOException {
		collector.opened();
		try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
			int line = 0;
			for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
				line++;
				if (raw.isBlank()) {
					continue;
				}
				JsonNode node;
				try {
					node = this.jsonMapper.readTree(raw);
				}
				catch (JacksonException ex) {
					collector.invalid(line, null, "is not valid JSON: " + ex.getOriginalMessage(), raw);
					continue;
				}
				if (!node.isObject()) {
					collector.invalid(line, null, "is not a JSON object", raw);
					continue;
				}
				Map<String, String> fields = new HashMap<>();
				for (String column : COLUMNS) {
					JsonNode value = node.get(column);
					if (value != null && !value.isNull()) {
						fields.put(column, value.isValueNode() ? value.asString() : value.toString());
					}
				}
				String lineAsRead = raw;
				collector.add(line, fields, () -> lineAsRead);
			}
		}
	}

	private static final class Collector {

		private final InboxFile file;

		private final String contentHash;

		private final EntryListener listener;

		private final List<TimesheetEntry> entries = new ArrayList<>();

		private final List<LineError> errors = new ArrayList<>();

		private final Map<Integer, String> invalidRows = new TreeMap<>();

		private List<String> header = List.of();

		private String fileError;

		Collector(InboxFile file, String contentHash, EntryListener listener) {
			this.file = file;
			this.contentHash = contentHash;
			this.listener = listener;
		}

		void opened() {
			this.listener.opened(this.contentHash);
		}

		void add(int line, Map<String, String> fields, Supplier<String> raw) {
			EntryValidator.Outcome outcome = EntryValidator.validate(this.contentHash, line, fields);
			if (outcome.entry() != null) {
				this.entries.add(outcome.entry());
				this.listener.entry(outcome.entry());
			}
			else {
				this.errors.addAll(outcome.errors());
				this.invalidRows.put(line, raw.get());
			}
		}

		void invalid(int line, String field, String reason, String raw) {
			this.errors.add(new LineError(line, field, reason));
			this.invalidRows.put(line, raw);
		}

		ParsedFile result() {
			return new ParsedFile(this.file, this.contentHash, this.header, List.copyOf(this.entries),
					List.copyOf(this.errors), new LinkedHashMap<>(this.invalidRows), this.fileError);
		}

	}

}
