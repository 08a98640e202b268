package com.exampleco.timesheets.batch.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.delivery.ChunkDelivery;
import com.exampleco.timesheets.batch.delivery.EntryResult;
import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.inbox.EntryListener;
import com.exampleco.timesheets.batch.inbox.Inbox;
import com.exampleco.timesheets.batch.inbox.InboxFile;
import com.exampleco.timesheets.batch.inbox.LineError;
import com.exampleco.timesheets.batch.inbox.NotDelivered;
import com.exampleco.timesheets.batch.inbox.ParsedFile;
import com.exampleco.timesheets.batch.inbox.TimesheetEntry;
import com.exampleco.timesheets.batch.journal.DeliveryJournal;

/**
 * Delivers one file's entries in chunks while {@link com.exampleco.timesheets.batch.inbox.EntryReader} is still
 * reading it: a chunk is handed to the uploaders as soon as it is full, not after the last line is parsed.
 * {@code concurrency} uploaders send chunks; one that gets its answer takes the next chunk at once, without waiting
 * for the journal. Answers are journalled strictly in file order, so the journal's mark only ever covers a gap-free
 * prefix of the file. At most twice {@code concurrency} chunks are sent or queued ahead of the journal: a crash
 * resends at most those, which the API answers as duplicates, and reading waits when that many are out.
 *
 * <p>
 * After a failure that outlasted the retries nothing more is sent; the rest of the file is still read (its invalid
 * lines are still counted), and the next run resumes after the last acknowledged chunk.
 */
final class FileDelivery implements EntryListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FileDelivery.class);

	private static final ThreadFactory UPLOADERS = (task) -> {
		Thread thread = new Thread(task, "upload");
		thread.setDaemon(true);
		return thread;
	};

	private final InboxFile file;

	private final Inbox inbox;

	private final DeliveryJournal journal;

	private final ChunkDelivery delivery;

	private final int chunkSize;

	private final int concurrency;

	/**
	 * Chunks sent or waiting for an uploader, and not yet journalled. Twice the uploaders, so that an uploader that
	 * is answered finds its next chunk queued: with one chunk per uploader, a slow chunk at the head of the window
	 * left the others idle, and the API had 3.4-3.6 requests in flight on average instead of 3.7-3.8.
	 */
	private final int windowLimit;

	private final ImportMetrics metrics;

	private final Tally tally;

	private final ProgressLine progress;

	private final Deque<InFlight> window = new ArrayDeque<>();

	private ExecutorService uploaders;

	private String contentHash;

	private List<String> header = List.of();

	private int deliveredThrough;

	private List<TimesheetEntry> chunk = new ArrayList<>();

	/** Entries after the resume point: each is acknowledged, or counted as undelivered at the end. */
	private int toSend;

	private int acknowledged;

	/** Set by the reading thread when the oldest chunk's answer is a failure: nothing more is sent or journalled. */
	private boolean failed;

	/** Set by an uploader as soon as its chunk fails, so that the uploaders send no chunk still queued. */
	private volatile boolean uploadFailed;

	private final RunEvents events;

	FileDelivery(InboxFile file, Inbox inbox, DeliveryJournal journal, ChunkDelivery delivery, int chunkSize,
			int concurrency, ImportMetrics metrics, Tally tally, ProgressLine progress, RunEvents events) {
		this.file = file;
		this.inbox = inbox;
		this.journal = journal;
		this.delivery = delivery;
		this.chunkSize = chunkSize;
		this.concurrency = concurrency;
		this.windowLimit = 2 * concurrency;
		this.metrics = metrics;
		this.tally = tally;
		this.progress = progress;
		this.events = events;
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
		logger.info("Delivering {} in chunks of {} while it is read", this.file.displayName(), this.chunkSize);
		this.uploaders = Executors.newFixedThreadPool(this.concurrency, UPLOADERS);
		this.progress.start(this.file.displayName());
	}

	@Override
	public void entry(TimesheetEntry entry) {
		if (entry.line() <= this.deliveredThrough) {
			this.tally.resumed++;
			this.progress.advance(1);
			return;
		}
		this.toSend++;
		this.chunk.add(entry);
		if (this.chunk.size() == this.chunkSize) {
			send();
		}
	}

	/**
	 * Sends what the last chunk holds and waits for every answer.
	 * @param parsed the file as read to its end
	 * @return whether every valid entry of the file now has the API's answer
	 */
	boolean finish(ParsedFile parsed) {
		this.progress.total(parsed.entries());
		logger.info("Read {} to its end: {} entries ({} invalid lines)", this.file.displayName(), parsed.entries(),
				parsed.invalid().lines());
		if (!this.chunk.isEmpty()) {
			send();
		}
		while (!this.window.isEmpty() && !this.failed) {
			acknowledgeOldest();
		}
		if (this.failed) {
			int undelivered = this.toSend - this.acknowledged;
			this.tally.undelivered += undelivered;
			this.metrics.undelivered(undelivered);
		}
		return !this.failed;
	}

	@Override
	public void close() {
		if (this.uploaders != null) {
			this.uploaders.shutdownNow();
			this.progress.finish();
		}
	}

	private void send() {
		List<TimesheetEntry> full = this.chunk;
		this.chunk = new ArrayList<>(this.chunkSize);
		while (this.window.size() >= this.windowLimit && !this.failed) {
			acknowledgeOldest();
		}
		if (this.failed) {
			return;
		}
		this.window.add(new InFlight(full, CompletableFuture.supplyAsync(() -> upload(full), this.uploaders)));
		// Journal what has come back, without waiting: reading goes on while the uploads are out.
		while (!this.window.isEmpty() && this.window.peek().answer().isDone() && !this.failed) {
			acknowledgeOldest();
		}
	}

	/** Runs on an uploader. A chunk still queued when another has failed is not sent: the next run resumes. */
	private List<EntryResult> upload(List<TimesheetEntry> chunk) {
		if (this.uploadFailed) {
			throw new IllegalStateException("not sent: an earlier chunk of " + this.file.displayName() + " failed");
		}
		try {
			this.events.chunkSent(this.file.displayName(), chunk.get(0).line(), chunk.size());
			return this.delivery.deliver(chunk);
		}
		catch (RuntimeException ex) {
			this.uploadFailed = true;
			throw ex;
		}
	}

	private void acknowledgeOldest() {
		InFlight oldest = this.window.poll();
		List<EntryResult> results;
		try {
			results = oldest.answer().join();
		}
		catch (CompletionException ex) {
			Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
			logger.error("Could not deliver {} from line {} on: {}; it stays in the inbox and the next run resumes "
					+ "there", this.file.displayName(), oldest.chunk().get(0).line(),
					ChunkDelivery.describe(failure));
			this.events.chunkFailed(this.file.displayName(), oldest.chunk().get(0).line(),
					ChunkDelivery.describe(failure));
			this.failed = true;
			return;
		}
		acknowledge(oldest.chunk(), results);
		this.acknowledged += oldest.chunk().size();
		this.progress.advance(oldest.chunk().size());
	}

	private void acknowledge(List<TimesheetEntry> chunk, List<EntryResult> results) {
		int created = 0;
		int duplicates = 0;
		List<NotDelivered> rejected = new ArrayList<>();
		for (EntryResult result : results) {
			switch (result.status()) {
				case CREATED -> created++;
				case DUPLICATE -> duplicates++;
				case REJECTED -> {
					int line = result.entry().line();
					// Kept with the rejection in the journal, so that the report needs no entry held in memory.
					rejected.add(new NotDelivered(line,
							List.of(new LineError(line, null,
									"rejected by the API: " + (result.errors().isEmpty() ? "no reason given"
											: String.join("; ", result.errors())))),
							this.inbox.render(this.file.format(), this.header, result.entry())));
				}
			}
		}
		this.journal.acknowledged(this.contentHash, chunk.get(chunk.size() - 1).line(), created, duplicates,
				rejected);
		this.tally.created += created;
		this.tally.duplicates += duplicates;
		this.tally.rejected += rejected.size();
		this.metrics.created(created);
		this.metrics.duplicates(duplicates);
		this.metrics.rejected(rejected.size());
		this.events.chunkAccepted(this.file.displayName(), chunk.get(0).line(), chunk.size(), created, duplicates,
				rejected.size());
	}

	/** A chunk sent and not yet journalled. */
	private record InFlight(List<TimesheetEntry> chunk, CompletableFuture<List<EntryResult>> answer) {
	}

}
