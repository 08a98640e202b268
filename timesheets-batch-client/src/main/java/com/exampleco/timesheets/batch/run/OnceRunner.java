package com.exampleco.timesheets.batch.run;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * One-shot mode ({@code --once}): process the inbox, print the summary, and leave the
 * exit status for the launcher: 0 when everything was delivered,
 * {@link ImportSummary#SOME_REJECTED} or {@link ImportSummary#SOME_UNDELIVERED}
 * otherwise.
 */
@Component
@ConditionalOnProperty(name = "batch.run.once", havingValue = "true")
public class OnceRunner implements ApplicationRunner, ExitCodeGenerator {

	private final ImportRun importRun;

	private final PrintStream out = System.out;

	private volatile int exitCode;

	public OnceRunner(ImportRun importRun) {
		this.importRun = importRun;
	}

	@Override
	public void run(ApplicationArguments args) {
		ImportSummary summary = this.importRun.run();
		this.out.println(summary.describe());
		this.exitCode = summary.exitCode();
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
