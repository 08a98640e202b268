package com.exampleco.timesheets.batch.inbox;

import java.util.List;

/**
 * Receives a file's valid entries while {@link EntryReader} is still reading the rest, so
 * that the first chunks can be on their way to the API before the last line is parsed.
 */
public interface EntryListener {

	/** For a caller that only wants the counts of the {@link ParsedFile} at the end. */
	EntryListener NONE = new EntryListener() {

		@Override
		public void opened(String contentHash, List<String> header) {
		}

		@Override
		public void entry(TimesheetEntry entry) {
		}

	};

	/**
	 * The file is an entries file (UTF-8, and for CSV a header with the required
	 * columns), and its entries follow. Called at most once, before any {@link #entry};
	 * never for a file refused as a whole.
	 * @param contentHash SHA-256 of the file's bytes, hex, as in
	 * {@link ParsedFile#contentHash()}
	 * @param header the CSV header as read (empty for JSON Lines), as in
	 * {@link ParsedFile#header()}
	 */
	void opened(String contentHash, List<String> header);

	/** The next valid entry, in file order. */
	void entry(TimesheetEntry entry);

}
