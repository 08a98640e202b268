package com.exampleco.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inbox files of distinct entries: entry {@code n} of a file is employee
 * {@code <prefix>-<n mod 50>} on day {@code n / 50}, so no two entries share employee,
 * date and project, and "each entry exactly once" can be checked from what the API lists.
 */
public final class SampleEntries {

	private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);

	private SampleEntries() {
	}

	/**
	 * Writes a CSV file beside the inbox and renames it in, as a producer should, so that
	 * the import job never reads it half written.
	 * @return the file in the inbox
	 */
	public static Path csv(Path inbox, String name, String employeePrefix, int count) {
		List<String> lines = new ArrayList<>(count + 1);
		lines.add("employee_id,date,project,hours,notes");
		for (int n = 0; n < count; n++) {
			lines.add(String.format(Locale.ROOT, "%s-%02d,%s,%s,%s,\"entry %d, imported\"", employeePrefix, n % 50,
					FIRST_DAY.plusDays(n / 50), project(n), hours(n), n));
		}
		return dropIntoInbox(inbox, name, lines);
	}

	/** The same, as JSON Lines. */
	public static Path jsonLines(Path inbox, String name, String employeePrefix, int count) {
		List<String> lines = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			lines.add(String.format(Locale.ROOT,
					"{\"employee_id\":\"%s-%02d\",\"date\":\"%s\",\"project\":\"%s\",\"hours\":%s,\"notes\":\"line %d\"}",
					employeePrefix, n % 50, FIRST_DAY.plusDays(n / 50), project(n), hours(n), n));
		}
		return dropIntoInbox(inbox, name, lines);
	}

	private static String project(int n) {
		return "PRJ-" + (100 + n % 3);
	}

	private static String hours(int n) {
		return (n % 2 == 0) ? "7.5" : "8";
	}

	private static Path dropIntoInbox(Path inbox, String name, List<String> lines) {
		try {
			Files.createDirectories(inbox);
			Path staging = Files.createDirectories(inbox.resolveSibling("staging"));
			Path file = Files.write(staging.resolve(name), lines, StandardCharsets.UTF_8);
			return Files.move(file, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
