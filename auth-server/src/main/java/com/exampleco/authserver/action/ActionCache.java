package com.exampleco.authserver.action;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Auth0's {@code api.cache} for one Action: string values with a lifetime, within Auth0's
 * Actions cache limits (https://auth0.com/docs/customize/actions/limitations): at most 20
 * entries, keys of at most 64 bytes, values of at most 4 KB, 8 KB for all keys and values
 * together, a lifetime of 15 minutes unless given, 24 hours at most. Values live in this
 * server's memory only: like Auth0's, an entry may be gone before it expires (a restart,
 * another instance), so an Action must cope with a miss.
 */
public final class ActionCache {

	static final int MAX_ENTRIES = 20;
	static final int MAX_KEY_BYTES = 64;
	static final int MAX_VALUE_BYTES = 4 * 1024;
	static final int MAX_TOTAL_BYTES = 8 * 1024;
	static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
	static final Duration MAX_TTL = Duration.ofHours(24);

	private final Clock clock;

	private final Cache<String, Entry> entries;

	ActionCache(Clock clock) {
		this.clock = clock;
		this.entries = Caffeine.newBuilder()
			.maximumSize(MAX_ENTRIES)
			.ticker(Ticker.systemTicker())
			.expireAfter(new Expiry<String, Entry>() {
				@Override
				public long expireAfterCreate(String key, Entry entry, long currentTime) {
					return entry.nanosToLive();
				}

				@Override
				public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
					return entry.nanosToLive();
				}

				@Override
				public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
					return currentDuration;
				}
			})
			.build();
	}

	/**
	 * {@code api.cache.get(key)}: the record, or {@code null} when there is none (Auth0:
	 * {@code undefined}).
	 */
	public CacheRecord get(String key) {
		Entry entry = key == null ? null : entries.getIfPresent(key);
		return entry == null || entry.expiresAt() <= clock.millis() ? null
				: new CacheRecord(entry.value(), entry.expiresAt());
	}

	/**
	 * {@code api.cache.set(key, value, {ttl, expires_at})}: {@code ttl} in milliseconds,
	 * {@code expires_at} in milliseconds since the epoch, either {@code null}; with both,
	 * the earlier expiry wins.
	 */
	public synchronized CacheWriteResult set(String key, String value, Long ttlMillis, Long expiresAtMillis) {
		if (key == null || key.isEmpty() || bytes(key) > MAX_KEY_BYTES) {
			return CacheWriteResult.error("invalid_key");
		}
		if (value == null || bytes(value) > MAX_VALUE_BYTES) {
			return CacheWriteResult.error("value_too_large");
		}
		long now = clock.millis();
		long expiresAt = now + (ttlMillis == null ? DEFAULT_TTL.toMillis() : ttlMillis);
		if (expiresAtMillis != null) {
			expiresAt = ttlMillis == null ? expiresAtMillis : Math.min(expiresAt, expiresAtMillis);
		}
		if (expiresAt <= now || expiresAt - now > MAX_TTL.toMillis()) {
			return CacheWriteResult.error("invalid_lifetime");
		}
		long others = entries.asMap()
			.entrySet()
			.stream()
			.filter(e -> !e.getKey().equals(key))
			.mapToLong(e -> bytes(e.getKey()) + bytes(e.getValue().value()))
			.sum();
		long otherCount = entries.asMap().keySet().stream().filter(k -> !k.equals(key)).count();
		if (otherCount >= MAX_ENTRIES || others + bytes(key) + bytes(value) > MAX_TOTAL_BYTES) {
			return CacheWriteResult.error("cache_full");
		}
		entries.put(key, new Entry(value, expiresAt, TimeUnit.MILLISECONDS.toNanos(expiresAt - now)));
		return CacheWriteResult.SUCCESS;
	}

	/** {@code api.cache.delete(key)}: success when a value was removed. */
	public CacheWriteResult delete(String key) {
		return key != null && entries.asMap().remove(key) != null ? CacheWriteResult.SUCCESS
				: CacheWriteResult.error("not_found");
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Auth0's cache record: the value and when it expires (milliseconds since the epoch).
	 */
	public record CacheRecord(String value, long expiresAt) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	/**
	 * Auth0's {@code CacheWriteResult}: {@code {type: "success"}} or {@code {type:
	 * "error", code}}.
	 */
	public record CacheWriteResult(String type, String code) {

		static final CacheWriteResult SUCCESS = new CacheWriteResult("success", null);

		static CacheWriteResult error(String code) {
			return new CacheWriteResult("error", code);
		}
	}

	private record Entry(String value, long expiresAt, long nanosToLive) {
	}

}
