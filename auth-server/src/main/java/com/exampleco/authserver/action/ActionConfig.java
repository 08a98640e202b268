package com.exampleco.authserver.action;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.ObjectMapper;

/**
 * Binds the configured Actions: loads each JavaScript file into the sandbox (one engine
 * for all, created only when a script is bound) or looks up each Java bean, in the
 * configured order.
 */
@Configuration(proxyBeanMethods = false)
class ActionConfig {

	/** Auth0's limit on the size of an Action's code. */
	static final int MAX_SCRIPT_BYTES = 100 * 1024;

	private static final Logger log = LoggerFactory.getLogger(ActionConfig.class);

	@Bean
	ActionRunner actionRunner(ActionProperties properties, BeanFactory beans, ResourceLoader resources,
			ObjectMapper json, Clock clock) {
		List<ActionProperties.Binding> bindings = properties.enabled()
				? properties.credentialsExchange().stream().filter(ActionProperties.Binding::enabled).toList()
				: List.of();
		Set<String> names = new HashSet<>();
		ActionSandbox sandbox = null;
		List<ActionRunner.Bound> bound = new ArrayList<>();
		int poolSize = properties.poolSize() > 0 ? properties.poolSize()
				: 2 * Runtime.getRuntime().availableProcessors();
		try {
			for (ActionProperties.Binding binding : bindings) {
				if (!names.add(binding.name())) {
					throw new IllegalStateException("Two Actions are named '" + binding.name() + "'");
				}
				if ((binding.script() == null) == (binding.bean() == null)) {
					throw new IllegalStateException("Action '" + binding.name() + "' needs either a script or a "
							+ "bean (auth-server.actions.credentials-exchange)");
				}
				binding.secrets().keySet().stream().filter(key -> key.length() > 128).findAny().ifPresent(key -> {
					throw new IllegalStateException(
							"Action '" + binding.name() + "' has a secret name longer " + "than 128 characters");
				});
				CredentialsExchangeAction action;
				if (binding.script() != null) {
					if (sandbox == null) {
						sandbox = new ActionSandbox(properties.timeout(), properties.maxMemory());
					}
					action = new JavaScriptAction(binding.name(), script(resources, binding), sandbox, json, poolSize);
				}
				else {
					action = beans.getBean(binding.bean(), CredentialsExchangeAction.class);
				}
				bound.add(new ActionRunner.Bound(binding.name(), action, binding.secrets(), new ActionCache(clock)));
			}
		}
		catch (RuntimeException e) {
			bound.forEach(b -> {
				if (b.action() instanceof JavaScriptAction js) {
					js.close();
				}
			});
			if (sandbox != null) {
				sandbox.close();
			}
			throw e;
		}
		if (!bound.isEmpty()) {
			log.info("Actions bound to credentials-exchange, in order: {} (time limit {} ms, memory {} MB)",
					bound.stream().map(ActionRunner.Bound::name).toList(), properties.timeout().toMillis(),
					properties.maxMemory().toMegabytes());
		}
		return new ActionRunner(bound, properties.tenant(), json, sandbox);
	}

	/**
	 * Once the server is ready, warms the JavaScript Actions up on a background thread:
	 * the first tens of thousands of executions run while the JIT compiles GraalJS's
	 * interpreter, at several times the CPU of a warm one.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> actionWarmUp(ActionRunner runner, ActionProperties properties,
			Clock clock) {
		return event -> {
			if (properties.warmUpExecutions() > 0 && runner.hasJavaScript()) {
				Thread thread = new Thread(() -> {
					try {
						runner.warmUp(properties.warmUpExecutions(), clock);
					}
					catch (RuntimeException e) {
						// The server is shutting down (the engine closed under the
						// warm-up): nothing to warm any more.
						log.debug("Action warm-up ended early", e);
					}
				}, "action-warm-up");
				thread.setDaemon(true);
				thread.setPriority(Thread.MIN_PRIORITY);
				thread.start();
			}
		};
	}

	private static String script(ResourceLoader resources, ActionProperties.Binding binding) {
		String location = binding.script();
		Resource resource = location.startsWith("classpath:") || location.startsWith("file:")
				? resources.getResource(location) : new FileSystemResource(location);
		try (InputStream in = resource.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_SCRIPT_BYTES + 1);
			if (bytes.length > MAX_SCRIPT_BYTES) {
				throw new IllegalStateException("Action '" + binding.name() + "' is larger than 100 kB");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Action '" + binding.name() + "': cannot read " + location, e);
		}
	}

}
