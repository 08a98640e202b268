package com.exampleco.timesheets.batch.inbox;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A file waiting in the inbox, and the format its extension announces. */
public record InboxFile(Path path, Format format) {

	public enum Format {

		/**
		 * Comma-separated, with the header {@code employee_id,date,project,hours,notes}.
		 */
		CSV,

		/** JSON Lines: one JSON object per line, with the same snake_case fields. */
		JSON_LINES

	}

	public String name() {
		return this.path.getFileName().toString();
	}

	/**
	 * The name as printed in logs and reports: a name may hold a line feed or a
	 * bidirectional override.
	 */
	public String displayName() {
		return LogText.of(name());
	}

	static Optional<InboxFile> of(Path path) {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		// Hidden and partial files are still being written: producers write elsewhere and
		// rename into the inbox.
		if (name.startsWith(".")) {
			return Optional.empty();
		}
		if (name.endsWith(".csv")) {
			return Optional.of(new InboxFile(path, Format.CSV));
		}
		if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
			return Optional.of(new InboxFile(path, Format.JSON_LINES));
		}
		return Optional.empty();
	}

}
