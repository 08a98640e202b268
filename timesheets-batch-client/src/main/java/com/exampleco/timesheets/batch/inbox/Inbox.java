package com.exampleco.timesheets.batch.inbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.stereotype.Component;

/**
 * The inbox folder: which files wait, and where a file goes once handled. A handled file
 * moves to {@code processed/}; when some of its lines were not delivered, {@code failed/}
 * gets a report naming each line, field and reason, plus those lines alone in the file's
 * own format, ready to be corrected and dropped back into the inbox (only those lines:
 * the delivered ones are not sent twice).
 *
 * <p>
 * Whoever writes into the inbox is not trusted with the job's rights: nothing in it is
 * reached through a symbolic link. Files are read by {@link EntryReader} as regular files
 * only; {@code processed/} and {@code failed/} must be real directories, not links;
 * reports are created, never opened if they exist (a link planted under a report's name
 * is not written through), and a move never replaces a file. Names are cut to fit the
 * file system's 255 bytes with a suffix added.
 */
@Component
public class Inbox {

	/**
	 * NAME_MAX of Linux, macOS and Windows file systems, in bytes of UTF-8 on the first
	 * two.
	 */
	static final int MAX_NAME_BYTES = 255;

	private final InboxProperties properties;

	private final CsvMapper csvMapper = CsvMapper.builder().build();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Clock clock;

	public Inbox(InboxProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	public Path dir() {
		return this.properties.dir();
	}

	/**
	 * Files waiting, oldest name first so that an export's order is kept: every entry
	 * with an inbox file's name, whatever it is (a link, a directory or a FIFO is refused
	 * when read, and moved to {@code failed/}).
	 * @throws UncheckedIOException the inbox cannot be listed, or {@code processed/} or
	 * {@code failed/} is a symbolic link or not a directory
	 */
	public List<InboxFile> pending() {
		Path dir = this.properties.dir();
		try {
			// The configured folder itself may be a link (an operator's choice); nothing
			// inside it is followed.
			Files.createDirectories(dir);
			directory(this.properties.processedDir());
			directory(this.properties.failedDir());
			List<InboxFile> files = new ArrayList<>();
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
				for (Path entry : entries) {
					InboxFile.of(entry).ifPresent(files::add);
				}
			}
			files.sort(Comparator.comparing(InboxFile::name));
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the inbox " + LogText.of(dir.toAbsolutePath().toString()) + ": "
					+ RegularFile.reason(ex), ex);
		}
	}

	/**
	 * Whether the file has not been modified for {@code batch.inbox.min-age}, so that a
	 * producer writing straight into the inbox has most likely finished it. Read from the
	 * entry itself, not from where a link points.
	 */
	public boolean isSettled(InboxFile file) throws IOException {
		BasicFileAttributes attributes = RegularFile.attributes(file.path());
		// Only a regular file can be half written; anything else is refused when it is
		// read, at once.
		Instant modified = attributes.lastModifiedTime().toInstant();
		return !attributes.isRegularFile() || !modified.isAfter(this.clock.instant().minus(this.properties.minAge()));
	}

	public Duration minAge() {
		return this.properties.minAge();
	}

	public Path moveToProcessed(InboxFile file) throws IOException {
		return moveInto(file.path(), directory(this.properties.processedDir()));
	}

	/**
	 * For a file that could not be read at all: it goes to failed/ beside its report. A
	 * link moves as a link.
	 */
	public Path moveToFailed(InboxFile file) throws IOException {
		return moveInto(file.path(), directory(this.properties.failedDir()));
	}

	/**
	 * Writes {@code failed/<name>.errors.txt} for a file refused as a whole: not an
	 * entries file, or not read at all.
	 * @return the report's path
	 */
	public Path writeFileReport(InboxFile file, String fileError) throws IOException {
		Path failed = directory(this.properties.failedDir());
		String name = file.displayName();
		Report report = create(failed, file.name(), ".errors.txt");
		try (Writer out = report.writer()) {
			// Nothing of such a file was delivered: the whole file is to be fixed, not a
			// list of lines.
			line(out, "# " + name + ": not delivered at all, the file was refused as a whole");
			line(out, "# Fix " + name + " (beside this report) and move it back into the inbox.");
			line(out, "file: " + LogText.whole(fileError));
		}
		return report.path();
	}

	/** What {@link #writeLineReport} wrote. */
	public record LineReport(Path path, int lines) {
	}

	/**
	 * Writes {@code failed/<name>.errors.txt} and {@code failed/<name>.rejected.<ext>},
	 * streaming: the invalid lines and the API's rejections are merged in line order,
	 * never held together in memory.
	 * @param rejected the entries the API rejected, in line order
	 */
	public LineReport writeLineReport(ParsedFile parsed, Iterator<NotDelivered> rejected) throws IOException {
		Path failed = directory(this.properties.failedDir());
		InboxFile file = parsed.file();
		Report report = create(failed, file.name(), ".errors.txt");
		Report rows = null;
		int lines = 0;
		try (Writer out = report.writer()) {
			line(out, "# " + file.displayName() + ": lines that were not delivered");
			line(out, "# Every other line of this file was delivered. To resubmit, correct "
					+ LogText.of(rejectedName(file)) + " and move it into the inbox.");
			Iterator<NotDelivered> invalid = parsed.invalid().iterator();
			NotDelivered nextInvalid = next(invalid);
			NotDelivered nextRejected = next(rejected);
			while (nextInvalid != null || nextRejected != null) {
				NotDelivered line;
				if (nextRejected == null || (nextInvalid != null && nextInvalid.line() <= nextRejected.line())) {
					line = nextInvalid;
					nextInvalid = next(invalid);
				}
				else {
					line = nextRejected;
					nextRejected = next(rejected);
				}
				lines++;
				for (LineError error : line.errors()) {
					// A reason quotes the value it refuses, and a CSV value may hold a
					// line break.
					line(out, LogText.whole(error.describe()));
				}
				if (line.row() != null) {
					if (rows == null) {
						rows = createRows(failed, parsed);
					}
					line(rows.writer(), line.row());
				}
			}
		}
		finally {
			if (rows != null) {
				rows.writer().close();
			}
		}
		return new LineReport(report.path(), lines);
	}

	private Report createRows(Path failed, ParsedFile parsed) throws IOException {
		String name = rejectedName(parsed.file());
		int dot = name.lastIndexOf('.');
		Report rows = create(failed, name.substring(0, dot), name.substring(dot));
		if (parsed.file().format() == InboxFile.Format.CSV) {
			line(rows.writer(), String.join(",", parsed.header().isEmpty() ? EntryReader.COLUMNS : parsed.header()));
		}
		return rows;
	}

	/** An entry as a line of its file's format, for entries that the API rejected. */
	public String render(InboxFile.Format format, List<String> header, TimesheetEntry entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("employee_id", entry.employeeId());
		fields.put("date", entry.date().toString());
		fields.put("project", entry.project());
		fields.put("hours", entry.hours().toPlainString());
		fields.put("notes", (entry.notes() != null) ? entry.notes() : "");
		if (format == InboxFile.Format.JSON_LINES) {
			return this.jsonMapper.writeValueAsString(fields);
		}
		List<String> columns = header.isEmpty() ? EntryReader.COLUMNS : header;
		String[] row = columns.stream().map((column) -> fields.getOrDefault(column, "")).toArray(String[]::new);
		return this.csvMapper.writer(CsvSchema.emptySchema()).writeValueAsString(row).stripTrailing();
	}

	private static NotDelivered next(Iterator<NotDelivered> lines) {
		return lines.hasNext() ? lines.next() : null;
	}

	private static void line(Writer out, String text) throws IOException {
		out.write(text);
		out.write('\n');
	}

	private static String rejectedName(InboxFile file) {
		String name = file.name();
		int dot = name.lastIndexOf('.');
		return name.substring(0, dot) + ".rejected" + name.substring(dot);
	}

	/**
	 * The folder, created if absent. A symbolic link in its place is refused: whoever can
	 * write into the inbox could otherwise send the job's moves and reports anywhere it
	 * can write.
	 */
	private static Path directory(Path dir) throws IOException {
		try {
			Files.createDirectory(dir);
		}
		catch (FileAlreadyExistsException ex) {
			// Checked below, whatever it is.
		}
		BasicFileAttributes attributes = RegularFile.attributes(dir);
		if (!attributes.isDirectory()) {
			throw new IOException(dir.getFileName() + "/ is " + (attributes.isSymbolicLink()
					? "a symbolic link; the job follows no link in its inbox" : "not a directory"));
		}
		return dir;
	}

	/**
	 * A move never replaces a file an operator may still need: the target gets a suffix
	 * ({@code export-1.csv}).
	 */
	private static Path moveInto(Path source, Path dir) throws IOException {
		String name = source.getFileName().toString();
		int dot = name.indexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		String extension = (dot > 0) ? name.substring(dot) : "";
		for (int i = 0;; i++) {
			// The first candidate keeps the name's own bytes, even those that are not
			// UTF-8.
			Path target = (i == 0) ? dir.resolve(source.getFileName()) : dir.resolve(fit(stem, "-" + i + extension));
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				continue;
			}
			try {
				// Without REPLACE_EXISTING (nor ATOMIC_MOVE, which is rename(2) and
				// replaces silently) a target that appeared meanwhile is refused; a
				// symbolic link moves as the link itself.
				return Files.move(source, target);
			}
			catch (FileAlreadyExistsException ex) {
				// Taken since the check: try the next suffix.
			}
		}
	}

	private record Report(Path path, BufferedWriter writer) {
	}

	/**
	 * Creates {@code <stem><suffix>}, or {@code <stem>-1<suffix>}... if taken.
	 * {@code CREATE_NEW} refuses any existing name, a symbolic link included, so a link
	 * planted under a report's name is never written through.
	 */
	private static Report create(Path dir, String stem, String suffix) throws IOException {
		for (int i = 0;; i++) {
			Path path = dir.resolve(fit(stem, ((i == 0) ? "" : "-" + i) + suffix));
			try {
				return new Report(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
			}
			catch (FileAlreadyExistsException ex) {
				// Never overwrite an earlier report: an operator may still need it.
			}
		}
	}

	/**
	 * {@code head + tail}, the head cut (at a whole character) so that the name fits
	 * {@link #MAX_NAME_BYTES}.
	 */
	static String fit(String head, String tail) {
		int room = MAX_NAME_BYTES - utf8Length(tail);
		int end = head.length();
		while (end > 0 && utf8Length(head.substring(0, end)) > room) {
			end = head.offsetByCodePoints(end, -1);
		}
		return head.substring(0, end) + tail;
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
