package com.exampleco.timesheets.batch.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.delivery.ChunkDelivery;
import com.exampleco.timesheets.batch.delivery.DeliveryProperties;
import com.exampleco.timesheets.batch.delivery.EntryResult;
import com.exampleco.timesheets.batch.inbox.EntryReader;
import com.exampleco.timesheets.batch.inbox.Inbox;
import com.exampleco.timesheets.batch.inbox.InboxFile;
import com.exampleco.timesheets.batch.inbox.LineError;
import com.exampleco.timesheets.batch.inbox.ParsedFile;
import com.exampleco.timesheets.batch.inbox.TimesheetEntry;
import com.exampleco.timesheets.batch.journal.DeliveryJournal;
import com.exampleco.timesheets.batch.token.CountingTokenResponseClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * One pass over the inbox: each file is read, checked line by line, and its valid entries are delivered in chunks
 * (in file order, or with {@code batch.delivery.concurrency} chunks overlapping), resuming after the last chunk an
 * earlier run had acknowledged. A file is moved out of the inbox only
 * when every valid entry has an answer from the API; a failure that outlasts the retries leaves it there for the next
 * run.
 */
@Service
@EnableConfigurationProperties(RunProperties.class)
public class ImportRun {

	private static final Logger logger = LoggerFactory.getLogger(ImportRun.class);

	private static final ThreadFactory UPLOADERS = (task) -> {
		Thread thread = new Thread(task, "upload");
		thread.setDaemon(true);
		return thread;
	};

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

	private final AtomicBoolean running = new AtomicBoolean();

	public ImportRun(Inbox inbox, EntryReader reader, DeliveryJournal journal, ChunkDelivery delivery,
			DeliveryProperties deliveryProperties, CountingTokenResponseClient tokenRequests, MeterRegistry meters,
			ImportMetrics metrics, RunProperties properties) {
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
			for (InboxFile file : this.inbox.pending()) {
				importFile(file, tally, progress);
			}
			return tally.summary(this.tokenRequests.requestsMade() - tokenRequestsBefore,
					Math.round(retries() - retriesBefore), Duration.ofNanos(System.nanoTime() - startedAt));
		}
		finally {
			this.running.set(false);
		}
	}

	private void importFile(InboxFile file, Tally tally, ProgressLine progress) {
		tally.files++;
		ParsedFile parsed;
		try {
			if (!this.inbox.isSettled(file)) {
				logger.info("{} was modified less than {} s ago (still being written?); it stays in the inbox for "
						+ "the next run", file.name(), this.inbox.minAge().toSeconds());
				tally.filesLeft++;
				return;
			}
			parsed = this.reader.read(file);
		}
		catch (IOException ex) {
			logger.error("Cannot read {}: {}; it stays in the inbox", file.name(), ex.getMessage());
			tally.filesLeft++;
			return;
		}
		try {
			if (parsed.fileError() != null) {
				logger.error("{} is not an entries file: {}; moved to failed/", file.name(), parsed.fileError());
				this.inbox.writeFailureReport(parsed, parsed.errors(), Map.of(), parsed.fileError());
				this.inbox.moveToFailed(file);
				tally.invalidLines++;
				this.metrics.invalidLines(1);
				return;
			}
			tally.invalidLines += parsed.errors().size();
			this.metrics.invalidLines(parsed.errors().size());
			if (deliver(parsed, tally, progress)) {
				finish(parsed);
			}
			else {
				tally.filesLeft++;
			}
		}
		catch (IOException ex) {
			logger.error("Cannot move {} out of the inbox: {}", file.name(), ex.getMessage());
			tally.filesLeft++;
		}
	}

	/** @return whether every valid entry of the file now has the API's answer */
	private boolean deliver(ParsedFile parsed, Tally tally, ProgressLine progress) {
		int deliveredThrough = this.journal.begin(parsed);
		List<TimesheetEntry> pending = parsed.entries()
			.stream()
			.filter((entry) -> entry.line() > deliveredThrough)
			.toList();
		int resumed = parsed.entries().size() - pending.size();
		tally.resumed += resumed;
		if (resumed > 0) {
			logger.info("Resuming {} after line {}: {} entries were acknowledged by an interrupted run",
					parsed.file().name(), deliveredThrough, resumed);
		}
		logger.info("Delivering {}: {} entries in chunks of {} ({} invalid lines)", parsed.file().name(),
				pending.size(), this.chunkSize, parsed.errors().size());
		progress.start(parsed.file().name(), parsed.entries().size());
		progress.advance(resumed);
		// Up to `concurrency` chunks are in flight; answers are journalled strictly in file order, so the journal's
		// mark only ever covers a gap-free prefix of the file and a crash costs at most `concurrency` resent chunks.
		ExecutorService pool = (this.concurrency > 1) ? Executors.newFixedThreadPool(this.concurrency, UPLOADERS) : null;
		Executor executor = (pool != null) ? pool : Runnable::run;
		Deque<InFlight> window = new ArrayDeque<>();
		try {
			int next = 0;
			while (next < pending.size() || !window.isEmpty()) {
				while (next < pending.size() && window.size() < this.concurrency) {
					List<TimesheetEntry> chunk = pending.subList(next, Math.min(next + this.chunkSize, pending.size()));
					window.add(new InFlight(next, chunk,
							CompletableFuture.supplyAsync(() -> this.delivery.deliver(chunk), executor)));
					next += chunk.size();
				}
				InFlight head = window.poll();
				List<EntryResult> results;
				try {
					results = head.answer().join();
				}
				catch (CompletionException ex) {
					Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
					int undelivered = pending.size() - head.offset();
					logger.error("Could not deliver {} from line {} on ({} entries): {}; it stays in the inbox and "
							+ "the next run resumes there", parsed.file().name(), head.chunk().get(0).line(),
							undelivered, ChunkDelivery.describe(failure));
					tally.undelivered += undelivered;
					this.metrics.undelivered(undelivered);
					return false;
				}
				acknowledge(parsed, head.chunk(), results, tally);
				progress.advance(head.chunk().size());
			}
			return true;
		}
		finally {
			if (pool != null) {
				pool.shutdownNow();
			}
			progress.finish();
		}
	}

	/** A chunk sent and not yet journalled; {@code offset} is its position among the file's pending entries. */
	private record InFlight(int offset, List<TimesheetEntry> chunk, CompletableFuture<List<EntryResult>> answer) {
	}

	private void acknowledge(ParsedFile parsed, List<TimesheetEntry> chunk, List<EntryResult> results, Tally tally) {
		int created = 0;
		int duplicates = 0;
		List<LineError> rejected = new ArrayList<>();
		for (EntryResult result : results) {
			switch (result.status()) {
				case CREATED -> created++;
				case DUPLICATE -> duplicates++;
				case REJECTED -> rejected.add(new LineError(result.entry().line(), null,
						"rejected by the API: " + (result.errors().isEmpty() ? "no reason given"
								: String.join("; ", result.errors()))));
			}
		}
		this.journal.acknowledged(parsed.contentHash(), chunk.get(chunk.size() - 1).line(), created, duplicates,
				rejected);
		tally.created += created;
		tally.duplicates += duplicates;
		tally.rejected += rejected.size();
		this.metrics.created(created);
		this.metrics.duplicates(duplicates);
		this.metrics.rejected(rejected.size());
	}

	/** Report what was not delivered, then move the file, then mark it done: each step safe to repeat after a crash. */
	private void finish(ParsedFile parsed) throws IOException {
		List<LineError> rejected = this.journal.rejected(parsed.contentHash());
		if (!parsed.errors().isEmpty() || !rejected.isEmpty()) {
			List<LineError> errors = new ArrayList<>(parsed.errors());
			errors.addAll(rejected);
			Map<Integer, String> rowsToFix = new TreeMap<>(parsed.invalidRows());
			Map<Integer, TimesheetEntry> byLine = new LinkedHashMap<>();
			parsed.entries().forEach((entry) -> byLine.put(entry.line(), entry));
			rejected.forEach((error) -> rowsToFix.put(error.line(), this.inbox.render(parsed, byLine.get(error.line()))));
			var report = this.inbox.writeFailureReport(parsed, errors, rowsToFix, null);
			logger.warn("{}: {} lines not delivered, see {}", parsed.file().name(), errors.size(), report);
		}
		var moved = this.inbox.moveToProcessed(parsed.file());
		this.journal.completed(parsed.contentHash());
		logger.info("{} done, moved to {}", parsed.file().name(), moved);
	}

	private double retries() {
		var counter = this.meters.find("batch.retries").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static final class Tally {

		int files;

		int filesLeft;

		int created;

		int duplicates;

		int resumed;

		int invalidLines;

		int rejected;

		int undelivered;

		ImportSummary summary(long tokenRequests, long retries, Duration elapsed) {
			return new ImportSummary(this.files, this.filesLeft, this.created, this.duplicates, this.resumed,
					this.invalidLines, this.rejected, this.undelivered, tokenRequests, retries, elapsed);
		}

	}

}
