package com.exampleco.timesheets.api.timesheet;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Timesheet entries and the idempotency keys that created them. Every read and write of an entry is confined to
 * one tenant: the caller's organization, or "no organization" ({@code org_id IS NULL}). An entry of another tenant
 * is indistinguishable from one that does not exist.
 */
@Repository
public class TimesheetRepository {

	private static final String COLUMNS = "id, org_id, employee_id, work_date, project, hours, notes, approved, "
			+ "approved_by, approved_at, submitted_by, created_at";

	private final JdbcClient jdbc;

	TimesheetRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TimesheetEntry entry) {
		this.jdbc.sql("INSERT INTO timesheet_entry (" + COLUMNS + ") VALUES (:id, :orgId, :employeeId, :date, "
				+ ":project, :hours, :notes, :approved, :approvedBy, :approvedAt, :submittedBy, :createdAt)")
			.param("id", entry.id())
			.param("orgId", entry.orgId())
			.param("employeeId", entry.employeeId())
			.param("date", entry.date())
			.param("project", entry.project())
			.param("hours", entry.hours())
			.param("notes", entry.notes())
			.param("approved", entry.approved())
			.param("approvedBy", entry.approvedBy())
			.param("approvedAt", timestamp(entry.approvedAt()))
			.param("submittedBy", entry.submittedBy())
			.param("createdAt", timestamp(entry.createdAt()))
			.update();
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
		this.jdbc.sql("UPDATE timesheet_entry SET approved = TRUE, approved_by = :approvedBy, approved_at = :now "
				+ "WHERE id = :id AND approved = FALSE AND " + tenant.condition())
			.param("approvedBy", approvedBy)
			.param("now", timestamp(now))
			.param("id", id)
			.params(tenant.params())
			.update();
		return find(id, orgId);
	}

	void insertKey(String clientId, String orgId, String key, String fingerprint, UUID entryId, Instant now) {
		this.jdbc.sql("INSERT INTO idempotency_key (client_id, tenant, idempotency_key, fingerprint, entry_id, "
				+ "created_at) VALUES (:clientId, :tenant, :key, :fingerprint, :entryId, :now)")
			.param("clientId", clientId)
			.param("tenant", Tenant.of(orgId).keyScope())
			.param("key", key)
			.param("fingerprint", fingerprint)
			.param("entryId", entryId)
			.param("now", timestamp(now))
			.update();
	}

	Optional<StoredKey> findKey(String clientId, String orgId, String key) {
		return this.jdbc.sql("SELECT fingerprint, entry_id FROM idempotency_key "
				+ "WHERE client_id = :clientId AND tenant = :tenant AND idempotency_key = :key")
			.param("clientId", clientId)
			.param("tenant", Tenant.of(orgId).keyScope())
			.param("key", key)
			.query((rs, row) -> new StoredKey(rs.getString("fingerprint"), rs.getObject("entry_id", UUID.class)))
			.optional();
	}

	/** An idempotency key as stored: the content it was first used with and the entry it created. */
	record StoredKey(String fingerprint, UUID entryId) {
	}

	private record Tenant(String orgId) {

		static Tenant of(String orgId) {
			return new Tenant(orgId);
		}

		// Written out rather than "org_id IS NOT DISTINCT FROM ?": PostgreSQL cannot type a NULL parameter there.
		String condition() {
			return (this.orgId == null) ? "org_id IS NULL" : "org_id = :orgId";
		}

		Map<String, Object> params() {
			return (this.orgId == null) ? Map.of() : Map.of("orgId", this.orgId);
		}

		// The key table's primary key needs a NOT NULL column: "" stands for "no organization" there.
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
