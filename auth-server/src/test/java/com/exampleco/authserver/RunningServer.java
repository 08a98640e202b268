package com.exampleco.authserver;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An auth-server started by a test with its own arguments (a database file, a key, a log
 * level), on a free port, and stopped when the test closes it.
 */
record RunningServer(ConfigurableApplicationContext context, TokenEndpointClient client) implements AutoCloseable {

	static RunningServer start(String[] profiles, String... arguments) {
		return start(profiles, new Class<?>[0], arguments);
	}

	/** With {@code extraSources}: test configuration added to the application's own. */
	static RunningServer start(String[] profiles, Class<?>[] extraSources, String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServerApplication.class)
			.sources(extraSources)
			.profiles(profiles)
			.run(all);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		return new RunningServer(context, new TokenEndpointClient(port));
	}

	static RunningServer start(String... arguments) {
		return start(new String[] { "test" }, arguments);
	}

	String url(String path) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path;
	}

	@Override
	public void close() {
		context.close();
	}
}
