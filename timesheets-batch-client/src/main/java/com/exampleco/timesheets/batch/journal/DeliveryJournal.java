package com.exampleco.timesheets.batch.journal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import com.exampleco.timesheets.batch.inbox.LineError;
import com.exampleco.timesheets.batch.inbox.NotDelivered;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The job's memory across runs and crashes: for each file, identified by its content
 * hash, the last line the API has acknowledged. A chunk's acknowledgement is written in
 * one transaction after the API answered, in file order, so after a SIGKILL at any point
 * the next run resends at most the chunks that were out ahead of the journal, which the
 * API recognises by their idempotency keys.
 */
@Repository
public class DeliveryJournal {

	private final JdbcClient jdbc;

	private final Clock clock;

	public DeliveryJournal(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Starts or resumes a file.
	 * @param contentHash the file's
	 * {@link com.exampleco.timesheets.batch.inbox.ParsedFile#contentHash()}
	 * @return the last line already acknowledged (0 for a file not seen, or seen and
	 * completed before: a file dropped again is delivered again, and the API answers
	 * {@code duplicate} for what it holds)
	 */
	@Transactional
	public int begin(String contentHash, String fileName) {
		Optional<Integer> resumable = this.jdbc
			.sql("SELECT delivered_through_line FROM delivery_progress WHERE content_hash = ? AND completed_at IS NULL")
			.param(contentHash)
			.query(Integer.class)
			.optional();
		if (resumable.isPresent()) {
			return resumable.get();
		}
		Timestamp now = now();
		this.jdbc.sql("DELETE FROM rejected_entry WHERE content_hash = ?").param(contentHash).update();
		this.jdbc.sql("DELETE FROM delivery_progress WHERE content_hash = ?").param(contentHash).update();
		this.jdbc.sql("""
				INSERT INTO delivery_progress (content_hash, file_name, delivered_through_line, entries_created,
				    entries_duplicate, started_at, updated_at)
				VALUES (?, ?, 0, 0, 0, ?, ?)""").params(contentHash, fileName, now, now).update();
		return 0;
	}

	/**
	 * Records one acknowledged chunk: the API's answer for every entry up to
	 * {@code throughLine}.
	 * @param rejected the entries the API refused, each with its reason and its line to
	 * write back for correction
	 */
	@Transactional
	public void acknowledged(String contentHash, int throughLine, int created, int duplicates,
			List<NotDelivered> rejected) {
		this.jdbc.sql("""
				UPDATE delivery_progress
				SET delivered_through_line = ?, entries_created = entries_created + ?,
				    entries_duplicate = entries_duplicate + ?, updated_at = ?
				WHERE content_hash = ?""").params(throughLine, created, duplicates, now(), contentHash).update();
		for (NotDelivered entry : rejected) {
			String reason = String.join("; ", entry.errors().stream().map(LineError::reason).toList());
			this.jdbc.sql("DELETE FROM rejected_entry WHERE content_hash = ? AND line_number = ?")
				.params(contentHash, entry.line())
				.update();
			this.jdbc
				.sql("INSERT INTO rejected_entry (content_hash, line_number, reason, row_text) VALUES (?, ?, ?, ?)")
				.params(contentHash, entry.line(), truncate(reason, 2000),
						(entry.row() != null && entry.row().length() <= ROW_TEXT_LENGTH) ? entry.row() : null)
				.update();
		}
	}

	/**
	 * Whether the API refused entries of the file, in this run or in an earlier one that
	 * was interrupted.
	 */
	public boolean hasRejected(String contentHash) {
		return this.jdbc.sql("SELECT COUNT(*) FROM rejected_entry WHERE content_hash = ?")
			.param(contentHash)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Hands the entries of the file that the API refused, in line order, to
	 * {@code reader}, streamed: the API may have refused millions (a closed project),
	 * more than memory holds. The transaction lets PostgreSQL use a cursor.
	 */
	@Transactional(readOnly = true)
	public <T> T rejected(String contentHash, Function<Iterator<NotDelivered>, T> reader) {
		try (Stream<NotDelivered> rows = this.jdbc
			.sql("SELECT line_number, reason, row_text FROM rejected_entry WHERE content_hash = ? ORDER BY line_number")
			.withFetchSize(500)
			.param(contentHash)
			.query((rs, row) -> {
				int line = rs.getInt("line_number");
				return new NotDelivered(line, List.of(new LineError(line, null, rs.getString("reason"))),
						rs.getString("row_text"));
			})
			.stream()) {
			return reader.apply(rows.iterator());
		}
	}

	@Transactional
	public void completed(String contentHash) {
		Timestamp now = now();
		this.jdbc.sql("UPDATE delivery_progress SET completed_at = ?, updated_at = ? WHERE content_hash = ?")
			.params(now, now, contentHash)
			.update();
		this.jdbc.sql("DELETE FROM rejected_entry WHERE content_hash = ?").param(contentHash).update();
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	/**
	 * {@code rejected_entry.row_text}: a valid entry's line is far shorter (notes are at
	 * most 1,000 characters).
	 */
	private static final int ROW_TEXT_LENGTH = 20_000;

	private static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

}
