package com.exampleco.authserver.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.exampleco.authserver.AuthServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server as an operator starts it: with no profile it is the demo and accepts the
 * DEMO values it ships; with a deployment profile it refuses them, naming each variable,
 * and starts once real values are set.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoValueGuardTest {

	static final String PEPPER = "6kkh4ZWlq0bnKCiLn0sQxWGyv1zE9CkY3vFHb7yYd2Q=";
	static final String ENCRYPTION_KEY = "VxVYpd4kGuGhpVZMK7GOi8iYDT7m4wSy/32zibRYWHA=";
	static final String SHIPPED_PEPPER = "demo-pepper-diXqHQRRrjDV83WTRZ8GGsh-cOnWvVpnmny_KlwiMig";
	static final String SHIPPED_ENCRYPTION_KEY = "A/SX5Jp2xiUfuKr8MAG16QdQWT81UK2HD5KQgMYx2eE=";

	@Test
	void aProductionProfileWithTheShippedValuesRefusesToStartAndNamesEachVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("prod")).isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageContaining("AUTH_SERVER_SECRET_PEPPER (auth-server.client-secrets.pepper) still holds the "
					+ "DEMO value; set it from the environment (openssl rand -base64 32)")
			.hasMessageContaining("AUTH_SERVER_KEY_ENCRYPTION_KEY")
			.hasMessageContaining("IMPORT_JOB_CLIENT_SECRET")
			.hasMessageContaining("READER_CLIENT_SECRET")
			.hasMessageContaining("APPROVER_CLIENT_SECRET")
			.hasMessageContaining("LEGACY_EXPORT_CLIENT_SECRET")
			.hasMessageContaining("NO_GRANT_CLIENT_SECRET")
			.hasMessageContaining("MANAGEMENT_CLIENT_SECRET")
			.hasMessageContaining("FLOW_VIEWER_CLIENT_SECRET");

		assertThat(output.getAll())
			.contains("APPLICATION FAILED TO START", "AUTH_SERVER_SECRET_PEPPER", "activate the demo profile")
			.as("no value and no stack trace in the report")
			.doesNotContain(SHIPPED_PEPPER, SHIPPED_ENCRYPTION_KEY, "demo-k34iIAVwsd", "\tat ");
	}

	@Test
	void thePostgresProfileAloneIsNotTheDemo() {
		// Refused before any bean exists, so no PostgreSQL is needed to see it.
		assertThatThrownBy(() -> start("postgres", "--auth-server.client-secrets.pepper=" + PEPPER,
				"--auth-server.signing-keys.encryption-key=" + ENCRYPTION_KEY))
			.isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageNotContaining("AUTH_SERVER_SECRET_PEPPER")
			.hasMessageContaining("IMPORT_JOB_CLIENT_SECRET");
	}

	@Test
	void aSecretWithTheDemoPrefixIsADemoValueWhereverItIsSet() {
		assertThatThrownBy(() -> startWithRealValues("prod",
				"AUTH_SERVER_SECRET_PEPPER=demo-copied-from-the-readme-0123456789abcdefghij",
				"READER_CLIENT_SECRET=demo-" + randomSecret()))
			.isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageContaining("AUTH_SERVER_SECRET_PEPPER")
			.hasMessageContaining("READER_CLIENT_SECRET")
			.hasMessageNotContaining("IMPORT_JOB_CLIENT_SECRET")
			.hasMessageNotContaining("demo-copied-from-the-readme");
	}

	@Test
	void anActionSecretWithTheDemoPrefixIsADemoValue() {
		assertThatThrownBy(
				() -> startWithRealValues("prod", "auth-server.actions.credentials-exchange[0].name=cost-center",
						"auth-server.actions.credentials-exchange[0].script=classpath:actions/cost-center.js",
						"auth-server.actions.credentials-exchange[0].secrets.API_KEY=demo-copied-api-key-0123456789"))
			.isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageContaining("auth-server.actions.credentials-exchange[0].secrets.API_KEY")
			.hasMessageNotContaining("demo-copied-api-key");
	}

	@Test
	void theDemoProfileStartsWithTheShippedValues() {
		try (ConfigurableApplicationContext context = start(null)) {
			assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
			assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("demo");
		}
		try (ConfigurableApplicationContext context = start("postgres-less,demo")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void aProductionProfileWithRealValuesStarts() {
		try (ConfigurableApplicationContext context = startWithRealValues("prod")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	/**
	 * The shipped configuration, on a private in-memory database and a free port, under
	 * {@code profiles}.
	 */
	static ConfigurableApplicationContext start(String profiles, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		if (profiles != null) {
			all.add("--spring.profiles.active=" + profiles);
		}
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(AuthServerApplication.class).run(all.toArray(String[]::new));
	}

	/**
	 * Every DEMO value replaced, as a deployment sets them from its environment, then
	 * {@code overrides} applied.
	 */
	static ConfigurableApplicationContext startWithRealValues(String profiles, String... overrides) {
		// The variables application.yml reads, here as command line properties: the
		// placeholders resolve either.
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("AUTH_SERVER_SECRET_PEPPER", PEPPER);
		variables.put("AUTH_SERVER_KEY_ENCRYPTION_KEY", ENCRYPTION_KEY);
		for (String client : List.of("IMPORT_JOB", "READER", "APPROVER", "LEGACY_EXPORT", "NO_GRANT", "MANAGEMENT",
				"FLOW_VIEWER")) {
			variables.put(client + "_CLIENT_SECRET", randomSecret());
		}
		for (String override : overrides) {
			variables.put(override.substring(0, override.indexOf('=')), override.substring(override.indexOf('=') + 1));
		}
		return start(profiles,
				variables.entrySet()
					.stream()
					.map(variable -> "--" + variable.getKey() + "=" + variable.getValue())
					.toArray(String[]::new));
	}

	/**
	 * 64 hex digits and a few other characters: enough entropy for the server's secret
	 * policy.
	 */
	static String randomSecret() {
		return (UUID.randomUUID() + "" + UUID.randomUUID()).replace("-", "") + "X_";
	}

}
