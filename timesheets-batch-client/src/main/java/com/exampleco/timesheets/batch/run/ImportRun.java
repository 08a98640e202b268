package com.exampleco.timesheets.batch.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.delivery.DeliveryProperties;
import com.exampleco.timesheets.batch.delivery.UploadWindows;
import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.inbox.EntryReader;
import com.exampleco.timesheets.batch.inbox.FileRefusedException;
import com.exampleco.timesheets.batch.inbox.Inbox;
import com.exampleco.timesheets.batch.inbox.InboxFile;
import com.exampleco.timesheets.batch.inbox.LogText;
import com.exampleco.timesheets.batch.inbox.ParsedFile;
import com.exampleco.timesheets.batch.journal.DeliveryJournal;
import com.exampleco.timesheets.batch.token.CountingTokenResponseClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * One pass over the inbox. Each file goes read, validate, chunk, upload, journal
 * ({@link FileDelivery}), resuming after the last chunk an earlier run had journalled,
 * and then is reported, moved and marked complete. A file is moved out of the inbox only
 * when every valid entry has an answer from the API; a failure that outlasts the retries
 * leaves it there for the next run. Each file's counts are returned, not tallied on the
 * side: the summary adds them up and the meters are incremented from them.
 */
@Service
@EnableConfigurationProperties(RunProperties.class)
public class ImportRun {

	private static final Logger logger = LoggerFactory.getLogger(ImportRun.class);

	private final Inbox inbox;

	private final EntryReader reader;

	private final DeliveryJournal journal;

	private final UploadWindows windows;

	private final int chunkSize;

	private final CountingTokenResponseClient tokenRequests;

	private final ImportMetrics metrics;

	private final RunProperties properties;

	private final RunEvents events;

	private final AtomicBoolean running = new AtomicBoolean();

	public ImportRun(Inbox inbox, EntryReader reader, DeliveryJournal journal, UploadWindows windows,
			DeliveryProperties deliveryProperties, CountingTokenResponseClient tokenRequests, ImportMetrics metrics,
			RunProperties properties, RunEvents events) {
		this.inbox = inbox;
		this.reader = reader;
		this.journal = journal;
		this.windows = windows;
		this.chunkSize = deliveryProperties.chunkSize();
		this.tokenRequests = tokenRequests;
		this.metrics = metrics;
		this.properties = properties;
		this.events = events;
	}

	/**
	 * Processes what the inbox holds now. A call while another pass runs returns at once
	 * with an empty summary.
	 */
	public ImportSummary run() {
		long startedAt = System.nanoTime();
		if (!this.running.compareAndSet(false, true)) {
			logger.info("The previous pass over the inbox is still running; skipping this one");
			return summary(ImportCounts.NONE, 0, startedAt);
		}
		try {
			long tokenRequestsBefore = this.tokenRequests.requestsMade();
			ProgressLine progress = ProgressLine.forSetting(this.properties.progress());
			ImportCounts counts = ImportCounts.NONE;
			var pending = this.inbox.pending();
			// A run that finds the inbox empty (every tick of the schedule) is not worth
			// a watcher's attention.
			if (!pending.isEmpty()) {
				this.events.runStarted(pending.size());
			}
			for (InboxFile file : pending) {
				ImportCounts ofFile = importFile(file, progress).asFile();
				this.metrics.recordFile(ofFile);
				counts = counts.plus(ofFile);
			}
			ImportSummary summary = summary(counts, this.tokenRequests.requestsMade() - tokenRequestsBefore, startedAt);
			if (!pending.isEmpty()) {
				this.events.runFinished(summary);
			}
			return summary;
		}
		finally {
			this.running.set(false);
		}
	}

	/**
	 * Read and validate the file while its valid entries are delivered, then report, move
	 * and complete it.
	 */
	private ImportCounts importFile(InboxFile file, ProgressLine progress) {
		try (FileDelivery delivery = new FileDelivery(file, this.inbox, this.journal, this.windows, this.chunkSize,
				progress, this.events, this.metrics)) {
			ParsedFile parsed;
			try {
				if (!this.inbox.isSettled(file)) {
					logger.info("{} was modified less than {} s ago (still being written?); it stays in the inbox "
							+ "for the next run", file.displayName(), this.inbox.minAge().toSeconds());
					return ImportCounts.leftInInbox(0);
				}
				this.events.filePicked(file.displayName());
				parsed = this.reader.read(file, delivery);
			}
			catch (FileRefusedException ex) {
				logger.error("{} is not read: {}; moved to failed/", file.displayName(), LogText.of(ex.getMessage()));
				this.events.fileFailed(file.displayName(), ex.getMessage() + "; moved to failed/");
				this.inbox.writeFileReport(file, ex.getMessage());
				this.inbox.moveToFailed(file);
				return ImportCounts.invalidLines(1);
			}
			catch (NoSuchFileException ex) {
				logger.warn("{} was gone before it was read", file.displayName());
				return ImportCounts.NONE;
			}
			catch (IOException ex) {
				logger.error("Cannot read {}: {}; it stays in the inbox", file.displayName(), LogText.of(reason(ex)));
				return ImportCounts.leftInInbox(0);
			}
			try (parsed) {
				if (parsed.fileError() != null) {
					logger.error("{} is not an entries file: {}; moved to failed/", file.displayName(),
							LogText.of(parsed.fileError()));
					this.events.fileFailed(file.displayName(), parsed.fileError() + "; moved to failed/");
					this.inbox.writeFileReport(file, parsed.fileError());
					this.inbox.moveToFailed(file);
					return ImportCounts.invalidLines(1);
				}
				ImportCounts delivered = delivery.finish(parsed)
					.plus(ImportCounts.invalidLines(parsed.invalid().errors()));
				if (delivered.filesLeftInInbox() > 0) {
					this.events.fileFailed(file.displayName(), "not every chunk was delivered; the file stays in "
							+ "the inbox and the next run resumes after the last delivered chunk");
					return delivered;
				}
				try {
					complete(parsed);
					this.events.fileDelivered(file.displayName(), parsed.entries());
					return delivered;
				}
				catch (IOException | UncheckedIOException ex) {
					return delivered.plus(cannotMove(file, ex));
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			return cannotMove(file, ex);
		}
	}

	private static ImportCounts cannotMove(InboxFile file, Exception ex) {
		logger.error("Cannot move {} out of the inbox: {}", file.displayName(), LogText.of(reason(ex)));
		return ImportCounts.leftInInbox(0);
	}

	/**
	 * Report what was not delivered, then move the file, then mark it done: each step
	 * safe to repeat after a crash.
	 */
	private void complete(ParsedFile parsed) throws IOException {
		String name = parsed.file().displayName();
		if (parsed.invalid().lines() > 0 || this.journal.hasRejected(parsed.contentHash())) {
			Inbox.LineReport report = this.journal.rejected(parsed.contentHash(), (rejected) -> {
				try {
					return this.inbox.writeLineReport(parsed, rejected);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			logger.warn("{}: {} lines not delivered, see {}", name, report.lines(),
					LogText.of(report.path().toString()));
		}
		var moved = this.inbox.moveToProcessed(parsed.file());
		this.journal.completed(parsed.contentHash());
		logger.info("{} done, moved to {}", name, LogText.of(moved.toString()));
	}

	/**
	 * An I/O failure without the path that file system exceptions put first: the name is
	 * printed escaped.
	 */
	private static String reason(Exception ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private static ImportSummary summary(ImportCounts counts, long tokenRequests, long startedAt) {
		return new ImportSummary(counts.files(), counts.filesLeftInInbox(), counts.created(), counts.duplicates(),
				counts.resumed(), counts.invalidLines(), counts.rejected(), counts.undelivered(), tokenRequests,
				counts.retries(), Duration.ofNanos(System.nanoTime() - startedAt));
	}

}
