package com.exampleco.timesheets.batch.run;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.delivery.ChunkUpload;
import com.exampleco.timesheets.batch.delivery.EntryResult;
import com.exampleco.timesheets.batch.delivery.UploadWindow;
import com.exampleco.timesheets.batch.delivery.UploadWindows;
import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.inbox.EntryListener;
import com.exampleco.timesheets.batch.inbox.Inbox;
import com.exampleco.timesheets.batch.inbox.InboxFile;
import com.exampleco.timesheets.batch.inbox.LineError;
import com.exampleco.timesheets.batch.inbox.NotDelivered;
import com.exampleco.timesheets.batch.inbox.ParsedFile;
import com.exampleco.timesheets.batch.inbox.TimesheetEntry;
import com.exampleco.timesheets.batch.journal.DeliveryJournal;
import com.exampleco.timesheets.batch.retry.RetryDecision;

/**
 * The pipeline of one file, fed by
 * {@link com.exampleco.timesheets.batch.inbox.EntryReader} while it reads and validates
 * the file: each valid entry is <b>chunked</b> (entries an interrupted run had delivered
 * are skipped), each full chunk is <b>uploaded</b> through the file's
 * {@link UploadWindow} (a bounded number in flight, answers in file order), and each
 * answer is <b>journalled</b> before it counts. So the first chunks are on their way
 * before the last line is read, and memory does not grow with the file.
 *
 * <p>
 * After a failure that outlasted the retries nothing more is sent; the rest of the file
 * is still read (its invalid lines are still counted), and the next run resumes after the
 * last journalled chunk.
 */
final class FileDelivery implements EntryListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FileDelivery.class);

	private final InboxFile file;

	private final Inbox inbox;

	private final DeliveryJournal journal;

	private final UploadWindows windows;

	private final int chunkSize;

	private final ProgressLine progress;

	private UploadWindow window;

	private String contentHash;

	private List<String> header = List.of();

	private int deliveredThrough;

	private List<TimesheetEntry> chunk = new ArrayList<>();

	/**
	 * Entries after the resume point: each is acknowledged, or undelivered at the end.
	 */
	private int toSend;

	/** What the journalled chunks and the skipped entries add up to so far. */
	private ImportCounts counts = ImportCounts.NONE;

	private final RunEvents events;

	private final ImportMetrics metrics;

	FileDelivery(InboxFile file, Inbox inbox, DeliveryJournal journal, UploadWindows windows, int chunkSize,
			ProgressLine progress, RunEvents events, ImportMetrics metrics) {
		this.file = file;
		this.inbox = inbox;
		this.journal = journal;
		this.windows = windows;
		this.chunkSize = chunkSize;
		this.progress = progress;
		this.events = events;
		this.metrics = metrics;
	}

	@Override
	public void opened(String contentHash, List<String> header) {
		this.contentHash = contentHash;
		this.header = header;
		this.deliveredThrough = this.journal.begin(contentHash, this.file.name());
		if (this.deliveredThrough > 0) {
			logger.info("Resuming {} after line {}, which an interrupted run had delivered", this.file.displayName(),
					this.deliveredThrough);
		}
		this.window = this.windows.open();
		logger.info(
				"Delivering {} in chunks of {} while it is read ({} uploads at once, at most {} chunks ahead of "
						+ "the journal)",
				this.file.displayName(), this.chunkSize, this.windows.uploaders(), this.window.limit());
		this.progress.start(this.file.displayName());
	}

	/**
	 * Chunk: an entry an interrupted run delivered is skipped; a full chunk is uploaded.
	 */
	@Override
	public void entry(TimesheetEntry entry) {
		if (entry.line() <= this.deliveredThrough) {
			this.counts = this.counts.plus(ImportCounts.resumed(1));
			this.progress.advance(1);
			return;
		}
		this.toSend++;
		this.chunk.add(entry);
		if (this.chunk.size() == this.chunkSize) {
			upload();
		}
	}

	/**
	 * Uploads what the last chunk holds and waits for every answer.
	 * @param parsed the file as read to its end
	 * @return what the delivery of this file did; {@code filesLeftInInbox} is 1 when some
	 * entry has no answer
	 */
	ImportCounts finish(ParsedFile parsed) {
		this.progress.total(parsed.entries());
		logger.info("Read {} to its end: {} entries ({} invalid lines)", this.file.displayName(), parsed.entries(),
				parsed.invalid().lines());
		if (this.window == null) {
			return this.counts;
		}
		if (!this.chunk.isEmpty()) {
			upload();
		}
		journal(this.window.drain());
		if (this.window.failed()) {
			return this.counts.plus(ImportCounts.leftInInbox(this.toSend - this.counts.acknowledged()));
		}
		return this.counts;
	}

	@Override
	public void close() {
		if (this.window != null) {
			this.window.close();
			this.progress.finish();
		}
	}

	private void upload() {
		List<TimesheetEntry> full = this.chunk;
		this.chunk = new ArrayList<>(this.chunkSize);
		this.events.chunkSent(this.file.displayName(), full.get(0).line(), full.size());
		journal(this.window.send(full));
	}

	/**
	 * Journal: the answers in file order; the window hands back none after the first
	 * failure.
	 */
	private void journal(List<ChunkUpload> answers) {
		for (ChunkUpload answer : answers) {
			if (answer instanceof ChunkUpload.Answered answered) {
				ImportCounts chunk = journal(answered);
				this.metrics.recordChunk(chunk);
				this.counts = this.counts.plus(chunk);
				this.progress.advance(answered.chunk().size());
			}
			else if (answer instanceof ChunkUpload.Failed failed) {
				logger.error(
						"Could not deliver {} from line {} on: {}; it stays in the inbox and the next run resumes "
								+ "there",
						this.file.displayName(), failed.chunk().get(0).line(),
						RetryDecision.describe(failed.failure()));
				this.events.chunkFailed(this.file.displayName(), failed.chunk().get(0).line(),
						RetryDecision.describe(failed.failure()));
				ImportCounts chunk = ImportCounts.failedChunk(failed.retries());
				this.metrics.recordChunk(chunk);
				this.counts = this.counts.plus(chunk);
			}
		}
	}

	private ImportCounts journal(ChunkUpload.Answered answered) {
		int created = 0;
		int duplicates = 0;
		List<NotDelivered> rejected = new ArrayList<>();
		for (EntryResult result : answered.results()) {
			switch (result.status()) {
				case CREATED -> created++;
				case DUPLICATE -> duplicates++;
				case REJECTED -> rejected.add(rejection(result));
			}
		}
		List<TimesheetEntry> chunk = answered.chunk();
		this.journal.acknowledged(this.contentHash, chunk.get(chunk.size() - 1).line(), created, duplicates, rejected);
		this.events.chunkAccepted(this.file.displayName(), chunk.get(0).line(), chunk.size(), created, duplicates,
				rejected.size());
		return ImportCounts.chunk(created, duplicates, rejected.size(), answered.retries());
	}

	/**
	 * Kept with its line in the journal, so that the report needs no entry held in
	 * memory.
	 */
	private NotDelivered rejection(EntryResult result) {
		int line = result.entry().line();
		String reason = "rejected by the API: "
				+ (result.errors().isEmpty() ? "no reason given" : String.join("; ", result.errors()));
		return new NotDelivered(line, List.of(new LineError(line, null, reason)),
				this.inbox.render(this.file.format(), this.header, result.entry()));
	}

}
