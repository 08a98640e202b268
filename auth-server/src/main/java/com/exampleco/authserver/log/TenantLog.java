package com.exampleco.authserver.log;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.exampleco.authserver.client.Client;
import com.exampleco.authserver.client.ClientRepository;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where tenant log events go: {@link #record(TenantLogEvent)} puts an event in a bounded
 * queue and returns at once; one background thread takes what has gathered every
 * {@code flush-interval} (or {@code batch-size} events), gives each event its
 * {@code log_id}, inserts them in one JDBC batch and hands them to the live stream.
 * <p>
 * The token endpoint never waits for the store: when the queue is full, or a batch cannot
 * be written (the database is down, slow past {@code write-timeout}, or refuses it),
 * those events are dropped and counted, by reason, in the Micrometer counter
 * {@code tenant_log.events.dropped}, in the {@code tenantLog} health details, and in a
 * WARN line at most once a minute. Loss is never silent, and never a failed or slower
 * token request.
 * <p>
 * Management operations ({@code sapi}/{@code fapi}) and any other code write their events
 * with {@link #record(TenantLogEvent)} too.
 */
@Component
public class TenantLog implements SmartLifecycle {

	static final String QUEUE_FULL = "queue_full";
	static final String STORE_FAILED = "store_failed";

	private static final Logger log = LoggerFactory.getLogger(TenantLog.class);

	private static final Duration WARN_EVERY = Duration.ofMinutes(1);

	private final TenantLogProperties properties;

	private final TenantLogStore store;

	private final TenantLogStream stream;

	private final ClientRepository clients;

	private final Clock clock;

	private final BlockingQueue<TenantLogEvent> queue;

	private final LogIds ids = new LogIds();

	private final Counter droppedQueueFull;

	private final Counter droppedStoreFailed;

	private final Counter writtenCounter;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong droppedFull = new AtomicLong();

	private final AtomicLong droppedStore = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	/**
	 * Client names for events that carry only a client id (refusals), looked up by the
	 * writer thread.
	 */
	private final Cache<String, Optional<String>> clientNames = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	private volatile Thread writer;

	private volatile boolean running;

	private volatile String lastStoreError;

	private long reportedDropped;

	private long lastWarnMillis;

	TenantLog(TenantLogProperties properties, TenantLogStore store, TenantLogStream stream, ClientRepository clients,
			Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.store = store;
		this.stream = stream;
		this.clients = clients;
		this.clock = clock;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.droppedQueueFull = Counter.builder("tenant_log.events.dropped")
			.tag("reason", QUEUE_FULL)
			.description("Tenant log events lost: not stored")
			.register(meters);
		this.droppedStoreFailed = Counter.builder("tenant_log.events.dropped")
			.tag("reason", STORE_FAILED)
			.description("Tenant log events lost: not stored")
			.register(meters);
		this.writtenCounter = Counter.builder("tenant_log.events.written")
			.description("Tenant log events stored")
			.register(meters);
		Gauge.builder("tenant_log.queue.size", queue, BlockingQueue::size)
			.description("Tenant log events waiting for the writer")
			.register(meters);
	}

	/** Whether events are written at all ({@code auth-server.tenant-logs.enabled}). */
	public boolean enabled() {
		return properties.enabled();
	}

	/**
	 * Queues an event to be written; never blocks and never throws. When the queue is
	 * full the event is dropped and counted.
	 */
	public void record(TenantLogEvent event) {
		if (!properties.enabled() || event == null) {
			return;
		}
		if (!queue.offer(event)) {
			droppedQueueFull.increment();
			droppedFull.incrementAndGet();
			dropped.incrementAndGet();
		}
	}

	/** What the health endpoint shows: how much was written and lost, and why. */
	Stats stats() {
		return new Stats(properties.enabled(), queue.size(), properties.queueCapacity(), written.get(),
				droppedFull.get(), droppedStore.get(), lastStoreError);
	}

	record Stats(boolean enabled, int queued, int capacity, long written, long droppedQueueFull,
			long droppedStoreFailed, String lastStoreError) {
	}

	private void run() {
		List<TenantLogEvent> batch = new ArrayList<>(properties.batchSize());
		long flushNanos = properties.flushInterval().toNanos();
		while (running || !queue.isEmpty()) {
			try {
				TenantLogEvent first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
				if (first != null) {
					batch.add(first);
					gather(batch, System.nanoTime() + flushNanos);
					write(batch);
					batch.clear();
				}
			}
			catch (InterruptedException e) {
				// Stopping: the loop drains what is left, then ends.
				running = false;
			}
			catch (RuntimeException e) {
				log.error("Tenant log writer: unexpected {}", e.getClass().getName());
				batch.clear();
			}
			warnAboutLoss();
		}
	}

	/**
	 * Adds what is queued, and what comes until the deadline, until the batch is full.
	 */
	private void gather(List<TenantLogEvent> batch, long deadline) throws InterruptedException {
		int max = properties.batchSize();
		while (batch.size() < max) {
			queue.drainTo(batch, max - batch.size());
			long left = deadline - System.nanoTime();
			if (batch.size() >= max || left <= 0 || !running) {
				return;
			}
			TenantLogEvent next = queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			batch.add(next);
		}
	}

	private void write(List<TenantLogEvent> batch) {
		for (int i = 0; i < batch.size(); i++) {
			TenantLogEvent event = batch.get(i);
			if (event.clientName() == null && event.clientId() != null) {
				event = event.withClientName(clientName(event.clientId()));
			}
			batch.set(i, event.withLogId(ids.next(event.date())));
		}
		try {
			store.insert(batch);
			written.addAndGet(batch.size());
			writtenCounter.increment(batch.size());
		}
		catch (RuntimeException e) {
			droppedStore.addAndGet(batch.size());
			dropped.addAndGet(batch.size());
			droppedStoreFailed.increment(batch.size());
			// The exception's class only: a driver's message may quote the values of the
			// statement.
			lastStoreError = clock.instant() + " " + e.getClass().getSimpleName();
		}
		// Live even when the store failed: a watcher still sees what happens now.
		stream.publish(batch);
	}

	private String clientName(String clientId) {
		if (clientId.length() > 255) {
			return null;
		}
		try {
			return clientNames.get(clientId, id -> clients.findById(id).map(Client::name)).orElse(null);
		}
		catch (RuntimeException storeDown) {
			return null;
		}
	}

	private void warnAboutLoss() {
		long now = clock.millis();
		long total = dropped.get();
		if (total > reportedDropped && now - lastWarnMillis >= WARN_EVERY.toMillis()) {
			log.warn(
					"Tenant log: {} events lost since the last report ({} in all: {} with the queue full, {} not "
							+ "stored{}); token requests were served. See tenant_log.events.dropped.",
					total - reportedDropped, total, droppedFull.get(), droppedStore.get(),
					lastStoreError == null ? "" : ", last store error " + lastStoreError);
			reportedDropped = total;
			lastWarnMillis = now;
		}
	}

	@Override
	public void start() {
		if (!properties.enabled() || running) {
			return;
		}
		running = true;
		Thread thread = new Thread(this::run, "tenant-log-writer");
		thread.setDaemon(true);
		writer = thread;
		thread.start();
	}

	/**
	 * Flushes what is queued, then stops; after the web server has stopped taking
	 * requests (see the phase).
	 */
	@Override
	public void stop() {
		running = false;
		Thread thread = writer;
		if (thread != null) {
			try {
				thread.join(properties.writeTimeout().toMillis() * 3 + properties.flushInterval().toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		writer = null;
		if (!queue.isEmpty()) {
			int left = queue.size();
			queue.clear();
			log.warn("Tenant log: {} events not written at shutdown", left);
		}
		warnAboutLossNow();
	}

	private void warnAboutLossNow() {
		lastWarnMillis = 0;
		warnAboutLoss();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Starts before and stops after the web server, so every answered request's event is
	 * flushed.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
