package com.exampleco.authserver.action;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;
import org.springframework.util.unit.DataSize;

/**
 * Where JavaScript Actions run: one GraalJS {@link Engine} (shared code caches), contexts
 * that can reach nothing outside themselves, and a watchdog that cancels an execution at
 * the time limit or the memory bound.
 * <p>
 * The sandbox is GraalVM's {@link SandboxPolicy#CONSTRAINED} policy, the strictest the
 * community edition accepts: no host classes ({@code Java.type} is undefined), no
 * polyglot access, no process, no threads, no environment. On top of it: no file system
 * or network ({@link IOAccess#NONE}; GraalJS has no {@code fetch}, {@code XMLHttpRequest}
 * or {@code require} of its own), and no {@code load}, {@code print} or {@code Graal}
 * built-ins. {@code console} output is discarded, so an Action that logs its secrets does
 * not put them in the server's log.
 */
final class ActionSandbox implements AutoCloseable {

	private static final OutputStream DISCARD = OutputStream.nullOutputStream();

	private static final long WATCH_PERIOD_MILLIS = 10;

	private final Engine engine;

	private final ScheduledThreadPoolExecutor watchdog;

	private final com.sun.management.ThreadMXBean threads;

	private final long timeoutNanos;

	private final long maxBytes;

	ActionSandbox(Duration timeout, DataSize maxMemory) {
		this.engine = Engine.newBuilder("js")
			.sandbox(SandboxPolicy.CONSTRAINED)
			.out(DISCARD)
			.err(DISCARD)
			// On a stock JDK (no JVMCI) GraalJS runs in its interpreter and warns
			// about it at every start. For an Action of a few lines the interpreter
			// is fast enough (20-45 us of CPU per execution, measured in
			// docs/design/actions-engine.md), and the optimizing compiler needs JVM
			// flags and module-path changes that would make this jar harder to run;
			// so the warning is noise.
			.option("engine.WarnInterpreterOnly", "false")
			.build();
		this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "action-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		// Most executions end long before the first check: cancelled checks must not pile
		// up in the queue.
		this.watchdog.setRemoveOnCancelPolicy(true);
		this.threads = allocationCounter();
		this.timeoutNanos = timeout.toNanos();
		this.maxBytes = maxMemory.toBytes();
	}

	Context newContext() {
		return Context.newBuilder("js")
			.engine(engine)
			.sandbox(SandboxPolicy.CONSTRAINED)
			.out(DISCARD)
			.err(DISCARD)
			.allowIO(IOAccess.NONE)
			.option("js.load", "false")
			.option("js.print", "false")
			.option("js.graal-builtin", "false")
			.build();
	}

	/**
	 * Watches the calling thread while it runs {@code context}: past the time limit, or
	 * past the memory bound (bytes the thread allocated since now), the context is
	 * cancelled and the execution throws. {@link Guard#stop()} ends the watch.
	 */
	@SuppressWarnings("deprecation") // Thread.getId: Thread.threadId() needs Java 19,
										// this module targets 17
	Guard watch(Context context) {
		long threadId = Thread.currentThread().getId();
		long started = System.nanoTime();
		long allocatedBefore = threads == null ? 0 : threads.getThreadAllocatedBytes(threadId);
		Guard guard = new Guard(context);
		guard.future = watchdog.scheduleAtFixedRate(() -> {
			if (guard.tripped != null) {
				return;
			}
			if (System.nanoTime() - started > timeoutNanos) {
				guard.trip(ActionFailure.Kind.TIMEOUT);
			}
			else if (threads != null && threads.getThreadAllocatedBytes(threadId) - allocatedBefore > maxBytes) {
				guard.trip(ActionFailure.Kind.MEMORY);
			}
		}, WATCH_PERIOD_MILLIS, WATCH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
		return guard;
	}

	Duration timeout() {
		return Duration.ofNanos(timeoutNanos);
	}

	long maxBytes() {
		return maxBytes;
	}

	private static com.sun.management.ThreadMXBean allocationCounter() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counter
				&& counter.isThreadAllocatedMemorySupported()) {
			counter.setThreadAllocatedMemoryEnabled(true);
			return counter;
		}
		return null;
	}

	@Override
	public void close() {
		watchdog.shutdownNow();
		engine.close(true);
	}

	/**
	 * One execution under watch. The watchdog and the executing thread race to end it:
	 * whichever wins the compare-and-set decides. A context is cancelled only if the
	 * watchdog won, and it goes back to the pool only if the execution won, so a check
	 * that fires just as the execution ends can never close a context another request has
	 * borrowed since.
	 */
	static final class Guard {

		private final Context context;

		private volatile ScheduledFuture<?> future;

		/** {@code null} while running; then {@link #FINISHED} or what tripped it. */
		private final AtomicReference<Object> outcome = new AtomicReference<>();

		private static final Object FINISHED = new Object();

		private volatile ActionFailure.Kind tripped;

		private Guard(Context context) {
			this.context = context;
		}

		private void trip(ActionFailure.Kind kind) {
			if (!outcome.compareAndSet(null, kind)) {
				return;
			}
			tripped = kind;
			try {
				context.close(true);
			}
			catch (RuntimeException alreadyClosed) {
				// The execution ended at the same moment; the caller discards the context
				// either way.
			}
		}

		/**
		 * Ends the watch; what stopped the execution, or {@code null} if nothing did
		 * (then, and only then, the context may be used again).
		 */
		ActionFailure.Kind stop() {
			ScheduledFuture<?> f = future;
			if (f != null) {
				f.cancel(false);
			}
			if (outcome.compareAndSet(null, FINISHED)) {
				return null;
			}
			Object kind = outcome.get();
			return kind instanceof ActionFailure.Kind k ? k : null;
		}

	}

}
