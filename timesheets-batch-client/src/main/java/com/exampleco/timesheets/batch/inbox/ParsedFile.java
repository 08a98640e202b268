package com.exampleco.timesheets.batch.inbox;

import java.io.IOException;
import java.util.List;

/**
 * What an inbox file held once read: how many valid entries (they went to the
 * {@link EntryListener} as they were read), and its invalid lines, spooled on disk until
 * the report is written. Close it to delete the spool.
 *
 * @param contentHash SHA-256 of the file's bytes, hex; the basis of every entry's
 * idempotency key
 * @param header the CSV header as read (empty for JSON Lines), to write rejected rows
 * back in the same shape
 * @param entries valid entries read
 * @param invalid the invalid lines, in file order, with their reasons and their text to
 * write back for correction
 * @param fileError set when the file as a whole is unusable (no header, not UTF-8); then
 * there are no entries
 */
public record ParsedFile(InboxFile file, String contentHash, List<String> header, int entries, InvalidLines invalid,
		String fileError) implements AutoCloseable {

	@Override
	public void close() throws IOException {
		this.invalid.close();
	}

}
