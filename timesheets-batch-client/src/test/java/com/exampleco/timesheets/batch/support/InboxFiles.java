package com.exampleco.timesheets.batch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/** Writes inbox files the way an exporting system would. */
public final class InboxFiles {

	public static final String HEADER = "employee_id,date,project,hours,notes";

	private InboxFiles() {
	}

	/**
	 * A CSV file of {@code count} valid entries, unique to this call (so its idempotency
	 * keys are new).
	 */
	public static Path csv(Path inbox, String name, int count) {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		for (int i = 1; i <= count; i++) {
			lines.add(String.format(Locale.ROOT, "emp-%03d,2026-11-%02d,import-%s,%s,\"line %d, batch %s\"", i % 50,
					1 + i % 28, batch, (i % 2 == 0) ? "7.5" : "8", i, batch));
		}
		return write(inbox, name, lines);
	}

	public static Path write(Path inbox, String name, List<String> lines) {
		try {
			Files.createDirectories(inbox);
			// Written beside the inbox and renamed in, as the README asks of producers.
			Path temporary = inbox.resolve("." + name + ".part");
			Files.write(temporary, lines);
			// Finished a while ago, as far as the job's batch.inbox.min-age can tell.
			Files.setLastModifiedTime(temporary, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
			return Files.move(temporary, inbox.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void clean(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).filter((p) -> !p.equals(dir)).forEach((p) -> {
				try {
					Files.delete(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
