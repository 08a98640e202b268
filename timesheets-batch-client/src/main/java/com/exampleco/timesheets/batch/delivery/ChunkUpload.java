package com.exampleco.timesheets.batch.delivery;

import java.util.List;

import com.exampleco.timesheets.batch.inbox.TimesheetEntry;

/**
 * What became of one chunk's upload, retries included: the API's answer, or the failure
 * that outlasted the retries. A value, never an exception, so that the answers of chunks
 * uploaded side by side can be handed back in file order.
 */
public sealed interface ChunkUpload {

	List<TimesheetEntry> chunk();

	/** Attempts repeated after a transient failure (connection error, 5xx, 429). */
	int retries();

	/**
	 * The API answered for every entry of the chunk, one result per entry, in entry
	 * order.
	 */
	record Answered(List<TimesheetEntry> chunk, List<EntryResult> results, int retries) implements ChunkUpload {

		public Answered {
			chunk = List.copyOf(chunk);
			results = List.copyOf(results);
		}

	}

	/**
	 * The chunk has no answer: the failure was not transient (400, 403, a second 401, an
	 * answer that does not account for every entry) or it outlasted the retries, or the
	 * chunk was not sent because an earlier one had failed.
	 */
	record Failed(List<TimesheetEntry> chunk, RuntimeException failure, int retries) implements ChunkUpload {

		public Failed {
			chunk = List.copyOf(chunk);
		}

	}

}
