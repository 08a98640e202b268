package com.exampleco.timesheets.api.timesheet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the timesheet endpoints.
 *
 * @param upload limits of {@code POST /timesheets/upload}
 * @param page paging of the list endpoints
 * @param maxBodyBytes the largest body of any other request (one entry is a few kilobytes
 * at most); a larger one is refused with 413 before it is parsed
 */
@Validated
@ConfigurationProperties("timesheets.api")
public record TimesheetsProperties(@DefaultValue @Valid Upload upload, @DefaultValue @Valid Page page,
		@DefaultValue("64KB") @NotNull DataSize maxBodyBytes) {

	/**
	 * @param maxEntries the most entries one upload may carry; a larger upload is refused
	 * with 413
	 * @param maxBytes the largest upload body read; a larger one is refused with 413
	 * before it is parsed
	 */
	public record Upload(@DefaultValue("1000") @Min(1) @Max(100_000) int maxEntries,
			@DefaultValue("2MB") @NotNull DataSize maxBytes) {
	}

	/**
	 * @param defaultSize the page size when a request names none
	 * @param maxSize the largest page size a request may ask for
	 */
	public record Page(@DefaultValue("20") @Min(1) int defaultSize,
			@DefaultValue("100") @Min(1) @Max(10_000) int maxSize) {
	}

}
