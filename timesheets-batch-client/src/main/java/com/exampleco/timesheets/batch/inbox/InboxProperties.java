package com.exampleco.timesheets.batch.inbox;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where entries arrive and where handled files go.
 *
 * @param dir the inbox folder; {@code processed/} and {@code failed/} are created inside it
 */
@Validated
@ConfigurationProperties("batch.inbox")
public record InboxProperties(@NotNull @DefaultValue("./data/inbox") Path dir) {

	public Path processedDir() {
		return this.dir.resolve("processed");
	}

	public Path failedDir() {
		return this.dir.resolve("failed");
	}

}
