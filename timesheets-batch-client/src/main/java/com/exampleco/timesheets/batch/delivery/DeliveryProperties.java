package com.exampleco.timesheets.batch.delivery;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where entries go, in chunks of how many, and how many chunks at once.
 *
 * @param apiUrl the Timesheets API's base URL
 * @param uploadPath the batch upload endpoint
 * @param chunkSize entries per upload request; the API refuses more than 1000 in one
 * request (413)
 * @param concurrency upload requests in flight at once; 1 keeps the API's entries in file
 * order, more overlaps the network and the API's work (a crash then resends the chunks
 * out ahead of the journal, which the API answers as duplicates: see
 * {@link UploadWindow})
 * @param connectTimeout connect timeout towards the API
 * @param readTimeout read timeout towards the API (one chunk)
 * @see com.exampleco.timesheets.batch.retry.RetryProperties retries of one chunk
 * ({@code batch.delivery.retry})
 */
@Validated
@ConfigurationProperties("batch.delivery")
public record DeliveryProperties(@NotNull @DefaultValue("http://localhost:8080") URI apiUrl,
		@NotBlank @DefaultValue("/timesheets/upload") String uploadPath,
		@Min(1) @Max(1000) @DefaultValue("500") int chunkSize, @Min(1) @Max(32) @DefaultValue("4") int concurrency,
		@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("60s") Duration readTimeout) {
}
