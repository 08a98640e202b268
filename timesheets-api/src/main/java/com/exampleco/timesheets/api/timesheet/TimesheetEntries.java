package com.exampleco.timesheets.api.timesheet;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Creating entries exactly once. The database decides: an idempotency key row and its
 * entry are inserted in one transaction, and the key table's primary key (key, client,
 * tenant) refuses the second of two requests with the same key, whether they arrive one
 * after the other, at the same moment, or at two instances of this API.
 */
@Service
public class TimesheetEntries {

	private static final int CONCURRENT_WINNER_LOOKUPS = 50;

	/**
	 * Entry ids are UUIDv7: they start with their creation time, so new rows land at the
	 * end of the primary key's B-tree instead of all over it. With random (v4) ids, H2
	 * rewrote a page per entry on every commit, and an upload of 500 entries stored 6,900
	 * entries/s; with time-ordered ids, 17,500 (bench/upload.lua, 4 connections).
	 */
	private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

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
	 * Stores {@code entry} for the caller, unless {@code idempotencyKey} was used before:
	 * then nothing is stored and the first request's entry is returned, or
	 * {@link IdempotencyKeyReusedException} is thrown when that request carried other
	 * content.
	 */
	Creation create(Caller caller, NewTimesheetEntry entry, String idempotencyKey) {
		TimesheetEntry stored = newEntry(caller, entry);
		if (idempotencyKey == null) {
			this.transactions.executeWithoutResult((tx) -> this.repository.insert(stored));
			return new Creation(stored.id(), stored, false);
		}
		String fingerprint = entry.fingerprint();
		try {
			this.transactions.executeWithoutResult((tx) -> {
				this.repository.insertKey(idempotencyKey, fingerprint, stored);
				this.repository.insert(stored);
			});
			return new Creation(stored.id(), stored, false);
		}
		catch (DuplicateKeyException | ConcurrencyFailureException ex) {
			return replay(caller, idempotencyKey, fingerprint);
		}
	}

	private Creation replay(Caller caller, String idempotencyKey, String fingerprint) {
		// PostgreSQL reports the duplicate once the first transaction has committed; H2
		// may report a concurrent update while it is still open, so the winner's row can
		// take a moment to become visible.
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

	private TimesheetEntry newEntry(Caller caller, NewTimesheetEntry entry) {
		return new TimesheetEntry(IDS.generate(), entry.employeeId().trim(), entry.date(), entry.project().trim(),
				entry.hours(), entry.notes(), false, null, null, caller.clientId(), caller.orgId(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	/**
	 * Stores each valid entry once and reports every entry's outcome at its position. The
	 * common cases cost a constant number of round trips, whatever the upload's size: one
	 * query finds the keys stored before, and the new entries go in as one transaction of
	 * two JDBC batches. Only when that transaction meets a key that a concurrent request
	 * has just stored does it fall back to storing entry by entry, each with its own
	 * outcome.
	 */
	List<UploadResult> upload(Caller caller, List<UploadEntry> uploads) {
		UploadResult[] results = new UploadResult[uploads.size()];
		Map<String, Integer> firstByKey = new LinkedHashMap<>();
		Map<Integer, NewTimesheetEntry> valid = new HashMap<>();
		List<Integer> repeats = new ArrayList<>();
		for (int i = 0; i < uploads.size(); i++) {
			UploadEntry upload = uploads.get(i);
			List<FieldProblem> problems = problems(upload);
			if (!problems.isEmpty()) {
				results[i] = UploadResult.rejected((upload != null) ? upload.idempotencyKey() : null, problems);
				continue;
			}
			valid.put(i, upload.entry());
			if (firstByKey.putIfAbsent(upload.idempotencyKey(), i) != null) {
				repeats.add(i);
			}
		}

		Map<String, TimesheetRepository.StoredKey> stored = this.repository.findKeys(caller.clientId(), caller.orgId(),
				firstByKey.keySet());
		Map<Integer, TimesheetRepository.KeyedEntry> fresh = new LinkedHashMap<>();
		firstByKey.forEach((key, i) -> {
			NewTimesheetEntry entry = valid.get(i);
			TimesheetRepository.StoredKey before = stored.get(key);
			if (before == null) {
				fresh.put(i, new TimesheetRepository.KeyedEntry(key, entry.fingerprint(), newEntry(caller, entry)));
			}
			else if (before.fingerprint().equals(entry.fingerprint())) {
				results[i] = new UploadResult(key, UploadResult.Status.DUPLICATE, before.entryId(), List.of());
			}
			else {
				results[i] = reused(key);
			}
		});
		storeAll(caller, fresh, valid, results);

		for (int i : repeats) {
			String key = uploads.get(i).idempotencyKey();
			int first = firstByKey.get(key);
			boolean sameContent = valid.get(first).fingerprint().equals(valid.get(i).fingerprint());
			results[i] = (sameContent && results[first].id() != null)
					? new UploadResult(key, UploadResult.Status.DUPLICATE, results[first].id(), List.of())
					: reused(key);
		}
		return List.of(results);
	}

	private void storeAll(Caller caller, Map<Integer, TimesheetRepository.KeyedEntry> fresh,
			Map<Integer, NewTimesheetEntry> valid, UploadResult[] results) {
		if (fresh.isEmpty()) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((tx) -> this.repository.insertAll(List.copyOf(fresh.values())));
			fresh.forEach((i, keyed) -> results[i] = new UploadResult(keyed.key(), UploadResult.Status.CREATED,
					keyed.entry().id(), List.of()));
		}
		catch (DuplicateKeyException | ConcurrencyFailureException raced) {
			fresh.forEach((i, keyed) -> results[i] = storeOne(caller, keyed.key(), valid.get(i)));
		}
	}

	private UploadResult storeOne(Caller caller, String key, NewTimesheetEntry entry) {
		try {
			return UploadResult.of(key, create(caller, entry, key));
		}
		catch (IdempotencyKeyReusedException | IdempotencyKeyInProgressException ex) {
			return UploadResult.rejected(key, List.of(new FieldProblem("idempotency_key", ex.getMessage())));
		}
	}

	private List<FieldProblem> problems(UploadEntry upload) {
		if (upload == null) {
			return List.of(new FieldProblem("", "must be an object"));
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (!IdempotencyKey.isValid(upload.idempotencyKey())) {
			problems.add(new FieldProblem("idempotency_key", IdempotencyKey.rule()));
		}
		Set<ConstraintViolation<NewTimesheetEntry>> violations = this.validator.validate(upload.entry());
		problems.addAll(FieldProblems.of(violations));
		return problems;
	}

	private static UploadResult reused(String key) {
		return UploadResult.rejected(key,
				List.of(new FieldProblem("idempotency_key", new IdempotencyKeyReusedException().getMessage())));
	}

}
