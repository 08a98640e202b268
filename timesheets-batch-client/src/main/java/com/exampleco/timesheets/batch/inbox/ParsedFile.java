package com.exampleco.timesheets.batch.inbox;

import java.util.List;
import java.util.Map;

/**
 * What an inbox file holds once read: its valid entries (in file order) and, for every line that is not one, why.
 *
 * @param contentHash SHA-256 of the file's bytes, hex; the basis of every entry's idempotency key
 * @param header the CSV header as read (empty for JSON Lines), to write rejected rows back in the same shape
 * @param invalidRows the original text of each invalid line, by line number, to write back for correction
 * @param fileError set when the file as a whole is unusable (no header, unreadable); then there are no entries
 */
public record ParsedFile(InboxFile file, String contentHash, List<String> header, List<TimesheetEntry> entries,
		List<LineError> errors, Map<Integer, String> invalidRows, String fileError) {

	public int lineCount() {
		return this.entries.size() + this.invalidRows.size();
	}

}
