package com.exampleco.timesheets.batch.inbox;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where entries arrive and where handled files go.
 *
 * @param dir the inbox folder; {@code processed/} and {@code failed/} are created inside
 * it
 * @param minAge a file modified more recently than this is left for the next run: a
 * producer that writes straight into the inbox instead of renaming a finished file into
 * it may still be writing, and a half-written last line can be a valid entry with the
 * wrong value ({@code 7} of {@code 7.5})
 */
@Validated
@ConfigurationProperties("batch.inbox")
public record InboxProperties(@NotNull @DefaultValue("./data/inbox") Path dir,
		@NotNull @DefaultValue("2s") Duration minAge) {

	public Path processedDir() {
		return this.dir.resolve("processed");
	}

	public Path failedDir() {
		return this.dir.resolve("failed");
	}

}
