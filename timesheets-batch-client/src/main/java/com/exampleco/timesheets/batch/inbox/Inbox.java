package com.exampleco.timesheets.batch.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.stereotype.Component;

/**
 * The inbox folder: which files wait, and where a file goes once handled. A handled file moves to
 * {@code processed/}; when some of its lines were not delivered, {@code failed/} gets a report naming each line,
 * field and reason, plus those lines alone in the file's own format, ready to be corrected and dropped back into the
 * inbox (only those lines: the delivered ones are not sent twice).
 */
@Component
public class Inbox {

	private final InboxProperties properties;

	private final CsvMapper csvMapper = CsvMapper.builder().build();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	public Inbox(InboxProperties properties) {
		this.properties = properties;
	}

	public Path dir() {
		return this.properties.dir();
	}

	/** Files waiting, oldest name first so that an export's order is kept. */
	public List<InboxFile> pending() {
		Path dir = this.properties.dir();
		try {
			Files.createDirectories(dir);
			try (Stream<Path> paths = Files.list(dir)) {
				return paths.filter(Files::isRegularFile)
					.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()))
					.map(InboxFile::of)
					.flatMap(Optional::stream)
					.toList();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the inbox " + dir.toAbsolutePath(), ex);
		}
	}

	/**
	 * Whether the file has not been modified for {@code batch.inbox.min-age}, so that a producer writing straight
	 * into the inbox has most likely finished it.
	 */
	public boolean isSettled(InboxFile file) throws IOException {
		Instant modified = Files.getLastModifiedTime(file.path()).toInstant();
		return !modified.isAfter(Instant.now().minus(this.properties.minAge()));
	}

	public Duration minAge() {
		return this.properties.minAge();
	}

	public Path moveToProcessed(InboxFile file) throws IOException {
		return moveInto(file.path(), this.properties.processedDir());
	}

	/** For a file that could not be read at all: it goes to failed/ beside its report. */
	public Path moveToFailed(InboxFile file) throws IOException {
		return moveInto(file.path(), this.properties.failedDir());
	}

	/**
	 * Writes {@code failed/<name>.errors.txt} and {@code failed/<name>.rejected.<ext>}.
	 * @param rowsToFix the original text of every line not delivered, by line number
	 * @return the report's path
	 */
	public Path writeFailureReport(ParsedFile parsed, List<LineError> errors, Map<Integer, String> rowsToFix,
			String fileError) throws IOException {
		Path failed = Files.createDirectories(this.properties.failedDir());
		String name = parsed.file().name();
		List<String> report = new ArrayList<>();
		if (fileError != null) {
			// Nothing of such a file was delivered: the whole file is to be fixed, not a list of lines.
			report.add("# " + name + ": not delivered at all, the file was refused as a whole");
			report.add("# Fix " + name + " (beside this report) and move it back into the inbox.");
			report.add("file: " + fileError);
		}
		else {
			report.add("# " + name + ": lines that were not delivered");
			report.add("# Every other line of this file was delivered. To resubmit, correct "
					+ rejectedName(parsed.file()) + " and move it into the inbox.");
		}
		errors.stream().sorted(Comparator.comparingInt(LineError::line)).map(LineError::describe).forEach(report::add);
		Path reportPath = unique(failed.resolve(name + ".errors.txt"));
		Files.write(reportPath, report, StandardCharsets.UTF_8);
		if (!rowsToFix.isEmpty()) {
			List<String> rows = new ArrayList<>();
			if (parsed.file().format() == InboxFile.Format.CSV) {
				rows.add(String.join(",", parsed.header().isEmpty() ? EntryReader.COLUMNS : parsed.header()));
			}
			rows.addAll(rowsToFix.values());
			Files.write(unique(failed.resolve(rejectedName(parsed.file()))), rows, StandardCharsets.UTF_8);
		}
		return reportPath;
	}

	/** An entry as a line of its file's format, for entries that the API rejected. */
	public String render(ParsedFile parsed, TimesheetEntry entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("employee_id", entry.employeeId());
		fields.put("date", entry.date().toString());
		fields.put("project", entry.project());
		fields.put("hours", entry.hours().toPlainString());
		fields.put("notes", (entry.notes() != null) ? entry.notes() : "");
		if (parsed.file().format() == InboxFile.Format.JSON_LINES) {
			return this.jsonMapper.writeValueAsString(fields);
		}
		List<String> header = parsed.header().isEmpty() ? EntryReader.COLUMNS : parsed.header();
		String[] row = header.stream().map((column) -> fields.getOrDefault(column, "")).toArray(String[]::new);
		return this.csvMapper.writer(CsvSchema.emptySchema()).writeValueAsString(row).stripTrailing();
	}

	private static String rejectedName(InboxFile file) {
		String name = file.name();
		int dot = name.lastIndexOf('.');
		return name.substring(0, dot) + ".rejected" + name.substring(dot);
	}

	private static Path moveInto(Path source, Path dir) throws IOException {
		Files.createDirectories(dir);
		Path target = unique(dir.resolve(source.getFileName().toString()));
		return Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Never overwrite an earlier file of the same name: an operator may still need it. */
	private static Path unique(Path path) {
		if (!Files.exists(path)) {
			return path;
		}
		String name = path.getFileName().toString();
		int dot = name.indexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		String extension = (dot > 0) ? name.substring(dot) : "";
		for (int i = 1;; i++) {
			Path candidate = path.resolveSibling(stem + "-" + i + extension);
			if (!Files.exists(candidate)) {
				return candidate;
			}
		}
	}

}
