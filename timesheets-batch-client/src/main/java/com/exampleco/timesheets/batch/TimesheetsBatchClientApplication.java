package com.exampleco.timesheets.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Timesheets import job. Scheduled by default; with {@code --once} it processes the inbox, prints a summary and
 * exits with a status that says whether anything failed.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TimesheetsBatchClientApplication {

	public static void main(String[] args) {
		boolean once = isOnce(args);
		SpringApplication application = new SpringApplication(TimesheetsBatchClientApplication.class);
		List<String> arguments = new ArrayList<>(Arrays.asList(args));
		if (once) {
			// A one-shot run serves no HTTP: it must not fail because the scheduled instance holds the port.
			application.setWebApplicationType(WebApplicationType.NONE);
			arguments.remove("--once");
			arguments.add("--batch.run.once=true");
		}
		ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
		if (once) {
			System.exit(SpringApplication.exit(context));
		}
	}

	static boolean isOnce(String[] args) {
		for (String arg : args) {
			if (arg.equals("--once") || arg.equals("--batch.run.once=true") || arg.equals("--batch.run.once")) {
				return true;
			}
		}
		return "true".equalsIgnoreCase(System.getenv("BATCH_RUN_ONCE"))
				|| "true".equalsIgnoreCase(System.getProperty("batch.run.once"));
	}

}
