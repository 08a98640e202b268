package com.exampleco.timesheets.batch.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.stereotype.Component;

/**
 * Reads an inbox file into entries and line errors, streaming: memory stays the same for
 * a file of any size. CSV goes through Jackson's CSV dataformat (quoting, embedded commas
 * and escaped quotes are its business, not ours); JSON Lines through Jackson's JSON
 * mapper, one line at a time so that one broken line does not lose the others.
 *
 * <p>
 * Every entry's idempotency key derives from the hash of the whole file, and a file in
 * another encoding is refused before any of its lines is sent, so the file is read twice:
 * first for its hash and to check that it is UTF-8, then to parse it, each entry handed
 * to the {@link EntryListener} as soon as it is read. Invalid lines go to
 * {@link InvalidLines}, on disk.
 */
@Component
public class EntryReader {

	static final List<String> REQUIRED_COLUMNS = List.of("employee_id", "date", "project", "hours");

	static final List<String> COLUMNS = List.of("employee_id", "date", "project", "hours", "notes");

	/**
	 * The longest line (JSON Lines) or CSV field read, in characters. A valid entry needs
	 * about 1,300 (notes are at most 1,000); the bound keeps a file of one endless line
	 * from being held in memory.
	 */
	static final int MAX_LINE_LENGTH = 65_536;

	/**
	 * Fields kept of a CSV record beyond the header's, to write it back for correction.
	 */
	private static final int MAX_EXTRA_FIELDS = 64;

	private static final int BLOCK = 1 << 16;

	private final CsvMapper csvMapper = CsvMapper
		.builder(CsvFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_LENGTH).build())
			.build())
		.enable(CsvReadFeature.WRAP_AS_ARRAY)
		.build();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Path spoolDir;

	/**
	 * @param properties the inbox, whose {@code failed/} folder holds the spool of
	 * invalid lines
	 */
	public EntryReader(InboxProperties properties) {
		this.spoolDir = properties.failedDir();
	}

	/**
	 * Reads the file and hands each valid entry to {@code listener} as soon as it is
	 * read; the {@link ParsedFile} at the end counts them and holds the invalid lines.
	 * The caller closes it.
	 * @throws FileRefusedException not a regular file (a symbolic link is never
	 * followed), or it cannot be opened
	 * @throws IOException it cannot be read, or it changed while it was read
	 */
	public ParsedFile read(InboxFile file, EntryListener listener) throws IOException {
		try (RegularFile source = RegularFile.open(file.path())) {
			Scan scan = scan(source);
			source.checkUnchanged();
			InvalidLines invalid = new InvalidLines(this.spoolDir);
			Collector collector = new Collector(scan.contentHash(), listener, invalid);
			try {
				if (scan.notUtf8AtLine() > 0) {
					collector.fileError = "line " + scan.notUtf8AtLine()
							+ " is not UTF-8 text; save or export the file as UTF-8";
				}
				else {
					MessageDigest digest = IdempotencyKey.sha256();
					try (InputStream bytes = source.stream(digest);
							Reader text = withoutByteOrderMark(new InputStreamReader(bytes, utf8()))) {
						if (file.format() == InboxFile.Format.CSV) {
							readCsv(text, collector);
						}
						else {
							readJsonLines(text, collector);
						}
					}
					// Every block was checked as it was read; a change that kept size and
					// time is caught here.
					if (!HexFormat.of().formatHex(digest.digest()).equals(scan.contentHash())) {
						throw new IOException("it changed while it was read (its content hash differs)");
					}
				}
				return new ParsedFile(file, scan.contentHash(), collector.header, collector.entries, invalid,
						collector.fileError);
			}
			catch (IOException | RuntimeException ex) {
				invalid.close();
				throw ex;
			}
		}
	}

	/**
	 * The first pass: the content hash, and the first line that is not UTF-8 (0 when all
	 * are).
	 */
	private record Scan(String contentHash, long notUtf8AtLine) {
	}

	/**
	 * A file saved in another encoding (Windows-1252, Latin-1) would otherwise be read
	 * with replacement characters and delivered as "Jos\uFFFD" instead of "José".
	 */
	private static Scan scan(RegularFile source) throws IOException {
		MessageDigest digest = IdempotencyKey.sha256();
		CharsetDecoder decoder = utf8();
		ByteBuffer pending = ByteBuffer.allocate(BLOCK + 8);
		CharBuffer sink = CharBuffer.allocate(BLOCK + 8);
		byte[] block = new byte[BLOCK];
		long line = 1;
		long notUtf8AtLine = 0;
		try (InputStream in = source.stream(digest)) {
			for (int read = in.read(block); read >= 0; read = in.read(block)) {
				if (notUtf8AtLine > 0) {
					continue;
				}
				pending.put(block, 0, read).flip();
				CoderResult result = decoder.decode(pending, sink.clear(), false);
				line += newlines(pending, pending.position());
				if (result.isError()) {
					notUtf8AtLine = line;
				}
				pending.compact();
			}
			if (notUtf8AtLine == 0) {
				pending.flip();
				if (decoder.decode(pending, sink.clear(), true).isError()) {
					notUtf8AtLine = line + newlines(pending, pending.position());
				}
			}
		}
		return new Scan(HexFormat.of().formatHex(digest.digest()), notUtf8AtLine);
	}

	private static int newlines(ByteBuffer buffer, int upTo) {
		int count = 0;
		for (int i = 0; i < upTo; i++) {
			if (buffer.get(i) == '\n') {
				count++;
			}
		}
		return count;
	}

	private static CharsetDecoder utf8() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/** Spreadsheet programs put a byte order mark before the header of "CSV UTF-8". */
	private static Reader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first >= 0 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

	private void readCsv(Reader text, Collector collector) throws IOException {
		try (JsonParser parser = this.csvMapper.reader().with(CsvSchema.emptySchema()).createParser(text)) {
			// WRAP_AS_ARRAY: the records are the elements of one array.
			Row header = (parser.nextToken() == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.START_ARRAY)
					? row(parser, COLUMNS.size() + MAX_EXTRA_FIELDS) : null;
			if (header == null) {
				collector.fileError = "the file is empty; expected the header " + String.join(",", COLUMNS);
				return;
			}
			List<String> columns = header.fields().stream().map((c) -> c.strip().toLowerCase(Locale.ROOT)).toList();
			collector.header = columns;
			List<String> missing = REQUIRED_COLUMNS.stream().filter((c) -> !columns.contains(c)).toList();
			if (!missing.isEmpty()) {
				collector.fileError = "the header (line 1) lacks " + String.join(", ", missing) + "; expected "
						+ String.join(",", COLUMNS);
				return;
			}
			collector.opened();
			int line = 1;
			int keep = columns.size() + MAX_EXTRA_FIELDS;
			while (true) {
				Row row;
				int failedAt = line + 1;
				try {
					if (parser.nextToken() != JsonToken.START_ARRAY) {
						break;
					}
					// The physical line the record starts on (blank lines are skipped by
					// the parser, not renumbered).
					line = Math.max(line + 1, (int) parser.currentLocation().getLineNr());
					failedAt = line;
					row = row(parser, keep);
				}
				catch (JacksonException ex) {
					// Quoting cannot be resynchronised after a broken record: the rest of
					// the file is not read.
					collector.invalid(failedAt, null, "is not valid CSV: " + ex.getOriginalMessage(), null);
					break;
				}
				int count = row.count();
				if (count == 0 || (count == 1 && row.fields().get(0).isBlank())) {
					continue;
				}
				if (count > columns.size()) {
					collector.invalid(line, null,
							"has " + count + " fields but the header has " + columns.size()
									+ " (quote a field that contains a comma)",
							(count <= keep) ? csvLine(row.fields()) : null);
					continue;
				}
				Map<String, String> fields = new HashMap<>();
				for (int i = 0; i < count; i++) {
					fields.put(columns.get(i), row.fields().get(i));
				}
				collector.add(line, fields, () -> csvLine(row.fields()));
			}
		}
	}

	/** A CSV record: its first fields, and how many it had. */
	private record Row(List<String> fields, int count) {
	}

	/**
	 * The record the parser has just opened; a record of a million commas is counted, not
	 * held.
	 */
	private static Row row(JsonParser parser, int keep) {
		List<String> fields = new ArrayList<>();
		int count = 0;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY
				&& token != null; token = parser.nextToken()) {
			if (count < keep) {
				fields.add(parser.getString());
			}
			count++;
		}
		return new Row(fields, count);
	}

	/**
	 * A row as CSV again, for the report of the lines to correct; only invalid rows need
	 * it.
	 */
	private String csvLine(List<String> row) {
		return this.csvMapper.writer(CsvSchema.emptySchema())
			.writeValueAsString(row.toArray(String[]::new))
			.stripTrailing();
	}

	private void readJsonLines(Reader text, Collector collector) throws IOException {
		collector.opened();
		BoundedLines lines = new BoundedLines(text, MAX_LINE_LENGTH);
		int line = 0;
		for (String raw = lines.next(); raw != null; raw = lines.next()) {
			line++;
			if (lines.tooLong()) {
				collector.invalid(line, null,
						"is longer than " + MAX_LINE_LENGTH
								+ " characters (not copied to the lines to correct; fix it in the original file)",
						null);
				continue;
			}
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

	/**
	 * Lines as {@link java.io.BufferedReader#readLine} splits them ({@code \n},
	 * {@code \r} or {@code \r\n}), but a line longer than the bound is skipped to its end
	 * instead of being held.
	 */
	static final class BoundedLines {

		private final Reader in;

		private final int maxLength;

		private final char[] buffer = new char[8192];

		private final StringBuilder line = new StringBuilder();

		private int position;

		private int limit;

		private boolean skipLineFeed;

		private boolean tooLong;

		BoundedLines(Reader in, int maxLength) {
			this.in = in;
			this.maxLength = maxLength;
		}

		/**
		 * The next line without its end, or null at the end of the file; empty when
		 * {@link #tooLong()}.
		 */
		String next() throws IOException {
			this.line.setLength(0);
			this.tooLong = false;
			boolean any = false;
			while (true) {
				if (this.position == this.limit) {
					int read = this.in.read(this.buffer);
					if (read <= 0) {
						return any ? this.line.toString() : null;
					}
					this.position = 0;
					this.limit = read;
				}
				if (this.skipLineFeed) {
					this.skipLineFeed = false;
					if (this.buffer[this.position] == '\n') {
						this.position++;
						continue;
					}
				}
				any = true;
				int start = this.position;
				while (this.position < this.limit && this.buffer[this.position] != '\n'
						&& this.buffer[this.position] != '\r') {
					this.position++;
				}
				append(start, this.position - start);
				if (this.position < this.limit) {
					this.skipLineFeed = this.buffer[this.position] == '\r';
					this.position++;
					return this.line.toString();
				}
			}
		}

		boolean tooLong() {
			return this.tooLong;
		}

		private void append(int start, int length) {
			if (this.tooLong) {
				return;
			}
			if (this.line.length() + length > this.maxLength) {
				this.tooLong = true;
				this.line.setLength(0);
				return;
			}
			this.line.append(this.buffer, start, length);
		}

	}

	private static final class Collector {

		private final String contentHash;

		private final EntryListener listener;

		private final InvalidLines invalid;

		private List<String> header = List.of();

		private int entries;

		private String fileError;

		Collector(String contentHash, EntryListener listener, InvalidLines invalid) {
			this.contentHash = contentHash;
			this.listener = listener;
			this.invalid = invalid;
		}

		void opened() {
			this.listener.opened(this.contentHash, this.header);
		}

		void add(int line, Map<String, String> fields, Supplier<String> raw) throws IOException {
			EntryValidator.Outcome outcome = EntryValidator.validate(this.contentHash, line, fields);
			if (outcome.entry() != null) {
				this.entries++;
				this.listener.entry(outcome.entry());
			}
			else {
				this.invalid.add(line, outcome.errors(), raw.get());
			}
		}

		void invalid(int line, String field, String reason, String raw) throws IOException {
			this.invalid.add(line, List.of(new LineError(line, field, reason)), raw);
		}

	}

}
