package com.exampleco.timesheets.batch.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.exampleco.timesheets.batch.inbox.LineError;
import com.exampleco.timesheets.batch.inbox.NotDelivered;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery journal on each database the job supports: the embedded H2 file and
 * PostgreSQL (skipped, with the reason, when no PostgreSQL answers on 127.0.0.1:5432).
 */
class DeliveryJournalTests {

	@TempDir
	Path dir;

	@Test
	void onH2AFileResumesAfterItsLastAcknowledgedLineUntilItIsCompleted() {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:file:" + this.dir.resolve("state") + ";WRITE_DELAY=0", "sa", "");
		Flyway.configure().dataSource(dataSource).load().migrate();

		aFileResumesAfterItsLastAcknowledgedLineUntilItIsCompleted(
				new DeliveryJournal(JdbcClient.create(dataSource), Clock.systemUTC()));
	}

	@Test
	void onPostgresqlAFileResumesAfterItsLastAcknowledgedLineUntilItIsCompleted() {
		String url = "jdbc:postgresql://127.0.0.1:5432/test";
		Assumptions.assumeTrue(reachable(url), "PostgreSQL is not reachable at " + url + " (user postgres)");
		String schema = "batch_client_test_" + UUID.randomUUID().toString().substring(0, 8);
		DataSource dataSource = new DriverManagerDataSource(url + "?currentSchema=" + schema, "postgres", "");
		Flyway flyway = Flyway.configure()
			.dataSource(dataSource)
			.schemas(schema)
			.defaultSchema(schema)
			.cleanDisabled(false)
			.load();
		flyway.migrate();
		try {
			aFileResumesAfterItsLastAcknowledgedLineUntilItIsCompleted(
					new DeliveryJournal(JdbcClient.create(dataSource), Clock.systemUTC()));
		}
		finally {
			JdbcClient.create(dataSource).sql("DROP SCHEMA " + schema + " CASCADE").update();
		}
	}

	private void aFileResumesAfterItsLastAcknowledgedLineUntilItIsCompleted(DeliveryJournal journal) {
		String file = "a".repeat(64);

		assertThat(journal.begin(file, "monday.csv")).isZero();
		journal.acknowledged(file, 11, 9, 1, List.of(new NotDelivered(4,
				List.of(new LineError(4, null, "rejected by the API")), "emp-4,2026-11-02,closed,8,")));
		journal.acknowledged(file, 21, 10, 0, List.of());

		// A run that crashed here is resumed by the next one after line 21, with the
		// rejection still known.
		assertThat(journal.begin(file, "monday.csv")).isEqualTo(21);
		assertThat(rejected(journal, file)).containsExactly(new NotDelivered(4,
				List.of(new LineError(4, null, "rejected by the API")), "emp-4,2026-11-02,closed,8,"));

		journal.completed(file);

		// The same content dropped again later starts over (the API answers duplicate for
		// what it holds).
		assertThat(journal.begin(file, "monday.csv")).isZero();
		assertThat(rejected(journal, file)).isEmpty();
		assertThat(journal.hasRejected(file)).isFalse();
	}

	private static List<NotDelivered> rejected(DeliveryJournal journal, String file) {
		return journal.rejected(file, (lines) -> {
			List<NotDelivered> all = new ArrayList<>();
			lines.forEachRemaining(all::add);
			return all;
		});
	}

	private static boolean reachable(String url) {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (Exception ex) {
			return false;
		}
	}

}
