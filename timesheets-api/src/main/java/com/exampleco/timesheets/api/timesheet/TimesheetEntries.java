package com.exampleco.timesheets.api.timesheet;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.exampleco.timesheets.api.security.Caller;
import com.exampleco.timesheets.api.system.FieldProblem;
import com.exampleco.timesheets.api.system.FieldProblems;

/**
 * Creating entries exactly once. The database decides: an idempotency key row and its entry are inserted in one
 * transaction, and the key table's primary key (client, tenant, key) refuses the second of two requests with the
 * same key, whether they arrive one after the other, at the same moment, or at two instances of this API.
 */
@Service
public class TimesheetEntries {

	private static final int CONCURRENT_WINNER_LOOKUPS = 50;

	private final TimesheetRepository repository;

	private final TransactionTemplate transactions;

	private final Validator validator;

	private final Clock clock;

	TimesheetEntries(TimesheetRepository repository, TransactionTemplate transactions, Validator validator) {
		this.repository = repository;
		this.transactions = transactions;
		this.validator = validator;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Stores {@code entry} for the caller, unless {@code idempotencyKey} was used before: then nothing is stored and
	 * the first request's entry is returned, or {@link IdempotencyKeyReusedException} is thrown when that request
	 * carried other content.
	 */
	Creation create(Caller caller, NewTimesheetEntry entry, String idempotencyKey) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		TimesheetEntry stored = new TimesheetEntry(UUID.randomUUID(), entry.employeeId().trim(), entry.date(),
				entry.project().trim(), entry.hours(), entry.notes(), false, null, null, caller.clientId(),
				caller.orgId(), now);
		if (idempotencyKey == null) {
			this.transactions.executeWithoutResult((tx) -> this.repository.insert(stored));
			return new Creation(stored.id(), stored, false);
		}
		String fingerprint = entry.fingerprint();
		try {
			this.transactions.executeWithoutResult((tx) -> {
				this.repository.insertKey(caller.clientId(), caller.orgId(), idempotencyKey, fingerprint, stored.id(),
						now);
				this.repository.insert(stored);
			});
			return new Creation(stored.id(), stored, false);
		}
		catch (DuplicateKeyException | ConcurrencyFailureException ex) {
			return replay(caller, idempotencyKey, fingerprint);
		}
	}

	private Creation replay(Caller caller, String idempotencyKey, String fingerprint) {
		// PostgreSQL reports the duplicate once the first transaction has committed; H2 may report a concurrent
		// update while it is still open, so the winner's row can take a moment to become visible.
		for (int lookup = 0; lookup < CONCURRENT_WINNER_LOOKUPS; lookup++) {
			Optional<TimesheetRepository.StoredKey> key = this.repository.findKey(caller.clientId(), caller.orgId(),
					idempotencyKey);
			if (key.isPresent()) {
				if (!key.get().fingerprint().equals(fingerprint)) {
					throw new IdempotencyKeyReusedException();
				}
				UUID id = key.get().entryId();
				return new Creation(id, this.repository.find(id, caller.orgId()).orElse(null), true);
			}
			pause();
		}
		throw new IdempotencyKeyInProgressException();
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a concurrent request", ex);
		}
	}

	/** Stores each valid entry once, in request order, and reports every entry's outcome at its position. */
	List<UploadResult> upload(Caller caller, List<UploadEntry> entries) {
		List<UploadResult> results = new ArrayList<>(entries.size());
		for (UploadEntry upload : entries) {
			if (upload == null) {
				results.add(UploadResult.rejected(null, List.of(new FieldProblem("", "must be an object"))));
				continue;
			}
			List<FieldProblem> problems = new ArrayList<>();
			if (!IdempotencyKey.isValid(upload.idempotencyKey())) {
				problems.add(new FieldProblem("idempotency_key", IdempotencyKey.rule()));
			}
			NewTimesheetEntry entry = upload.entry();
			Set<ConstraintViolation<NewTimesheetEntry>> violations = this.validator.validate(entry);
			problems.addAll(FieldProblems.of(violations));
			if (!problems.isEmpty()) {
				results.add(UploadResult.rejected(upload.idempotencyKey(), problems));
				continue;
			}
			try {
				results.add(UploadResult.of(upload.idempotencyKey(), create(caller, entry, upload.idempotencyKey())));
			}
			catch (IdempotencyKeyReusedException | IdempotencyKeyInProgressException ex) {
				results.add(UploadResult.rejected(upload.idempotencyKey(),
						List.of(new FieldProblem("idempotency_key", ex.getMessage()))));
			}
		}
		return results;
	}

}
