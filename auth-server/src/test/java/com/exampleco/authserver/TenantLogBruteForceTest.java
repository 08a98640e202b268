package com.exampleco.authserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.exampleco.authserver.TestClients.POST_ONLY;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brute-force refusals get Auth0's types: {@code limit_wc} when one client is blocked at
 * an address, {@code limit_mu} when the address is; the failed guesses before them are
 * {@code feccft}. No guessed secret is stored.
 */
class TenantLogBruteForceTest {

	private static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:tenant-log-brute-force;DB_CLOSE_DELAY=-1",
				"--auth-server.client-authentication.limits.failures-per-client=2",
				"--auth-server.client-authentication.limits.failures-per-address=4");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aClientBlockedAtAnAddressIsLimitWcAndTheAddressBlockedIsLimitMu() {
		for (int i = 0; i < 2; i++) {
			assertThat(guess(POST_ONLY.clientId(), "guess-" + i).status()).isEqualTo(401);
		}
		assertThat(guess(POST_ONLY.clientId(), POST_ONLY.secret()).status()).isEqualTo(429);
		for (int i = 2; i < 4; i++) {
			assertThat(guess("no-such-client", "guess-" + i).status()).isEqualTo(401);
		}
		assertThat(guess("another-unknown", "guess-x").status()).isEqualTo(429);

		JdbcTemplate jdbc = new JdbcTemplate(server.context().getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(10)).until(() -> types(jdbc).size() == 6);
		assertThat(types(jdbc)).containsExactly("feccft", "feccft", "limit_wc", "feccft", "feccft", "limit_mu");
		Map<String, Object> blocked = jdbc.queryForMap("select * from tenant_log where type = 'limit_wc'");
		assertThat(blocked).containsEntry("CLIENT_ID", POST_ONLY.clientId());
		assertThat((String) blocked.get("DETAILS")).contains("\"error\":\"too_many_requests\"")
			.contains("\"status\":429");
		String everything = jdbc.queryForList("select * from tenant_log").toString();
		assertThat(everything).doesNotContain("guess-").doesNotContain(POST_ONLY.secret());
	}

	private static List<String> types(JdbcTemplate jdbc) {
		return jdbc.queryForList("select type from tenant_log order by log_id", String.class);
	}

	private static TokenEndpointClient.Answer guess(String clientId, String secret) {
		return server.client()
			.token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret, "audience",
					TIMESHEETS);
	}

}
