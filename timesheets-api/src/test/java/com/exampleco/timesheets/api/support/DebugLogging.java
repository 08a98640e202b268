package com.exampleco.timesheets.api.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Turns the named loggers up to DEBUG for each test and back to their configured level
 * after it, so that a test of what reaches the log sees the most the API and the
 * frameworks would ever write.
 */
public final class DebugLogging implements BeforeEachCallback, AfterEachCallback {

	private final List<String> loggers;

	public DebugLogging(String... loggers) {
		this.loggers = List.of(loggers);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		setLevel(context, LogLevel.DEBUG);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		setLevel(context, null);
	}

	private void setLevel(ExtensionContext context, LogLevel level) {
		LoggingSystem logging = LoggingSystem.get(context.getRequiredTestClass().getClassLoader());
		for (String logger : this.loggers) {
			logging.setLogLevel(logger, level);
		}
	}

}
