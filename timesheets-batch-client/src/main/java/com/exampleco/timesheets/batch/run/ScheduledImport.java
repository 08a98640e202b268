package com.exampleco.timesheets.batch.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Scheduled mode: the inbox is processed on {@code batch.run.cron} for as long as the
 * application runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "batch.run.once", havingValue = "false", matchIfMissing = true)
public class ScheduledImport {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledImport.class);

	private final ImportRun importRun;

	public ScheduledImport(ImportRun importRun) {
		this.importRun = importRun;
	}

	@Scheduled(cron = "${batch.run.cron:0 * * * * *}")
	public void processInbox() {
		ImportSummary summary = this.importRun.run();
		if (summary.files() > 0) {
			logger.info("{}", summary.describe());
		}
	}

}
