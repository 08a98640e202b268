package com.exampleco.timesheets.batch.inbox;

/**
 * Receives a file's valid entries while {@link EntryReader} is still reading the rest, so that the first chunks can be
 * on their way to the API before the last line is parsed.
 */
public interface EntryListener {

	/** For a caller that only wants the {@link ParsedFile} at the end. */
	EntryListener NONE = new EntryListener() {

		@Override
		public void opened(String contentHash) {
		}

		@Override
		public void entry(TimesheetEntry entry) {
		}

	};

	/**
	 * The file is an entries file (UTF-8, and for CSV a header with the required columns), and its entries follow.
	 * Called at most once, before any {@link #entry}; never for a file refused as a whole.
	 * @param contentHash SHA-256 of the file's bytes, hex, as in {@link ParsedFile#contentHash()}
	 */
	void opened(String contentHash);

	/** The next valid entry, in file order. */
	void entry(TimesheetEntry entry);

}
