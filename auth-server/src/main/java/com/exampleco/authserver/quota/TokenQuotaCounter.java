package com.exampleco.authserver.quota;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts issued tokens per subject (a client or an organization) and window, exactly
 * across instances and with few database writes: the count lives in the database
 * ({@link TokenQuotaUsageRepository}), and each instance reserves a lease of several
 * units at once, hands them out from memory, and goes back to the database only when its
 * lease is spent. A window never grants more than its limit, so with {@code enforce} no
 * more than the limit of tokens are issued, however many instances share the database.
 * Near the limit leases shrink to a single unit (a lease takes at most an eighth of what
 * the window has left), so few units are held back in one instance while another is
 * refused.
 * <p>
 * Why leases rather than a write per token: every token for one client would update the
 * same row, and a row lock held until a PostgreSQL commit (a WAL flush) serializes that
 * client's tokens behind the disk; a token bucket (Bucket4j's JDBC proxy) does the same
 * per request and refills continuously, where Auth0's windows are fixed UTC hours and
 * days. With leases of up to {@link TokenQuotaProperties#leaseSize()} units the database
 * sees one short transaction per lease.
 * <p>
 * The count reported ({@code r} in the quota headers) is exact with one instance. With
 * several, each instance knows the window's count as of its own last reservation: units
 * leased to the others but not issued yet count as used, and units they leased since are
 * not seen, so {@code r} is right to within the units other instances hold or have
 * reserved since (at most {@code leaseSize} each, fewer near the limit). Units of a lease
 * left when the window ends are dropped with it; units left when the instance stops are
 * given back.
 */
@Component
class TokenQuotaCounter {

	private static final Logger log = LoggerFactory.getLogger(TokenQuotaCounter.class);

	/**
	 * A lease takes at most this fraction of what the window has left, so leases shrink
	 * near the limit.
	 */
	private static final int LEASE_FRACTION = 8;

	/**
	 * After the database found a window full, refusals are answered from memory for this
	 * long: a client that keeps asking costs no database transaction per request, and
	 * units another instance gives back are seen soon after.
	 */
	private static final long FULL_RECHECK_MILLIS = 1000;

	private final TokenQuotaUsageRepository usage;

	private final int leaseSize;

	/**
	 * One lease per subject and bucket, reused from window to window: bounded by the
	 * clients and organizations.
	 */
	private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();

	TokenQuotaCounter(TokenQuotaUsageRepository usage, TokenQuotaProperties properties) {
		this.usage = usage;
		this.leaseSize = properties.leaseSize();
	}

	/**
	 * Takes one unit of the subject's window, unless {@code enforce} and the window is
	 * full.
	 * @return whether it was taken, and the window's count including it (or the limit
	 * when refused)
	 */
	Count take(String subject, QuotaWindow window, long limit, boolean enforce, Instant now) {
		Lease lease = leases.computeIfAbsent(subject + ' ' + window.bucket(), key -> new Lease(subject, window));
		long start = window.start(now);
		synchronized (lease) {
			if (lease.windowStart != start) {
				lease.windowStart = start;
				lease.available = 0;
				lease.countInDatabase = 0;
				lease.fullUntilMillis = 0;
			}
			if (lease.available == 0 && enforce && now.toEpochMilli() < lease.fullUntilMillis) {
				return new Count(false, Math.max(limit, lease.countInDatabase));
			}
			if (lease.available == 0) {
				long ceiling = enforce ? limit : Long.MAX_VALUE;
				long left = limit - lease.countInDatabase;
				long units = enforce ? Math.max(1, Math.min(leaseSize, left / LEASE_FRACTION)) : leaseSize;
				TokenQuotaUsageRepository.Reservation reservation = usage.reserve(subject, window.bucket(), start,
						units, ceiling);
				lease.countInDatabase = reservation.countAfter();
				lease.available = reservation.granted();
				if (lease.available == 0) {
					lease.fullUntilMillis = now.toEpochMilli() + FULL_RECHECK_MILLIS;
					return new Count(false, Math.max(limit, lease.countInDatabase));
				}
			}
			lease.available--;
			return new Count(true, lease.countInDatabase - lease.available);
		}
	}

	/**
	 * Puts back a unit taken for a token that was not issued after all (another quota
	 * refused it).
	 */
	void giveBack(String subject, QuotaWindow window, Instant now) {
		Lease lease = leases.get(subject + ' ' + window.bucket());
		if (lease == null) {
			return;
		}
		synchronized (lease) {
			if (lease.windowStart == window.start(now)) {
				lease.available++;
			}
		}
	}

	/**
	 * Gives the units leased but not issued back to the shared count, for the instances
	 * that keep running.
	 */
	@PreDestroy
	void releaseLeases() {
		for (Lease lease : leases.values()) {
			synchronized (lease) {
				if (lease.available > 0) {
					try {
						usage.release(lease.subject, lease.window.bucket(), lease.windowStart, lease.available);
					}
					catch (RuntimeException e) {
						// The database may be gone already; the units are then only lost
						// until the window ends.
						log.debug("Could not give back {} leased quota units of {}", lease.available, lease.subject, e);
					}
					lease.available = 0;
				}
			}
		}
	}

	/**
	 * @param taken whether the unit was taken
	 * @param count the window's count of tokens including this one, as this instance
	 * knows it
	 */
	record Count(boolean taken, long count) {
	}

	private static final class Lease {

		final String subject;

		final QuotaWindow window;

		long windowStart = Long.MIN_VALUE;

		/** Units reserved in the database and not handed out yet. */
		long available;

		/**
		 * The window's count in the database right after this instance's last
		 * reservation.
		 */
		long countInDatabase;

		/**
		 * Until when a full window is refused without asking the database again (epoch
		 * milliseconds).
		 */
		long fullUntilMillis;

		Lease(String subject, QuotaWindow window) {
			this.subject = subject;
			this.window = window;
		}

	}

}
