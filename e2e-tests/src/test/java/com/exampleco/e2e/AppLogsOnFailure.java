package com.exampleco.e2e;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

import com.exampleco.e2e.process.ManagedApp;

/**
 * On a failed test, or a failed start, prints the end of each application's log: the
 * first thing anyone reads when a cross-process test fails on a CI machine they cannot
 * log in to.
 */
public final class AppLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

	private static final int LINES = 80;

	private final Supplier<List<ManagedApp>> apps;

	public AppLogsOnFailure(Supplier<List<ManagedApp>> apps) {
		this.apps = apps;
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		print(context.getDisplayName());
	}

	@Override
	public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
			throws Throwable {
		print("starting " + context.getDisplayName());
		throw throwable;
	}

	private void print(String what) {
		List<ManagedApp> current;
		try {
			current = this.apps.get();
		}
		catch (RuntimeException ex) {
			return;
		}
		if (current == null) {
			return;
		}
		StringBuilder report = new StringBuilder("\n===== " + what + " failed; application logs follow =====\n");
		for (ManagedApp app : current) {
			report.append(app.logTail(LINES)).append('\n');
		}
		System.err.println(report);
	}

}
