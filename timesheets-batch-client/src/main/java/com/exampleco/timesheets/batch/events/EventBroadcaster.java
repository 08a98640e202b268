package com.exampleco.timesheets.batch.events;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events to a few subscribers, off the threads that publish: {@link #publish}
 * only offers the event to each subscriber's bounded queue, and one sender thread per
 * subscriber writes it. A subscriber whose queue is full (a reader slower than the calls)
 * is cut off rather than let memory grow; its {@code EventSource} reconnects. With nobody
 * listening, {@link #listening()} is false and callers build no event at all.
 */
final class EventBroadcaster {

	private static final Logger log = LoggerFactory.getLogger(EventBroadcaster.class);

	/**
	 * A comment line this often keeps proxies from closing an idle stream and finds dead
	 * connections.
	 */
	private static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private final String eventName;

	private final int maxSubscribers;

	private final int bufferSize;

	private final Duration connectionLifetime;

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong();

	EventBroadcaster(String eventName, int maxSubscribers, int bufferSize, Duration connectionLifetime) {
		this.eventName = eventName;
		this.maxSubscribers = maxSubscribers;
		this.bufferSize = bufferSize;
		this.connectionLifetime = connectionLifetime;
	}

	boolean listening() {
		return !this.subscribers.isEmpty();
	}

	void publish(Object event) {
		long id = this.ids.incrementAndGet();
		for (Subscriber subscriber : this.subscribers) {
			if (!subscriber.queue.offer(new Numbered(id, event))) {
				log.info("An event stream subscriber fell {} events behind and was cut off", this.bufferSize);
				subscriber.close();
			}
		}
	}

	/**
	 * A new subscriber, or {@code null} when {@code maxSubscribers} are connected
	 * already.
	 */
	synchronized SseEmitter subscribe() {
		if (this.subscribers.size() >= this.maxSubscribers) {
			return null;
		}
		SseEmitter emitter = new SseEmitter(this.connectionLifetime.toMillis());
		Subscriber subscriber = new Subscriber(emitter, new ArrayBlockingQueue<>(this.bufferSize));
		emitter.onCompletion(subscriber::close);
		emitter.onTimeout(subscriber::close);
		emitter.onError((ex) -> subscriber.close());
		this.subscribers.add(subscriber);
		subscriber.sender = new Thread(subscriber::send, "event-stream-" + this.ids.get());
		subscriber.sender.setDaemon(true);
		subscriber.sender.start();
		return emitter;
	}

	int subscribers() {
		return this.subscribers.size();
	}

	private record Numbered(long id, Object event) {
	}

	private final class Subscriber {

		private final SseEmitter emitter;

		private final BlockingQueue<Numbered> queue;

		private volatile Thread sender;

		private final AtomicBoolean closed = new AtomicBoolean();

		Subscriber(SseEmitter emitter, BlockingQueue<Numbered> queue) {
			this.emitter = emitter;
			this.queue = queue;
		}

		void send() {
			try {
				// A first comment commits the response, so the subscriber sees its stream
				// open at once.
				this.emitter.send(SseEmitter.event().comment("connected"));
				while (!this.closed.get()) {
					Numbered next = this.queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
					if (next == null) {
						this.emitter.send(SseEmitter.event().comment("heartbeat"));
					}
					else {
						this.emitter.send(SseEmitter.event()
							.id(Long.toString(next.id()))
							.name(EventBroadcaster.this.eventName)
							.data(next.event(), MediaType.APPLICATION_JSON));
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException | IllegalStateException ex) {
				// The subscriber went away (or its emitter completed): nothing to report.
			}
			finally {
				close();
			}
		}

		void close() {
			if (!this.closed.compareAndSet(false, true)) {
				return;
			}
			EventBroadcaster.this.subscribers.remove(this);
			this.emitter.complete();
			Thread thread = this.sender;
			if (thread != null && thread != Thread.currentThread()) {
				thread.interrupt();
			}
		}

	}

}
