package com.exampleco.timesheets.batch.demo;

import java.util.List;

/**
 * The service was started outside the demo profile with DEMO values in effect. Names
 * them, never their values.
 */
public class DemoValuesInEffectException extends IllegalStateException {

	private final List<String> activeProfiles;

	private final List<String> offenders;

	DemoValuesInEffectException(List<String> activeProfiles, List<String> offenders) {
		super("DEMO values in effect outside the demo profile (active profiles " + activeProfiles + "): "
				+ String.join("; ", offenders));
		this.activeProfiles = List.copyOf(activeProfiles);
		this.offenders = List.copyOf(offenders);
	}

	public List<String> activeProfiles() {
		return this.activeProfiles;
	}

	public List<String> offenders() {
		return this.offenders;
	}

}
