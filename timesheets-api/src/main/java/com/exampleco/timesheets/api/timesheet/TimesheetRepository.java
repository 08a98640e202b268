package com.exampleco.timesheets.api.timesheet;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Timesheet entries and the idempotency keys that created them. Every read and write of
 * an entry is confined to one tenant: the caller's organization, or "no organization"
 * ({@code org_id IS NULL}). An entry of another tenant is indistinguishable from one that
 * does not exist.
 */
@Repository
public class TimesheetRepository {

	private static final String COLUMNS = "id, org_id, employee_id, work_date, project, hours, notes, approved, "
			+ "approved_by, approved_at, submitted_by, created_at";

	private static final int KEY_LOOKUP_CHUNK = 500;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batches;

	TimesheetRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	private static final String INSERT_ENTRY = "INSERT INTO timesheet_entry (" + COLUMNS + ") VALUES (:id, :orgId, "
			+ ":employeeId, :date, :project, :hours, :notes, :approved, :approvedBy, :approvedAt, :submittedBy, :createdAt)";

	private static final String INSERT_KEY = "INSERT INTO idempotency_key (client_id, tenant, idempotency_key, "
			+ "fingerprint, entry_id, created_at) VALUES (:clientId, :tenant, :key, :fingerprint, :entryId, :createdAt)";

	void insert(TimesheetEntry entry) {
		this.batches.update(INSERT_ENTRY, parameters(entry));
	}

	/**
	 * Inserts entries and the keys that created them in two JDBC batches: one round trip
	 * each, however many.
	 */
	void insertAll(List<KeyedEntry> entries) {
		this.batches.batchUpdate(INSERT_KEY,
				entries.stream().map(TimesheetRepository::parameters).toArray(SqlParameterSource[]::new));
		this.batches.batchUpdate(INSERT_ENTRY,
				entries.stream().map((keyed) -> parameters(keyed.entry())).toArray(SqlParameterSource[]::new));
	}

	/** An entry to store with the idempotency key its client gave it. */
	record KeyedEntry(String key, String fingerprint, TimesheetEntry entry) {
	}

	private static SqlParameterSource parameters(TimesheetEntry entry) {
		return new MapSqlParameterSource().addValue("id", entry.id())
			.addValue("orgId", entry.orgId(), Types.VARCHAR)
			.addValue("employeeId", entry.employeeId())
			.addValue("date", entry.date())
			.addValue("project", entry.project())
			.addValue("hours", entry.hours())
			.addValue("notes", entry.notes(), Types.VARCHAR)
			.addValue("approved", entry.approved())
			.addValue("approvedBy", entry.approvedBy(), Types.VARCHAR)
			.addValue("approvedAt", timestamp(entry.approvedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("submittedBy", entry.submittedBy())
			.addValue("createdAt", timestamp(entry.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE);
	}

	private static SqlParameterSource parameters(KeyedEntry keyed) {
		TimesheetEntry entry = keyed.entry();
		return new MapSqlParameterSource().addValue("clientId", entry.submittedBy())
			.addValue("tenant", Tenant.of(entry.orgId()).keyScope())
			.addValue("key", keyed.key())
			.addValue("fingerprint", keyed.fingerprint())
			.addValue("entryId", entry.id())
			.addValue("createdAt", timestamp(entry.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE);
	}

	public Optional<TimesheetEntry> find(UUID id, String orgId) {
		Tenant tenant = Tenant.of(orgId);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM timesheet_entry WHERE id = :id AND " + tenant.condition())
			.param("id", id)
			.params(tenant.params())
			.query(TimesheetRepository::entry)
			.optional();
	}

	public EntryPage search(EntryQuery query, String orgId) {
		Tenant tenant = Tenant.of(orgId);
		StringBuilder where = new StringBuilder(" WHERE ").append(tenant.condition());
		Map<String, Object> params = new HashMap<>(tenant.params());
		if (query.employeeId() != null) {
			where.append(" AND employee_id = :employeeId");
			params.put("employeeId", query.employeeId());
		}
		if (query.project() != null) {
			where.append(" AND project = :project");
			params.put("project", query.project());
		}
		if (query.from() != null) {
			where.append(" AND work_date >= :from");
			params.put("from", query.from());
		}
		if (query.to() != null) {
			where.append(" AND work_date <= :to");
			params.put("to", query.to());
		}
		if (query.approved() != null) {
			where.append(" AND approved = :approved");
			params.put("approved", query.approved());
		}
		long total = this.jdbc.sql("SELECT COUNT(*) FROM timesheet_entry" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<TimesheetEntry> items = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM timesheet_entry" + where
					+ " ORDER BY work_date DESC, created_at DESC, id LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", query.size())
			.param("offset", query.offset())
			.query(TimesheetRepository::entry)
			.list();
		return EntryPage.of(items, query, total);
	}

	public boolean delete(UUID id, String orgId) {
		Tenant tenant = Tenant.of(orgId);
		return this.jdbc.sql("DELETE FROM timesheet_entry WHERE id = :id AND " + tenant.condition())
			.param("id", id)
			.params(tenant.params())
			.update() == 1;
	}

	/** Approves an entry once: approving it again keeps the first approver and time. */
	public Optional<TimesheetEntry> approve(UUID id, String orgId, String approvedBy, Instant now) {
		Tenant tenant = Tenant.of(orgId);
		this.jdbc
			.sql("UPDATE timesheet_entry SET approved = TRUE, approved_by = :approvedBy, approved_at = :now "
					+ "WHERE id = :id AND approved = FALSE AND " + tenant.condition())
			.param("approvedBy", approvedBy)
			.param("now", timestamp(now))
			.param("id", id)
			.params(tenant.params())
			.update();
		return find(id, orgId);
	}

	void insertKey(String key, String fingerprint, TimesheetEntry entry) {
		this.batches.update(INSERT_KEY, parameters(new KeyedEntry(key, fingerprint, entry)));
	}

	/** The keys among {@code keys} that the client has used before in this tenant. */
	Map<String, StoredKey> findKeys(String clientId, String orgId, Collection<String> keys) {
		Map<String, StoredKey> found = new HashMap<>();
		List<String> all = List.copyOf(keys);
		for (int from = 0; from < all.size(); from += KEY_LOOKUP_CHUNK) {
			this.jdbc
				.sql("SELECT idempotency_key, fingerprint, entry_id FROM idempotency_key "
						+ "WHERE client_id = :clientId AND tenant = :tenant AND idempotency_key IN (:keys)")
				.param("clientId", clientId)
				.param("tenant", Tenant.of(orgId).keyScope())
				.param("keys", all.subList(from, Math.min(all.size(), from + KEY_LOOKUP_CHUNK)))
				.query((rs) -> {
					found.put(rs.getString("idempotency_key"),
							new StoredKey(rs.getString("fingerprint"), rs.getObject("entry_id", UUID.class)));
				});
		}
		return found;
	}

	Optional<StoredKey> findKey(String clientId, String orgId, String key) {
		return this.jdbc
			.sql("SELECT fingerprint, entry_id FROM idempotency_key "
					+ "WHERE client_id = :clientId AND tenant = :tenant AND idempotency_key = :key")
			.param("clientId", clientId)
			.param("tenant", Tenant.of(orgId).keyScope())
			.param("key", key)
			.query((rs, row) -> new StoredKey(rs.getString("fingerprint"), rs.getObject("entry_id", UUID.class)))
			.optional();
	}

	/**
	 * An idempotency key as stored: the content it was first used with and the entry it
	 * created.
	 */
	record StoredKey(String fingerprint, UUID entryId) {
	}

	private record Tenant(String orgId) {

		static Tenant of(String orgId) {
			return new Tenant(orgId);
		}

		// Written out rather than "org_id IS NOT DISTINCT FROM ?": PostgreSQL cannot type
		// a NULL parameter there.
		String condition() {
			return (this.orgId == null) ? "org_id IS NULL" : "org_id = :orgId";
		}

		Map<String, Object> params() {
			return (this.orgId == null) ? Map.of() : Map.of("orgId", this.orgId);
		}

		// The key table's primary key needs a NOT NULL column: "" stands for "no
		// organization" there.
		String keyScope() {
			return (this.orgId == null) ? "" : this.orgId;
		}

	}

	private static TimesheetEntry entry(ResultSet rs, int row) throws SQLException {
		return new TimesheetEntry(rs.getObject("id", UUID.class), rs.getString("employee_id"),
				rs.getObject("work_date", java.time.LocalDate.class), rs.getString("project"),
				plain(rs.getBigDecimal("hours")), rs.getString("notes"), rs.getBoolean("approved"),
				rs.getString("approved_by"), instant(rs.getObject("approved_at", OffsetDateTime.class)),
				rs.getString("submitted_by"), rs.getString("org_id"),
				instant(rs.getObject("created_at", OffsetDateTime.class)));
	}

	/** 7.50 in the database is 7.5 to the client, and 8.00 is 8. */
	private static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(OffsetDateTime timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
