package com.exampleco.timesheets.batch.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.delivery.ChunkDelivery;
import com.exampleco.timesheets.batch.delivery.DeliveryProperties;
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
 * One pass over the inbox: each file is read, checked line by line, and its valid entries are delivered in chunks
 * while it is read ({@link FileDelivery}: in file order, or with {@code batch.delivery.concurrency} chunks
 * overlapping), resuming after the last chunk an earlier run had acknowledged. A file is moved out of the inbox only
 * when every valid entry has an answer from the API; a failure that outlasts the retries leaves it there for the next
 * run.
 */
@Service
@EnableConfigurationProperties(RunProperties.class)
public class ImportRun {

	private static final Logger logger = LoggerFactory.getLogger(ImportRun.class);

	private final Inbox inbox;

	private final EntryReader reader;

	private final DeliveryJournal journal;

	private final ChunkDelivery delivery;

	private final int chunkSize;

	private final int concurrency;

	private final CountingTokenResponseClient tokenRequests;

	private final MeterRegistry meters;

	private final ImportMetrics metrics;

	private final RunProperties properties;

	private final RunEvents events;

	private final AtomicBoolean running = new AtomicBoolean();

	public ImportRun(Inbox inbox, EntryReader reader, DeliveryJournal journal, ChunkDelivery delivery,
			DeliveryProperties deliveryProperties, CountingTokenResponseClient tokenRequests, MeterRegistry meters,
			ImportMetrics metrics, RunProperties properties, RunEvents events) {
		this.inbox = inbox;
		this.reader = reader;
		this.journal = journal;
		this.delivery = delivery;
		this.chunkSize = deliveryProperties.chunkSize();
		this.concurrency = deliveryProperties.concurrency();
		this.tokenRequests = tokenRequests;
		this.meters = meters;
		this.metrics = metrics;
		this.properties = properties;
		this.events = events;
	}

	/** Processes what the inbox holds now. A call while another pass runs returns at once with an empty summary. */
	public ImportSummary run() {
		long startedAt = System.nanoTime();
		if (!this.running.compareAndSet(false, true)) {
			logger.info("The previous pass over the inbox is still running; skipping this one");
			return new Tally().summary(0, 0, Duration.ZERO);
		}
		try {
			long tokenRequestsBefore = this.tokenRequests.requestsMade();
			double retriesBefore = retries();
			Tally tally = new Tally();
			ProgressLine progress = ProgressLine.forSetting(this.properties.progress());
			var pending = this.inbox.pending();
			// A run that finds the inbox empty (every tick of the schedule) is not worth a watcher's attention.
			if (!pending.isEmpty()) {
				this.events.runStarted(pending.size());
			}
			for (InboxFile file : pending) {
				importFile(file, tally, progress);
			}
			ImportSummary summary = tally.summary(this.tokenRequests.requestsMade() - tokenRequestsBefore,
					Math.round(retries() - retriesBefore), Duration.ofNanos(System.nanoTime() - startedAt));
			if (!pending.isEmpty()) {
				this.events.runFinished(summary);
			}
			return summary;
		}
		finally {
			this.running.set(false);
		}
	}

	private void importFile(InboxFile file, Tally tally, ProgressLine progress) {
		tally.files++;
		try (FileDelivery delivery = new FileDelivery(file, this.inbox, this.journal, this.delivery, this.chunkSize,
				this.concurrency, this.metrics, tally, progress, this.events)) {
			ParsedFile parsed;
			try {
				if (!this.inbox.isSettled(file)) {
					logger.info("{} was modified less than {} s ago (still being written?); it stays in the inbox "
							+ "for the next run", file.displayName(), this.inbox.minAge().toSeconds());
					tally.filesLeft++;
					return;
				}
				this.events.filePicked(file.displayName());
				parsed = this.reader.read(file, delivery);
			}
			catch (FileRefusedException ex) {
				logger.error("{} is not read: {}; moved to failed/", file.displayName(), LogText.of(ex.getMessage()));
				this.events.fileFailed(file.displayName(), ex.getMessage() + "; moved to failed/");
				this.inbox.writeFileReport(file, ex.getMessage());
				this.inbox.moveToFailed(file);
				tally.invalidLines++;
				this.metrics.invalidLines(1);
				return;
			}
			catch (NoSuchFileException ex) {
				logger.warn("{} was gone before it was read", file.displayName());
				return;
			}
			catch (IOException ex) {
				logger.error("Cannot read {}: {}; it stays in the inbox", file.displayName(), LogText.of(reason(ex)));
				tally.filesLeft++;
				return;
			}
			try (parsed) {
				if (parsed.fileError() != null) {
					logger.error("{} is not an entries file: {}; moved to failed/", file.displayName(),
							LogText.of(parsed.fileError()));
					this.events.fileFailed(file.displayName(), parsed.fileError() + "; moved to failed/");
					this.inbox.writeFileReport(file, parsed.fileError());
					this.inbox.moveToFailed(file);
					tally.invalidLines++;
					this.metrics.invalidLines(1);
					return;
				}
				tally.invalidLines += parsed.invalid().errors();
				this.metrics.invalidLines(parsed.invalid().errors());
				if (delivery.finish(parsed)) {
					finish(parsed);
					this.events.fileDelivered(file.displayName(), parsed.entries());
				}
				else {
					tally.filesLeft++;
					this.events.fileFailed(file.displayName(), "not every chunk was delivered; the file stays in "
							+ "the inbox and the next run resumes after the last delivered chunk");
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			logger.error("Cannot move {} out of the inbox: {}", file.displayName(), LogText.of(reason(ex)));
			tally.filesLeft++;
		}
	}

	/** Report what was not delivered, then move the file, then mark it done: each step safe to repeat after a crash. */
	private void finish(ParsedFile parsed) throws IOException {
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

	/** An I/O failure without the path that file system exceptions put first: the name is printed escaped. */
	private static String reason(Exception ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private double retries() {
		var counter = this.meters.find("batch.retries").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
