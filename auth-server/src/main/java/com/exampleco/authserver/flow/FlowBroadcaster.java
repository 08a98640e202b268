package com.exampleco.authserver.flow;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page's one stream ({@code GET /flow/events}): every merged event to a few browsers,
 * off the threads that read the sources. A new browser first gets the most recent events,
 * so that a page opened after the demo's narration still shows it. Each browser has a
 * bounded queue and a sender thread; one that falls behind is cut off and its
 * {@code EventSource} reconnects.
 */
final class FlowBroadcaster {

	private static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private final int maxSubscribers;

	private final int bufferSize;

	private final int recentSize;

	private final Duration connectionLifetime;

	private final Deque<Numbered> recent = new ArrayDeque<>();

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong();

	FlowBroadcaster(int maxSubscribers, int bufferSize, int recentSize, Duration connectionLifetime) {
		this.maxSubscribers = maxSubscribers;
		this.bufferSize = bufferSize;
		this.recentSize = recentSize;
		this.connectionLifetime = connectionLifetime;
	}

	/** Kept for the next browser, then sent to every connected one. */
	synchronized void publish(String name, Object event) {
		Numbered numbered = new Numbered(ids.incrementAndGet(), name, event);
		if (!"status".equals(name)) {
			recent.addLast(numbered);
			if (recent.size() > recentSize) {
				recent.removeFirst();
			}
		}
		for (Subscriber subscriber : subscribers) {
			if (!subscriber.queue.offer(numbered)) {
				subscriber.close();
			}
		}
	}

	/**
	 * A new subscriber with the recent events queued, or {@code null} when too many are
	 * connected.
	 */
	synchronized SseEmitter subscribe(List<Object> statuses) {
		if (subscribers.size() >= maxSubscribers) {
			return null;
		}
		SseEmitter emitter = new SseEmitter(connectionLifetime.toMillis());
		Subscriber subscriber = new Subscriber(emitter, new ArrayBlockingQueue<>(bufferSize + recentSize + 8));
		statuses.forEach(status -> subscriber.queue.offer(new Numbered(0, "status", status)));
		subscriber.queue.addAll(recent);
		emitter.onCompletion(subscriber::close);
		emitter.onTimeout(subscriber::close);
		emitter.onError(ex -> subscriber.close());
		subscribers.add(subscriber);
		subscriber.sender = new Thread(subscriber::send, "flow-page-sse");
		subscriber.sender.setDaemon(true);
		subscriber.sender.start();
		return emitter;
	}

	void closeAll() {
		subscribers.forEach(Subscriber::close);
	}

	int subscribers() {
		return subscribers.size();
	}

	private record Numbered(long id, String name, Object event) {
	}

	private final class Subscriber {

		private final SseEmitter emitter;

		private final BlockingQueue<Numbered> queue;

		private final AtomicBoolean closed = new AtomicBoolean();

		private volatile Thread sender;

		Subscriber(SseEmitter emitter, BlockingQueue<Numbered> queue) {
			this.emitter = emitter;
			this.queue = queue;
		}

		void send() {
			try {
				emitter.send(SseEmitter.event().comment("connected"));
				while (!closed.get()) {
					Numbered next = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
					if (next == null) {
						emitter.send(SseEmitter.event().comment("heartbeat"));
					}
					else {
						emitter.send(SseEmitter.event()
							.id(Long.toString(next.id()))
							.name(next.name())
							.data(next.event(), MediaType.APPLICATION_JSON));
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException | IllegalStateException ex) {
				// The browser went away.
			}
			finally {
				close();
			}
		}

		void close() {
			if (!closed.compareAndSet(false, true)) {
				return;
			}
			subscribers.remove(this);
			emitter.complete();
			Thread thread = sender;
			if (thread != null && thread != Thread.currentThread()) {
				thread.interrupt();
			}
		}

	}

}
