package com.exampleco.authserver.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code tenant_log} table: batch inserts for the writer, reads for the Management
 * API and the stream's replay, bounded deletes for retention. Plain SQL that H2 and
 * PostgreSQL both run.
 */
@Component
class TenantLogStore {

	/**
	 * Longest details JSON stored; longer is replaced by a marker (the event's other
	 * fields stay).
	 */
	static final int MAX_DETAILS_LENGTH = 32_000;

	private static final String COLUMNS = "log_id, date, type, description, client_id, client_name, ip, user_agent, "
			+ "hostname, audience, scope, details";

	private final JdbcTemplate reads;

	private final JdbcTemplate writes;

	private final TransactionTemplate batches;

	private final ObjectMapper json;

	private final RowMapper<TenantLogEvent> rows = this::event;

	TenantLogStore(DataSource dataSource, PlatformTransactionManager transactions, ObjectMapper json,
			TenantLogProperties properties) {
		this.reads = new JdbcTemplate(dataSource);
		this.reads.setQueryTimeout(10);
		// The writer's own template: its statements time out, so a store that hangs costs
		// a batch, not the queue.
		this.writes = new JdbcTemplate(dataSource);
		this.writes.setQueryTimeout((int) Math.max(1, properties.writeTimeout().toSeconds()));
		this.batches = new TransactionTemplate(transactions);
		this.batches.setTimeout((int) Math.max(1, properties.writeTimeout().toSeconds()));
		this.json = json;
	}

	/**
	 * Inserts the events (each with its log id) in one JDBC batch and one transaction: in
	 * auto-commit, H2 commits each row of a batch on its own, and with
	 * {@code WRITE_DELAY=0} writes its changed pages to the file at each commit, which
	 * took two thirds of the writer's CPU, on the cores the token endpoint shares.
	 */
	void insert(List<TenantLogEvent> events) {
		batches.executeWithoutResult(transaction -> insertRows(events));
	}

	private void insertRows(List<TenantLogEvent> events) {
		writes.batchUpdate("insert into tenant_log (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				events, events.size(), (statement, event) -> {
					statement.setString(1, event.logId());
					statement.setTimestamp(2, Timestamp.from(event.date()));
					statement.setString(3, cut(event.type(), 64));
					statement.setString(4, cut(event.description(), 1000));
					statement.setString(5, cut(event.clientId(), 255));
					statement.setString(6, cut(event.clientName(), 255));
					statement.setString(7, cut(event.ip(), 64));
					statement.setString(8, cut(event.userAgent(), 512));
					statement.setString(9, cut(event.hostname(), 255));
					statement.setString(10, cut(event.audience(), 1000));
					statement.setString(11, cut(event.scope(), 2000));
					statement.setString(12, detailsJson(event.details()));
				});
	}

	Optional<TenantLogEvent> find(String logId) {
		return reads.query("select " + COLUMNS + " from tenant_log where log_id = ?", rows, logId).stream().findFirst();
	}

	/**
	 * Events after {@code logId} (all, when null), oldest first, no newer than
	 * {@code notAfter}.
	 */
	List<TenantLogEvent> after(String logId, Instant notAfter, int limit) {
		if (logId == null) {
			return reads.query("select " + COLUMNS + " from tenant_log where date <= ? order by log_id limit ?", rows,
					Timestamp.from(notAfter), limit);
		}
		return reads.query(
				"select " + COLUMNS + " from tenant_log where log_id > ? and date <= ? order by log_id " + "limit ?",
				rows, logId, Timestamp.from(notAfter), limit);
	}

	/** A page of the events that match the query, in the query's order. */
	List<TenantLogEvent> search(LogQuery query, boolean ascending, int offset, int limit) {
		List<Object> arguments = new ArrayList<>(query.arguments());
		arguments.add(limit);
		arguments.add(offset);
		String order = ascending ? "date, log_id" : "date desc, log_id desc";
		return reads.query(
				"select " + COLUMNS + " from tenant_log" + query.where() + " order by " + order + " limit ? offset ?",
				rows, arguments.toArray());
	}

	long count(LogQuery query) {
		Long count = reads.queryForObject("select count(*) from tenant_log" + query.where(), Long.class,
				query.arguments().toArray());
		return count == null ? 0 : count;
	}

	long count() {
		Long count = reads.queryForObject("select count(*) from tenant_log", Long.class);
		return count == null ? 0 : count;
	}

	/**
	 * Deletes at most {@code limit} of the events older than {@code before}, oldest
	 * first; returns how many.
	 */
	int deleteOlderThan(Instant before, int limit) {
		// Ordered by date, not log id: the date index then finds the rows, where an order
		// by log id walked the whole table each run to find none.
		return writes.update("delete from tenant_log where log_id in (select log_id from tenant_log where date < ? "
				+ "order by date limit ?)", Timestamp.from(before), limit);
	}

	/** Deletes the {@code limit} oldest events (by log id); returns how many. */
	int deleteOldest(int limit) {
		return writes.update(
				"delete from tenant_log where log_id in (select log_id from tenant_log order by log_id " + "limit ?)",
				limit);
	}

	private String detailsJson(Map<String, Object> details) {
		if (details == null || details.isEmpty()) {
			return null;
		}
		String text;
		try {
			text = json.writeValueAsString(details);
		}
		catch (JacksonException e) {
			text = "{\"error\":\"details could not be written as JSON\"}";
		}
		return text.length() <= MAX_DETAILS_LENGTH ? text : "{\"truncated\":true,\"length\":" + text.length() + "}";
	}

	@SuppressWarnings("unchecked")
	private TenantLogEvent event(ResultSet row, int index) throws SQLException {
		String details = row.getString("details");
		Map<String, Object> parsed = null;
		if (details != null) {
			try {
				parsed = json.readValue(details, Map.class);
			}
			catch (JacksonException e) {
				parsed = Map.of("unreadable", true);
			}
		}
		return new TenantLogEvent(row.getTimestamp("date").toInstant(), row.getString("type"),
				row.getString("description"), row.getString("client_id"), row.getString("client_name"),
				row.getString("ip"), row.getString("user_agent"), row.getString("hostname"), row.getString("audience"),
				row.getString("scope"), parsed, row.getString("log_id"));
	}

	private static String cut(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}

}
