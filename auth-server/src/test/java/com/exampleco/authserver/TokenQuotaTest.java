package com.exampleco.authserver;

import java.time.Instant;

import com.exampleco.authserver.TestClients.Credentials;
import com.exampleco.authserver.TokenEndpointClient.Answer;
import com.exampleco.authserver.quota.TokenQuota;
import com.exampleco.authserver.quota.TokenQuotaRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth0's fine-grained M2M token quotas, over real HTTP: per client and per organization,
 * per UTC hour and day, with Auth0's headers on every token response and its {@code 429}
 * once an enforced quota is spent. The clients and their quotas are those of
 * {@code application-quotas.yml}; the server's clock is moved by the tests, each of which
 * starts on a day of its own, so every test begins with fresh windows.
 */
class TokenQuotaTest {

	static final Credentials HOURLY = new Credentials("hourly", "PY2adlKh6wT5YFcnkK_m4GgEIkzsl5nzGv70RKMS_e4");
	static final Credentials DAILY = new Credentials("daily", "m-eafihKBaVgC15LG7roL32CdlCZBEglHs95ZUAAvJE");
	static final Credentials REPORTING = new Credentials("reporting", "w1216yP5lZbK0I2L3v5y5KzbeIBEAXmyC-GMrYbOqiw");
	static final Credentials DEFAULTED = new Credentials("defaulted", "B-nVFKOdpC_NEB6893rEvaZ3P4WH19ko1uOEfmJiaT0");
	static final Credentials MEMBER = new Credentials("member", "HnVHFO51E7LYh2ny8hDzH1Br-rY0FYKFbKcVFxH2TwU");

	private static RunningServer server;

	private static MovableClock clock;

	@BeforeAll
	static void start() {
		server = RunningServer.start(new String[] { "test", "quotas" }, new Class<?>[] { MovableClock.Config.class },
				"--spring.datasource.url=jdbc:h2:mem:quota-test;DB_CLOSE_DELAY=-1");
		clock = server.context().getBean(MovableClock.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aClientGetsItsHourlyQuotaThenA429WithRetryAfterUntilTheNextUtcHour() {
		clock.set(Instant.parse("2030-01-01T10:15:00Z"));

		assertThat(token(HOURLY).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=3;r=2;t=2700");
		assertThat(token(HOURLY).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=3;r=1;t=2700");
		Answer third = token(HOURLY);
		Answer fourth = token(HOURLY);

		assertThat(third.status()).isEqualTo(200);
		assertThat(third.header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=3;r=0;t=2700");
		assertThat(third.header("Auth0-Organization-Quota-Limit")).isNull();
		assertThat(fourth.status()).isEqualTo(429);
		assertThat(fourth.error()).isEqualTo("too_many_requests");
		assertThat(fourth.description()).isEqualTo("Client quota exceeded");
		assertThat(fourth.json()).doesNotContainKey("access_token");
		assertThat(fourth.header("Retry-After")).isEqualTo("2700");
		assertThat(fourth.header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=3;r=0;t=2700");
		assertThat(fourth.header("X-RateLimit-Limit")).isEqualTo("3");
		assertThat(fourth.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(fourth.header("X-RateLimit-Reset"))
			.isEqualTo(Long.toString(Instant.parse("2030-01-01T11:00:00Z").getEpochSecond()));
		assertThat(fourth.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void theHourlyQuotaResetsAtTheStartOfTheNextUtcHour() {
		clock.set(Instant.parse("2030-01-02T10:59:59.500Z"));
		for (int i = 0; i < 3; i++) {
			assertThat(token(HOURLY).status()).isEqualTo(200);
		}
		Answer refused = token(HOURLY);
		assertThat(refused.status()).isEqualTo(429);
		// Rounded up: a client that waits that long asks in the next hour.
		assertThat(refused.header("Retry-After")).isEqualTo("1");

		clock.set(Instant.parse("2030-01-02T11:00:00Z"));
		Answer nextHour = token(HOURLY);

		assertThat(nextHour.status()).isEqualTo(200);
		assertThat(nextHour.header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=3;r=2;t=3600");
	}

	@Test
	void aDailyQuotaHoldsAcrossHoursAndResetsAtMidnightUtc() {
		clock.set(Instant.parse("2030-01-03T09:00:00Z"));
		assertThat(token(DAILY).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_day;q=2;r=1;t=54000");
		clock.set(Instant.parse("2030-01-03T12:00:00Z"));
		assertThat(token(DAILY).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_day;q=2;r=0;t=43200");

		clock.set(Instant.parse("2030-01-03T14:00:00Z"));
		Answer refused = token(DAILY);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("36000");

		clock.set(Instant.parse("2030-01-04T00:00:00Z"));
		Answer nextDay = token(DAILY);
		assertThat(nextDay.status()).isEqualTo(200);
		assertThat(nextDay.header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_day;q=2;r=1;t=86400");
	}

	@Test
	void aQuotaNotEnforcedIssuesEveryTokenAndReportsNothingRemaining() {
		clock.set(Instant.parse("2030-01-05T10:00:00Z"));

		assertThat(token(REPORTING).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=2;r=1;t=3600");
		assertThat(token(REPORTING).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=2;r=0;t=3600");
		for (int i = 0; i < 3; i++) {
			Answer beyond = token(REPORTING);
			assertThat(beyond.status()).isEqualTo(200);
			assertThat(beyond.accessToken()).isNotBlank();
			assertThat(beyond.header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=2;r=0;t=3600");
		}
	}

	@Test
	void aClientWithoutAQuotaOfItsOwnFollowsTheTenantDefault() {
		clock.set(Instant.parse("2030-01-06T23:30:00Z"));

		assertThat(token(DEFAULTED).header("Auth0-Client-Quota-Limit"))
			.isEqualTo("b=per_hour;q=4;r=3;t=1800,b=per_day;q=100;r=99;t=1800");
		for (int i = 0; i < 3; i++) {
			assertThat(token(DEFAULTED).status()).isEqualTo(200);
		}
		Answer refused = token(DEFAULTED);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Auth0-Client-Quota-Limit"))
			.isEqualTo("b=per_hour;q=4;r=0;t=1800,b=per_day;q=100;r=96;t=1800");
	}

	@Test
	void aRequestNamingAnOrganizationCountsAgainstBothQuotasAndTheSpentOneRefuses() {
		clock.set(Instant.parse("2030-01-07T10:00:00Z"));

		Answer first = token(MEMBER, "organization", "small");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Auth0-Client-Quota-Limit"))
			.isEqualTo("b=per_hour;q=100;r=99;t=3600,b=per_day;q=1000;r=999;t=50400");
		assertThat(first.header("Auth0-Organization-Quota-Limit")).isEqualTo("b=per_hour;q=2;r=1;t=3600");
		assertThat(token(MEMBER, "organization", "org_small").status()).isEqualTo(200);

		Answer refused = token(MEMBER, "organization", "small");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.description()).isEqualTo("Organization quota exceeded");
		assertThat(refused.header("Auth0-Organization-Quota-Limit")).isEqualTo("b=per_hour;q=2;r=0;t=3600");
		// The refused request is not counted against the client.
		assertThat(refused.header("Auth0-Client-Quota-Limit"))
			.isEqualTo("b=per_hour;q=100;r=98;t=3600,b=per_day;q=1000;r=998;t=50400");
		assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("2");

		Answer withoutOrganization = token(MEMBER);
		assertThat(withoutOrganization.status()).isEqualTo(200);
		assertThat(withoutOrganization.header("Auth0-Organization-Quota-Limit")).isNull();
		assertThat(withoutOrganization.header("Auth0-Client-Quota-Limit")).startsWith("b=per_hour;q=100;r=97;");

		Answer otherOrganization = token(MEMBER, "organization", "free");
		assertThat(otherOrganization.status()).isEqualTo(200);
		assertThat(otherOrganization.header("Auth0-Organization-Quota-Limit"))
			.as("the tenant default for organizations")
			.isEqualTo("b=per_hour;q=5;r=4;t=3600");
	}

	@Test
	void aRefusedRequestIsNotCountedSoTheNextWindowStartsFull() {
		clock.set(Instant.parse("2030-01-08T10:00:00Z"));
		for (int i = 0; i < 10; i++) {
			token(HOURLY);
		}
		clock.set(Instant.parse("2030-01-08T11:00:00Z"));

		assertThat(token(HOURLY).header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=3;r=2;t=3600");
	}

	@Test
	void aQuotaChangedInTheStoreDecidesTheNextRequestOnThisInstance() {
		clock.set(Instant.parse("2030-01-09T10:00:00Z"));
		for (int i = 0; i < 3; i++) {
			assertThat(token(HOURLY).status()).isEqualTo(200);
		}
		assertThat(token(HOURLY).status()).isEqualTo(429);
		TokenQuotaRepository quotas = server.context().getBean(TokenQuotaRepository.class);

		quotas.saveForClient(HOURLY.clientId(), new TokenQuota(true, 5, null));
		try {
			// Past the second in which a full window is refused from memory.
			clock.set(Instant.parse("2030-01-09T10:00:02Z"));
			Answer raised = token(HOURLY);

			assertThat(raised.status()).as("the raised quota, not the one cached a moment ago").isEqualTo(200);
			assertThat(raised.header("Auth0-Client-Quota-Limit")).isEqualTo("b=per_hour;q=5;r=1;t=3598");
		}
		finally {
			quotas.saveForClient(HOURLY.clientId(), new TokenQuota(true, 3, null));
		}
	}

	private static Answer token(Credentials client, String... extra) {
		String[] form = new String[4 + extra.length];
		form[0] = "grant_type";
		form[1] = "client_credentials";
		form[2] = "audience";
		form[3] = TIMESHEETS;
		System.arraycopy(extra, 0, form, 4, extra.length);
		return server.client().tokenWithBasic(client, form);
	}

}
