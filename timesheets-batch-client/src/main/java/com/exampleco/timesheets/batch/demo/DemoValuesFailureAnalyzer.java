package com.exampleco.timesheets.batch.demo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints the refusal as Boot's "APPLICATION FAILED TO START" report: what to set, and no
 * stack trace.
 */
class DemoValuesFailureAnalyzer extends AbstractFailureAnalyzer<DemoValuesInEffectException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DemoValuesInEffectException cause) {
		String description = "The active profiles " + cause.activeProfiles() + " do not include '"
				+ DemoValueGuard.DEMO_PROFILE + "', and DEMO values are in effect:\n  - "
				+ String.join("\n  - ", cause.offenders());
		String action = "Set each variable above from your secret store, or, to run with DEMO values on purpose, "
				+ "activate the demo profile as well (e.g. SPRING_PROFILES_ACTIVE=postgres,demo).";
		return new FailureAnalysis(description, action, cause);
	}

}
