package com.exampleco.authserver.quota;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The count of a window, shared by every instance on the same database. Reserving is a
 * row lock ({@code select ...
 * for update}), then an update or the window's first insert, in one transaction: portable
 * SQL that H2 and PostgreSQL both run, and that never grants more than the limit however
 * many instances ask at once.
 */
@Repository
class TokenQuotaUsageRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	TokenQuotaUsageRepository(JdbcClient jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Reserves up to {@code units} of the window, no more than leaves its count at
	 * {@code limit}.
	 * @return the units granted (0 when the window is full) and the window's count after
	 * the grant
	 */
	Reservation reserve(String subject, String bucket, long windowStart, long units, long limit) {
		for (int attempt = 0;; attempt++) {
			try {
				return transaction.execute(status -> reserveOnce(subject, bucket, windowStart, units, limit));
			}
			catch (DuplicateKeyException e) {
				// Another instance inserted the window's row between our select and our
				// insert: it exists now, and the next attempt locks it. A new
				// transaction, as PostgreSQL aborts the one that failed.
				if (attempt == 2) {
					throw e;
				}
			}
		}
	}

	private Reservation reserveOnce(String subject, String bucket, long windowStart, long units, long limit) {
		Long used = jdbc.sql("""
				select used from token_quota_usage where subject = ? and bucket = ? and window_start = ?
				for update
				""").params(subject, bucket, windowStart).query(Long.class).optional().orElse(null);
		if (used == null) {
			long granted = Math.min(units, limit);
			jdbc.sql("insert into token_quota_usage (subject, bucket, window_start, used) values (?, ?, ?, ?)")
				.params(subject, bucket, windowStart, granted)
				.update();
			// The window's first reservation: the subject's past windows of this bucket
			// are of no more use.
			jdbc.sql("delete from token_quota_usage where subject = ? and bucket = ? and window_start < ?")
				.params(subject, bucket, windowStart)
				.update();
			return new Reservation(granted, granted);
		}
		long granted = Math.max(0, Math.min(units, limit - used));
		if (granted > 0) {
			jdbc.sql(
					"update token_quota_usage set used = used + ? where subject = ? and bucket = ? and window_start = ?")
				.params(granted, subject, bucket, windowStart)
				.update();
		}
		return new Reservation(granted, used + granted);
	}

	/**
	 * Gives back units reserved but never issued (an instance that stops), so the others
	 * may use them.
	 */
	void release(String subject, String bucket, long windowStart, long units) {
		jdbc.sql("""
				update token_quota_usage set used = case when used > ? then used - ? else 0 end
				where subject = ? and bucket = ? and window_start = ?
				""").params(units, units, subject, bucket, windowStart).update();
	}

	record Reservation(long granted, long countAfter) {
	}

}
