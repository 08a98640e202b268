package com.exampleco.timesheets.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.exampleco.timesheets.batch.run.ImportSummary;
import com.exampleco.timesheets.batch.run.OneShotMode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Timesheets import job. Scheduled by default; with {@code --once} it processes the
 * inbox, prints a summary and exits with a status that says whether anything failed.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TimesheetsBatchClientApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TimesheetsBatchClientApplication.class);
		OneShotMode oneShotMode = new OneShotMode();
		application.addListeners(oneShotMode);
		ConfigurableApplicationContext context;
		try {
			context = application.run(withOnceAsProperty(args));
		}
		catch (RuntimeException ex) {
			// Boot has logged why. The JVM's own status for it would be 1, which the
			// summary's contract reserves for data to fix.
			if (oneShotMode.requested()) {
				System.exit(ImportSummary.COULD_NOT_RUN);
			}
			throw ex;
		}
		if (OneShotMode.isOnce(context.getEnvironment())) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * {@code --once} is shorthand for {@code --batch.run.once=true}; {@link OneShotMode}
	 * does the rest.
	 */
	static String[] withOnceAsProperty(String[] args) {
		List<String> arguments = new ArrayList<>(Arrays.asList(args));
		if (arguments.remove("--once") | arguments.remove("--batch.run.once")) {
			arguments.add("--batch.run.once=true");
		}
		return arguments.toArray(String[]::new);
	}

}
