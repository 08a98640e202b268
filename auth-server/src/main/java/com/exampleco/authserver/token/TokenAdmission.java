package com.exampleco.authserver.token;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets a bounded number of token requests work at once and queues the others first come,
 * first served, without holding a thread for any of them while they wait.
 *
 * <p>
 * Without it, Tomcat keeps serving the same keep-alive connection for as long as that
 * client sends its next request before the worker looks for it: under load some clients
 * waited over a second while others were answered in a millisecond. Here every token
 * request takes its turn in arrival order, so every client sees about the same latency,
 * and only a few requests per core compete for the CPU.
 *
 * <p>
 * Only a request whose body has been read in full asks for a turn
 * ({@link TokenRequestFilter}): a client that sends its body slowly waits for itself,
 * never in a turn that other clients need.
 */
@Component
class TokenAdmission {

	private static final Logger log = LoggerFactory.getLogger(TokenAdmission.class);

	private final int permits;

	private final ReentrantLock lock = new ReentrantLock();

	private final Queue<Waiter> waiting = new ArrayDeque<>();

	private int running;

	/**
	 * Fires the deadlines of requests that are reading their body or waiting for a turn:
	 * one thread for all.
	 */
	private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
		Thread thread = new Thread(runnable, "token-request-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	TokenAdmission(TokenAdmissionProperties properties) {
		this.permits = properties.permits();
		deadlines.setRemoveOnCancelPolicy(true);
		log.info("Token requests: {} at a time, the others queue for up to {} ms", permits,
				properties.maxWait().toMillis());
	}

	/** A request that waits for its turn. */
	interface Waiter {

		/**
		 * Hands it the turn; false if it is gone meanwhile (expired, or its client went
		 * away).
		 */
		boolean admit();

	}

	/** Takes a turn if one is free and nobody waits for it. */
	boolean tryEnter() {
		lock.lock();
		try {
			if (running < permits && waiting.isEmpty()) {
				running++;
				return true;
			}
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Takes a turn if one is free and nobody waits for it (true), or queues the waiter
	 * (false).
	 */
	boolean enterOrQueue(Waiter waiter) {
		lock.lock();
		try {
			if (running < permits && waiting.isEmpty()) {
				running++;
				return true;
			}
			waiting.add(waiter);
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	/** Gives up a place in the queue (expired, or the client went away). */
	void leaveQueue(Waiter waiter) {
		lock.lock();
		try {
			waiting.remove(waiter);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Gives the turn that just ended to the oldest request still waiting, or frees it
	 * when none is.
	 */
	void leave() {
		while (true) {
			Waiter next;
			lock.lock();
			try {
				next = waiting.poll();
				if (next == null) {
					running--;
					return;
				}
			}
			finally {
				lock.unlock();
			}
			if (next.admit()) {
				return;
			}
			// It expired or its client went away meanwhile: the turn goes to the one
			// after it.
		}
	}

	ScheduledExecutorService deadlines() {
		return deadlines;
	}

	@PreDestroy
	void stop() {
		deadlines.shutdownNow();
	}

}
