package com.exampleco.timesheets.batch.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.exampleco.timesheets.batch.TimesheetsBatchClientApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import job as an operator starts it: with no profile it is the demo and uses the
 * client secret it ships; with a deployment profile it refuses that secret, or any
 * {@code demo-} secret, naming the variable to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoValueGuardTests {

	static final String SHIPPED_SECRET = "demo-k34iIAVwsd-lDcZK2XZErDDmz51ke3RLeFqit1-ZA8M";

	@TempDir
	Path work;

	@Test
	void aProductionProfileWithTheShippedSecretRefusesToStartAndNamesTheVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("postgres")).isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageContaining("IMPORT_JOB_CLIENT_SECRET (spring.security.oauth2.client.registration"
					+ ".timesheets-import-job.client-secret) still holds the DEMO value");

		assertThat(output.getAll())
			.contains("APPLICATION FAILED TO START", "IMPORT_JOB_CLIENT_SECRET", "activate the demo profile")
			.as("no value and no stack trace in the report")
			.doesNotContain(SHIPPED_SECRET, "\tat ");
	}

	@Test
	void aSecretWithTheDemoPrefixAndADemoDatabasePasswordAreRefusedToo() {
		assertThatThrownBy(() -> start("prod", "--IMPORT_JOB_CLIENT_SECRET=demo-" + UUID.randomUUID(),
				"--spring.datasource.password=demo-postgres"))
			.isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageContaining("IMPORT_JOB_CLIENT_SECRET")
			.hasMessageContaining("spring.datasource.password");
	}

	@Test
	void theDemoProfileStartsWithTheShippedSecret() {
		try (ConfigurableApplicationContext context = start(null)) {
			assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("demo");
			assertThat(context.isRunning()).isTrue();
		}
		try (ConfigurableApplicationContext context = start("prod,demo")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void aProductionProfileWithARealSecretStarts() {
		try (ConfigurableApplicationContext context = start("prod",
				"--IMPORT_JOB_CLIENT_SECRET=" + UUID.randomUUID() + UUID.randomUUID())) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	/**
	 * The shipped configuration, its inbox and journal in a temporary folder, no
	 * schedule, on a free port.
	 */
	ConfigurableApplicationContext start(String profiles, String... arguments) {
		List<String> all = new ArrayList<>(
				List.of("--server.port=0", "--batch.run.cron=-", "--batch.inbox.dir=" + this.work.resolve("inbox"),
						"--spring.datasource.url=jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		if (profiles != null) {
			all.add("--spring.profiles.active=" + profiles);
		}
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(TimesheetsBatchClientApplication.class).run(all.toArray(String[]::new));
	}

}
