package com.exampleco.authserver.demo;

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
 * {@code application.yml} ships working values for every secret so that a plain run,
 * {@code demo/run} and the tests need no setup; {@code spring.profiles.default: demo}
 * marks such a run. A deployment names its own profile ({@code postgres}, {@code prod}),
 * and then a shipped secret would be a known secret: anyone who read this repository
 * could compute valid client secret hashes with the public pepper, decrypt the signing
 * keys with the public key-encryption key, or get tokens with a public client secret.
 * This runs once the configuration is loaded and before any bean exists, so a refused
 * start has touched no database.
 * <p>
 * A value is DEMO when it equals the value {@code application.yml} ships for it, or when
 * it starts with {@code demo-}, the prefix every shipped secret carries (so a DEMO secret
 * copied into an environment variable is caught too).
 */
public class DemoValueGuard implements EnvironmentPostProcessor, Ordered {

	static final String DEMO_PROFILE = "demo";
	static final String DEMO_PREFIX = "demo-";

	private static final String GENERATE = "openssl rand -base64 32";

	private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Za-z0-9_]+):(.*)}$", Pattern.DOTALL);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
			return;
		}
		PropertySource<?> shipped = shippedConfiguration();
		List<String> offenders = new ArrayList<>();
		check(environment, shipped, "auth-server.client-secrets.pepper", GENERATE, offenders);
		check(environment, shipped, "auth-server.signing-keys.encryption-key", GENERATE, offenders);
		check(environment, shipped, "spring.datasource.password", "from your secret store", offenders);
		check(environment, shipped, "auth-server.management.client-secret", GENERATE, offenders);
		Binder binder = Binder.get(environment);
		if (binder.bind("auth-server.seed.enabled", Boolean.class).orElse(true)) {
			List<SeededClient> clients = binder.bind("auth-server.seed.clients", Bindable.listOf(SeededClient.class))
				.orElse(List.of());
			for (int i = 0; i < clients.size(); i++) {
				check(environment, shipped, "auth-server.seed.clients[" + i + "].secret", GENERATE, offenders);
			}
		}
		// Secrets of Actions (event.secrets): none ships, but one copied from the demo
		// keeps its demo- prefix.
		List<BoundAction> actions = binder
			.bind("auth-server.actions.credentials-exchange", Bindable.listOf(BoundAction.class))
			.orElse(List.of());
		for (int i = 0; i < actions.size(); i++) {
			Map<String, String> secrets = actions.get(i).secrets() == null ? Map.of() : actions.get(i).secrets();
			for (Map.Entry<String, String> secret : secrets.entrySet()) {
				if (secret.getValue() != null && secret.getValue().startsWith(DEMO_PREFIX)) {
					offenders.add("auth-server.actions.credentials-exchange[" + i + "].secrets." + secret.getKey()
							+ " still holds a DEMO value; set it from the environment");
				}
			}
		}
		if (!offenders.isEmpty()) {
			throw new DemoValuesInEffectException(List.of(environment.getActiveProfiles()), offenders);
		}
	}

	/**
	 * Adds a line naming the property (and the variable that sets it) when it holds a
	 * DEMO value.
	 */
	private static void check(ConfigurableEnvironment environment, PropertySource<?> shipped, String property,
			String howToGenerate, List<String> offenders) {
		String value = environment.getProperty(property);
		if (value == null || value.isEmpty()) {
			return;
		}
		Optional<Matcher> placeholder = Optional.ofNullable(shipped.getProperty(property))
			.map(raw -> PLACEHOLDER.matcher(raw.toString()))
			.filter(Matcher::matches);
		String shippedDefault = placeholder.map(m -> m.group(2)).orElse("");
		boolean demo = value.startsWith(DEMO_PREFIX) || (!shippedDefault.isEmpty() && value.equals(shippedDefault));
		if (demo) {
			// The name only, never the value: this line ends up in logs.
			String name = placeholder.map(m -> m.group(1) + " (" + property + ")").orElse(property);
			offenders.add(name + " still holds the DEMO value; set it from the environment (" + howToGenerate + ")");
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
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the shipped application.yml", e);
		}
	}

	/** After Boot has loaded every configuration file and settled the active profiles. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	record SeededClient(String clientId, String secret) {
	}

	record BoundAction(String name, Map<String, String> secrets) {
	}

}
