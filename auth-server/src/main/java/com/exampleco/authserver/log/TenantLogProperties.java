package com.exampleco.authserver.log;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tenant logs: Auth0's log events of every token exchange (and of the Management API),
 * written off the request thread.
 *
 * @param enabled write events at all; off, nothing is queued, stored or streamed
 * @param queueCapacity events waiting for the writer; when it is full an event is dropped
 * and counted, never waited for, so a slow or absent store cannot slow the token endpoint
 * @param batchSize events inserted in one JDBC batch at most
 * @param flushInterval how long the writer gathers events before it inserts them
 * @param writeTimeout query timeout of one insert batch; a batch that fails or times out
 * is dropped and counted
 * @param checkpointDelay how old an event must be before a {@code from}/{@code take}
 * checkpoint read returns it: events of several instances reach the store out of
 * {@code log_id} order by up to a flush and a write, and a reader that had already moved
 * past a late one would never see it
 * @param retention how long and how many events are kept
 * @param stream the live stream ({@code GET /api/v2/logs/stream})
 */
@Validated
@ConfigurationProperties("auth-server.tenant-logs")
public record TenantLogProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("20000") @Positive int queueCapacity, @DefaultValue("500") @Positive int batchSize,
		@DefaultValue("100ms") @NotNull Duration flushInterval, @DefaultValue("2s") @NotNull Duration writeTimeout,
		@DefaultValue("3s") @NotNull Duration checkpointDelay, @DefaultValue @Valid Retention retention,
		@DefaultValue @Valid Stream stream) {

	/**
	 * @param maxAge events older than this are deleted; 30 days, what Auth0 keeps on its
	 * paid plans
	 * @param maxRows at most this many events are kept, the oldest deleted first
	 * @param interval how often the pruning runs, in the background
	 * @param deleteBatch rows deleted by one statement, so pruning never holds a long
	 * lock or a huge transaction
	 */
	public record Retention(@DefaultValue("30d") @NotNull Duration maxAge,
			@DefaultValue("1000000") @Positive long maxRows, @DefaultValue("1m") @NotNull Duration interval,
			@DefaultValue("5000") @Positive int deleteBatch) {
	}

	/**
	 * @param maxSubscribers streams open at once; one more is refused with 429
	 * @param buffer events waiting to be sent to one subscriber; a subscriber that falls
	 * this far behind is disconnected (it reconnects with {@code Last-Event-ID} and
	 * catches up from the store)
	 * @param heartbeat a comment line is sent when no event was, so proxies keep the
	 * connection and a gone client is noticed
	 * @param maxDuration a stream is closed after this long; the client reconnects with
	 * {@code Last-Event-ID}
	 * @param maxReplay events replayed from the store after {@code Last-Event-ID} at most
	 */
	public record Stream(@DefaultValue("16") @Positive @Max(1000) int maxSubscribers,
			@DefaultValue("1000") @Positive int buffer, @DefaultValue("15s") @NotNull Duration heartbeat,
			@DefaultValue("1h") @NotNull Duration maxDuration, @DefaultValue("1000") @Positive int maxReplay) {
	}
}
