package com.exampleco.timesheets.batch.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start with a DEMO value in effect unless the {@code demo} profile is active.
 * <p>
 * {@code application.yml} ships the client secret that the local authorization server
 * seeds for the import job, so that a plain run and {@code demo/run} need no setup;
 * {@code spring.profiles.default: demo} marks such a run. A deployment names its own
 * profile ({@code postgres}, {@code prod}), and there a shipped secret is a public one.
 * This runs once the configuration is loaded and before any bean exists, so a refused
 * start has sent nothing.
 * <p>
 * A value is DEMO when it equals the value {@code application.yml} ships for it, or when
 * it starts with {@code demo-}, the prefix every DEMO secret of this suite carries.
 */
public class DemoValueGuard implements EnvironmentPostProcessor, Ordered {

	static final String DEMO_PROFILE = "demo";

	static final String DEMO_PREFIX = "demo-";

	private static final String REGISTRATIONS = "spring.security.oauth2.client.registration";

	private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Za-z0-9_]+):(.*)}$", Pattern.DOTALL);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
			return;
		}
		PropertySource<?> shipped = shippedConfiguration();
		List<String> offenders = new ArrayList<>();
		Map<String, Registration> registrations = Binder.get(environment)
			.bind(REGISTRATIONS, Bindable.mapOf(String.class, Registration.class))
			.orElse(Map.of());
		for (String id : registrations.keySet()) {
			check(environment, shipped, REGISTRATIONS + "." + id + ".client-secret",
					"the secret the authorization server holds for this client", offenders);
		}
		check(environment, shipped, "spring.datasource.password", "your database's password", offenders);
		if (!offenders.isEmpty()) {
			throw new DemoValuesInEffectException(List.of(environment.getActiveProfiles()), offenders);
		}
	}

	/**
	 * Adds a line naming the property (and the variable that sets it) when it holds a
	 * DEMO value.
	 */
	private static void check(ConfigurableEnvironment environment, PropertySource<?> shipped, String property,
			String whatToSet, List<String> offenders) {
		String value = environment.getProperty(property);
		if (value == null || value.isEmpty()) {
			return;
		}
		Optional<Matcher> placeholder = Optional.ofNullable(shipped.getProperty(property))
			.map((raw) -> PLACEHOLDER.matcher(raw.toString()))
			.filter(Matcher::matches);
		String shippedDefault = placeholder.map((m) -> m.group(2)).orElse("");
		if (value.startsWith(DEMO_PREFIX) || (!shippedDefault.isEmpty() && value.equals(shippedDefault))) {
			// The name only, never the value: this line ends up in logs.
			String name = placeholder.map((m) -> m.group(1) + " (" + property + ")").orElse(property);
			offenders.add(name + " still holds the DEMO value; set it from the environment (" + whatToSet
					+ ", from your secret store)");
		}
	}

	/**
	 * The first document of the application.yml this jar ships: the defaults, with their
	 * placeholders unresolved.
	 */
	private static PropertySource<?> shippedConfiguration() {
		try {
			return new YamlPropertySourceLoader()
				.load("shipped", new ClassPathResource("application.yml", DemoValueGuard.class.getClassLoader()))
				.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the shipped application.yml", ex);
		}
	}

	/** After Boot has loaded every configuration file and settled the active profiles. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	record Registration(String clientId, String clientSecret) {
	}

}
