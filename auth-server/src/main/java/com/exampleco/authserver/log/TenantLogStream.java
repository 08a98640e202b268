package com.exampleco.authserver.log;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The live stream of tenant log events (Server-Sent Events): each event as
 * {@code id: <log_id>}, {@code event: log}, {@code data: <the event's JSON>}, a comment
 * line every {@code heartbeat} when nothing else was sent.
 * <p>
 * Bounded everywhere: at most {@code max-subscribers} streams at once; each has its own
 * queue of {@code buffer} events and its own sender thread, so a reader that does not
 * keep up delays nobody else. When its queue is full, that subscriber's queue is emptied
 * at once and it is disconnected (counted in {@code tenant_log.stream.disconnected}); it
 * can reconnect with {@code Last-Event-ID} and catch up from the store. The writer thread
 * only ever offers to the queues, never waits for a reader.
 * <p>
 * Live events are those this instance writes; a reconnect with {@code Last-Event-ID}
 * replays from the store, which holds every instance's events.
 */
@Component
public class TenantLogStream {

	private static final Item CLOSE = new Item(null, null);

	private final TenantLogProperties.Stream properties;

	private final TenantLogStore store;

	private final ObjectMapper json;

	private final Clock clock;

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private final ThreadPoolExecutor senders;

	private final Counter slowDisconnected;

	TenantLogStream(TenantLogProperties properties, TenantLogStore store, ObjectMapper json, Clock clock,
			MeterRegistry meters) {
		this.properties = properties.stream();
		this.store = store;
		this.json = json;
		this.clock = clock;
		this.slots = new Semaphore(this.properties.maxSubscribers());
		AtomicInteger threads = new AtomicInteger();
		// One sender per subscriber: a write that blocks on a reader that does not read
		// holds only its own thread, until the connection's write timeout ends it. A few
		// more threads than slots cover a thread that has given its slot back but not yet
		// returned to the pool.
		this.senders = new ThreadPoolExecutor(0, this.properties.maxSubscribers() + 4, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), runnable -> {
					Thread thread = new Thread(runnable, "tenant-log-stream-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.slowDisconnected = Counter.builder("tenant_log.stream.disconnected")
			.tag("reason", "slow")
			.description("Log stream subscribers disconnected because they fell behind")
			.register(meters);
		Gauge.builder("tenant_log.stream.subscribers", subscribers, Set::size)
			.description("Open log streams")
			.register(meters);
	}

	/**
	 * A new stream, which first replays the stored events after {@code lastEventId} (when
	 * it is a log id), then sends what is written from now on; empty when
	 * {@code max-subscribers} streams are open.
	 */
	Optional<SseEmitter> subscribe(String lastEventId) {
		if (!slots.tryAcquire()) {
			return Optional.empty();
		}
		SseEmitter emitter = new SseEmitter(properties.maxDuration().toMillis());
		Subscriber subscriber = new Subscriber(emitter);
		// Subscribed before the replay is read: an event written meanwhile is in its
		// queue, sent once (ids only grow).
		subscribers.add(subscriber);
		emitter.onCompletion(subscriber::close);
		emitter.onTimeout(subscriber::close);
		emitter.onError(failure -> subscriber.close());
		try {
			senders.execute(() -> subscriber.run(LogIds.isWellFormed(lastEventId) ? lastEventId : null));
		}
		catch (RejectedExecutionException e) {
			subscriber.close();
			subscriber.release();
			return Optional.empty();
		}
		return Optional.of(emitter);
	}

	/** Called by the writer thread with each batch; never blocks. */
	void publish(List<TenantLogEvent> events) {
		if (subscribers.isEmpty()) {
			return;
		}
		for (TenantLogEvent event : events) {
			Item item;
			try {
				item = new Item(event.logId(), json.writeValueAsString(event));
			}
			catch (JacksonException e) {
				continue;
			}
			for (Subscriber subscriber : subscribers) {
				subscriber.offer(item);
			}
		}
	}

	int subscriberCount() {
		return subscribers.size();
	}

	/**
	 * Ends every stream as the application context closes, before Tomcat's graceful
	 * shutdown: an open stream is an active request, and would otherwise hold the
	 * shutdown for its whole wait (30 s).
	 */
	@EventListener(ContextClosedEvent.class)
	@PreDestroy
	void closeAll() {
		subscribers.forEach(Subscriber::close);
		senders.shutdown();
	}

	private record Item(String id, String data) {
	}

	private final class Subscriber {

		private final SseEmitter emitter;

		private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(properties.buffer() + 1);

		private final AtomicBoolean closed = new AtomicBoolean();

		private final AtomicBoolean released = new AtomicBoolean();

		Subscriber(SseEmitter emitter) {
			this.emitter = emitter;
		}

		void offer(Item item) {
			if (closed.get()) {
				return;
			}
			// One place is kept for CLOSE: a full buffer means the reader is `buffer`
			// events behind.
			if (queue.size() >= properties.buffer() || !queue.offer(item)) {
				slowDisconnected.increment();
				close();
			}
		}

		/**
		 * Ends the stream: its buffer is freed now, its sender ends the response when its
		 * current write returns.
		 */
		void close() {
			if (closed.compareAndSet(false, true)) {
				subscribers.remove(this);
				queue.clear();
				queue.offer(CLOSE);
			}
		}

		void release() {
			if (released.compareAndSet(false, true)) {
				slots.release();
			}
		}

		void run(String lastEventId) {
			try {
				// Sent at once, so the client knows it is subscribed (and proxies see the
				// response start).
				emitter.send(SseEmitter.event().comment("tenant logs: connected"));
				String lastSent = lastEventId == null ? null : replay(lastEventId);
				long heartbeatNanos = properties.heartbeat().toNanos();
				while (!closed.get()) {
					Item item = queue.poll(heartbeatNanos, TimeUnit.NANOSECONDS);
					if (item == CLOSE || closed.get()) {
						break;
					}
					if (item == null) {
						emitter.send(SseEmitter.event().comment("keep-alive"));
					}
					else if (lastSent == null || item.id().compareTo(lastSent) > 0) {
						emitter.send(SseEmitter.event().id(item.id()).name("log").data(item.data()));
						lastSent = item.id();
					}
				}
			}
			catch (IOException | RuntimeException e) {
				// The client went away, or the response is already over: nothing more to
				// send.
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			finally {
				close();
				queue.clear();
				end();
				release();
			}
		}

		private void end() {
			try {
				emitter.complete();
			}
			catch (RuntimeException alreadyOver) {
				// Completed by the container meanwhile.
			}
		}

		/**
		 * Sends the stored events after {@code lastEventId}, at most {@code max-replay};
		 * returns the last id sent.
		 */
		private String replay(String lastEventId) throws IOException {
			String lastSent = lastEventId;
			List<TenantLogEvent> missed = store.after(lastEventId, clock.instant().plus(Duration.ofDays(1)),
					properties.maxReplay());
			for (TenantLogEvent event : missed) {
				emitter.send(SseEmitter.event().id(event.logId()).name("log").data(json.writeValueAsString(event)));
				lastSent = event.logId();
			}
			return lastSent;
		}

	}

}
