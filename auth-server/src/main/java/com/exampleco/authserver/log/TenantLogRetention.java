package com.exampleco.authserver.log;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes tenant log events older than {@code retention.max-age}, then the oldest beyond
 * {@code retention.max-rows}, every {@code retention.interval}, on its own background
 * thread, in deletes of at most {@code delete-batch} rows each, so that neither a long
 * lock nor a huge transaction ever stands in the writer's way.
 */
@Component
class TenantLogRetention {

	private static final Logger log = LoggerFactory.getLogger(TenantLogRetention.class);

	/**
	 * Deletes in one run at most; the next run goes on, so a huge backlog never makes one
	 * endless run.
	 */
	private static final int MAX_DELETES_PER_RUN = 200;

	private final TenantLogStore store;

	private final TenantLogProperties.Retention retention;

	private final boolean enabled;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	TenantLogRetention(TenantLogStore store, TenantLogProperties properties, Clock clock) {
		this.store = store;
		this.retention = properties.retention();
		this.enabled = properties.enabled();
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		if (!enabled) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "tenant-log-retention");
			thread.setDaemon(true);
			return thread;
		});
		long every = retention.interval().toMillis();
		scheduler.scheduleWithFixedDelay(this::pruneQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	private void pruneQuietly() {
		try {
			prune();
		}
		catch (RuntimeException e) {
			log.warn("Tenant log retention: pruning failed ({}); it runs again in {}", e.getClass().getSimpleName(),
					retention.interval());
		}
	}

	/** One pruning run; returns the events deleted. */
	long prune() {
		long deleted = 0;
		int statements = 0;
		int batch = retention.deleteBatch();
		int removed;
		do {
			removed = store.deleteOlderThan(clock.instant().minus(retention.maxAge()), batch);
			deleted += removed;
		}
		while (removed == batch && ++statements < MAX_DELETES_PER_RUN);
		long excess = store.count() - retention.maxRows();
		while (excess > 0 && statements++ < MAX_DELETES_PER_RUN) {
			removed = store.deleteOldest((int) Math.min(batch, excess));
			if (removed == 0) {
				break;
			}
			deleted += removed;
			excess -= removed;
		}
		if (deleted > 0) {
			log.debug("Tenant log retention: {} events deleted", deleted);
		}
		return deleted;
	}

	@PreDestroy
	void stop() {
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

}
