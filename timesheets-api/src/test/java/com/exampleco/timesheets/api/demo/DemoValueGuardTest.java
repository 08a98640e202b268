package com.exampleco.timesheets.api.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.exampleco.timesheets.api.TimesheetsApiApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API as an operator starts it: the DEMO database password of the compose setup is
 * accepted by the demo (no profile, or {@code postgres,demo}) and refused, by name, under
 * any other profile.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoValueGuardTest {

	static final String DEMO_PASSWORD = "demo-postgres";

	@Test
	void aProductionProfileWithTheDemoDatabasePasswordRefusesToStartAndNamesTheVariable(CapturedOutput output) {
		assertThatThrownBy(() -> start("prod", DEMO_PASSWORD)).isInstanceOf(DemoValuesInEffectException.class)
			.hasMessageContaining("SPRING_DATASOURCE_PASSWORD (spring.datasource.password) still holds a DEMO value")
			.hasMessageNotContaining(DEMO_PASSWORD);

		assertThat(output.getAll())
			.contains("APPLICATION FAILED TO START", "SPRING_DATASOURCE_PASSWORD", "activate the demo profile")
			.as("no value and no stack trace in the report")
			.doesNotContain(DEMO_PASSWORD, "\tat ");
	}

	@Test
	void theDemoProfileStartsWithTheDemoDatabasePassword() {
		try (ConfigurableApplicationContext context = start(null, DEMO_PASSWORD)) {
			assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("demo");
			assertThat(context.isRunning()).isTrue();
		}
		try (ConfigurableApplicationContext context = start("prod,demo", DEMO_PASSWORD)) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void aProductionProfileWithARealPasswordStarts() {
		try (ConfigurableApplicationContext context = start("prod", UUID.randomUUID().toString())) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	/**
	 * The shipped configuration on a new in-memory database created with
	 * {@code password}, on a free port.
	 */
	static ConfigurableApplicationContext start(String profiles, String password) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--spring.datasource.password=" + password));
		if (profiles != null) {
			arguments.add("--spring.profiles.active=" + profiles);
		}
		return new SpringApplicationBuilder(TimesheetsApiApplication.class).run(arguments.toArray(String[]::new));
	}

}
