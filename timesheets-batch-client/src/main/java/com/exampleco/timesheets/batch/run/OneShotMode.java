package com.exampleco.timesheets.batch.run;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides one-shot mode from the environment once it is complete, so that {@code --once},
 * {@code batch.run.once=true} in a configuration file, {@code -Dbatch.run.once=true} and
 * {@code BATCH_RUN_ONCE=true} all behave the same. A one-shot run serves no HTTP (it must
 * not fail because the scheduled instance holds the port, and it must exit instead of
 * serving actuator forever): Boot reads {@code spring.main.web-application-type} from the
 * environment right after this event. The flag is also written back as plain
 * {@code true}/{@code false}, so that the conditions on {@link OnceRunner} and
 * {@link ScheduledImport} agree with it for any spelling Spring accepts as a boolean
 * ({@code TRUE}, {@code yes}, {@code 1}).
 */
public class OneShotMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String PROPERTY = "batch.run.once";

	private volatile boolean requested;

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		boolean once = isOnce(environment);
		this.requested = once;
		Map<String, Object> resolved = once ? Map.of(PROPERTY, "true", "spring.main.web-application-type", "none")
				: Map.of(PROPERTY, "false");
		environment.getPropertySources().addFirst(new MapPropertySource("oneShotMode", resolved));
	}

	/**
	 * Whether this start asked for one-shot mode, known even when the start then fails.
	 */
	public boolean requested() {
		return this.requested;
	}

	/**
	 * Whether the environment asks for one-shot mode; a value that is not a boolean fails
	 * the start.
	 */
	public static boolean isOnce(Environment environment) {
		Boolean once = environment.getProperty(PROPERTY, Boolean.class);
		return Boolean.TRUE.equals(once);
	}

}
