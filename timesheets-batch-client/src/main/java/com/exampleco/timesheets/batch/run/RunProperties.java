package com.exampleco.timesheets.batch.run;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the job runs.
 *
 * @param cron when the scheduled mode processes the inbox (Spring cron, seconds first;
 * {@code -} disables it)
 * @param once process the inbox once, print a summary and exit (also {@code --once} on
 * the command line)
 * @param progress show a progress line: {@code auto} (only on a terminal), {@code always}
 * or {@code never}
 */
@Validated
@ConfigurationProperties("batch.run")
public record RunProperties(@NotBlank @DefaultValue("0 * * * * *") String cron, @DefaultValue("false") boolean once,
		@NotNull @DefaultValue("auto") Progress progress) {

	public enum Progress {

		AUTO, ALWAYS, NEVER

	}

}
