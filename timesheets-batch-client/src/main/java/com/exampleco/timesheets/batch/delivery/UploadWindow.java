package com.exampleco.timesheets.batch.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import com.exampleco.timesheets.batch.inbox.TimesheetEntry;

/**
 * The upload step of one file: chunks go to {@code uploaders} threads, at most
 * {@code limit} of them sent or queued at once, and their answers come back in the order
 * the chunks were sent, because the journal may only ever record a gap-free prefix of the
 * file (a resumed run starts after it). When the window is full, sending waits for the
 * oldest answer, so reading the file goes no faster than the API takes its entries.
 *
 * <p>
 * The first failure in file order closes the window: the chunks still queued are not
 * sent, the answers of the chunks after it are dropped (the next run resends those, and
 * the API answers {@code duplicate}), and nothing more is sent.
 *
 * <p>
 * Used by the one thread that reads the file; only the uploads run on other threads.
 */
public final class UploadWindow implements AutoCloseable {

	private static final ThreadFactory UPLOADERS = (task) -> {
		Thread thread = new Thread(task, "upload");
		thread.setDaemon(true);
		return thread;
	};

	private final ChunkDelivery delivery;

	private final ExecutorService uploaders;

	private final int limit;

	private final Deque<CompletableFuture<ChunkUpload>> out = new ArrayDeque<>();

	/**
	 * Set as soon as an upload fails, by the uploader or by the reading thread; nothing
	 * is sent after it.
	 */
	private volatile boolean failed;

	UploadWindow(ChunkDelivery delivery, int uploaders, int limit) {
		this.delivery = delivery;
		this.uploaders = Executors.newFixedThreadPool(uploaders, UPLOADERS);
		this.limit = limit;
	}

	/** The largest number of chunks out at once. */
	public int limit() {
		return this.limit;
	}

	/** Whether an upload has failed: the file stops there. */
	public boolean failed() {
		return this.failed;
	}

	/**
	 * Sends the chunk, unless an upload has failed, after waiting for the oldest answers
	 * while the window is full.
	 * @return the answers that are in, oldest first: those waited for, and those that
	 * came back meanwhile
	 */
	public List<ChunkUpload> send(List<TimesheetEntry> chunk) {
		List<ChunkUpload> answers = new ArrayList<>();
		while (this.out.size() >= this.limit) {
			takeOldest(answers);
		}
		if (!this.failed) {
			this.out.add(CompletableFuture.supplyAsync(() -> upload(chunk), this.uploaders));
		}
		while (!this.out.isEmpty() && this.out.peek().isDone()) {
			takeOldest(answers);
		}
		return answers;
	}

	/** Waits for every chunk still out. @return their answers, oldest first */
	public List<ChunkUpload> drain() {
		List<ChunkUpload> answers = new ArrayList<>();
		while (!this.out.isEmpty()) {
			takeOldest(answers);
		}
		return answers;
	}

	@Override
	public void close() {
		this.uploaders.shutdownNow();
	}

	/** Runs on an uploader. */
	private ChunkUpload upload(List<TimesheetEntry> chunk) {
		if (this.failed) {
			return new ChunkUpload.Failed(chunk,
					new IllegalStateException("not sent: an earlier chunk of the file could not be delivered"), 0);
		}
		ChunkUpload answer = this.delivery.deliver(chunk);
		if (answer instanceof ChunkUpload.Failed) {
			this.failed = true;
		}
		return answer;
	}

	private void takeOldest(List<ChunkUpload> answers) {
		ChunkUpload answer = this.out.poll().join();
		answers.add(answer);
		if (answer instanceof ChunkUpload.Failed) {
			this.failed = true;
			this.out.forEach((later) -> later.cancel(false));
			this.out.clear();
		}
	}

}
