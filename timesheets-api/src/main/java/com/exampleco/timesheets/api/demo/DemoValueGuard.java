package com.exampleco.timesheets.api.demo;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start with a DEMO value in effect unless the {@code demo} profile is active.
 * <p>
 * The API ships no secret of its own (it validates tokens against the authorization
 * server's public keys), but the database password that the compose setup and the
 * documentation hand out is a DEMO value, and it carries the {@code demo-} prefix of
 * every DEMO secret in this suite. A deployment names its own profile ({@code postgres},
 * {@code prod}); {@code spring.profiles.default: demo} marks a plain run. This runs once
 * the configuration is loaded and before any bean exists, so a refused start has not
 * touched the database.
 */
public class DemoValueGuard implements EnvironmentPostProcessor, Ordered {

	static final String DEMO_PROFILE = "demo";

	static final String DEMO_PREFIX = "demo-";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
			return;
		}
		List<String> offenders = new ArrayList<>();
		String password = environment.getProperty("spring.datasource.password", "");
		if (password.startsWith(DEMO_PREFIX)) {
			// The name only, never the value: this line ends up in logs.
			offenders.add("SPRING_DATASOURCE_PASSWORD (spring.datasource.password) still holds a DEMO value; set it "
					+ "from the environment (your database's password, from your secret store)");
		}
		if (!offenders.isEmpty()) {
			throw new DemoValuesInEffectException(List.of(environment.getActiveProfiles()), offenders);
		}
	}

	/** After Boot has loaded every configuration file and settled the active profiles. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
