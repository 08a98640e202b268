package com.exampleco.spike;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;
import org.springframework.batch.infrastructure.item.file.transform.FieldSet;
import org.springframework.batch.infrastructure.item.support.SynchronizedItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Issue 23's spike: the batch client's job (read the inbox CSV, validate, upload chunks of
 * 500 with one cached client-credentials token, record progress) as one Spring Batch 6
 * chunk-oriented step, to measure against the hand-written pipeline. Not production
 * code: one file, the bench's CSV only, no failed/ reports.
 */
@SpringBootApplication
public class SpringBatchSpikeApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(SpringBatchSpikeApplication.class, args)));
	}

	/** One CSV record with its physical line number (the header is line 1). */
	record Row(int line, FieldSet fields) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EntryJson(@JsonProperty("idempotency_key") String idempotencyKey,
			@JsonProperty("employee_id") String employeeId, @JsonProperty("date") LocalDate date,
			@JsonProperty("project") String project, @JsonProperty("hours") BigDecimal hours,
			@JsonProperty("notes") String notes) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ResultJson(@JsonProperty("idempotency_key") String idempotencyKey,
			@JsonProperty("status") String status) {
	}

	/** What the API answered, added up over the run (the writer may run on several threads). */
	record Tally(AtomicLong created, AtomicLong duplicate, AtomicLong rejected, AtomicLong invalid,
			AtomicLong tokenRequests) {
		Tally() {
			this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
		}
	}

	@Bean
	Tally tally() {
		return new Tally();
	}

	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients, @Value("${spike.audience}") String audience,
			Tally tally) {
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(RestClient.builder()
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		client.setParametersCustomizer((parameters) -> parameters.set("audience", audience));
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> counting = (request) -> {
			tally.tokenRequests().incrementAndGet();
			return client.getTokenResponse(request);
		};
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.accessTokenResponseClient(counting))
			.build());
		// One caller at a time, as the batch client's SingleFlightAuthorizedClientManager:
		// the threads of a multi-threaded step would otherwise each fetch a token at start.
		Object lock = new Object();
		return (request) -> {
			synchronized (lock) {
				return manager.authorize(request);
			}
		};
	}

	@Bean
	RestClient api(RestClient.Builder builder, OAuth2AuthorizedClientManager manager,
			@Value("${spike.api-url}") String apiUrl) {
		OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(manager);
		bearer.setClientRegistrationIdResolver((request) -> "timesheets-import-job");
		return builder.baseUrl(apiUrl).requestInterceptor(bearer).build();
	}

	@Bean
	FlatFileItemReader<Row> reader(@Value("${spike.file}") String file) {
		DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();
		tokenizer.setNames("employee_id", "date", "project", "hours", "notes");
		FlatFileItemReader<Row> reader = new FlatFileItemReader<>((line, lineNumber) -> new Row(lineNumber,
				tokenizer.tokenize(line)));
		reader.setName("inbox");
		reader.setResource(new FileSystemResource(file));
		reader.setLinesToSkip(1);
		return reader;
	}

	/**
	 * Validation as the batch client's EntryValidator (same rules), and the idempotency key
	 * as its IdempotencyKey: SHA-256(SHA-256(file) ":" line). An invalid line is filtered
	 * (counted), not sent.
	 */
	@Bean
	ItemProcessor<Row, EntryJson> validator(@Value("${spike.file}") String file,
			@Value("${spike.key-salt}") String salt, Tally tally) throws IOException {
		String fileHash = sha256Hex(Path.of(file)) + salt;
		return (row) -> {
			EntryJson entry = validate(row, fileHash);
			if (entry == null) {
				tally.invalid().incrementAndGet();
			}
			return entry;
		};
	}

	static EntryJson validate(Row row, String fileHash) {
		FieldSet f = row.fields();
		String employee = f.readString("employee_id");
		String project = f.readString("project");
		String notes = f.readString("notes");
		if (employee.isBlank() || employee.length() > 64 || project.isBlank() || project.length() > 128
				|| notes.length() > 1000) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(f.readString("date"));
			BigDecimal hours = new BigDecimal(f.readString("hours"));
			if (hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(24)) > 0
					|| hours.stripTrailingZeros().scale() > 2) {
				return null;
			}
			String key = HexFormat.of()
				.formatHex(sha256().digest((fileHash + ":" + row.line()).getBytes(StandardCharsets.UTF_8)));
			return new EntryJson(key, employee, date, project, hours, notes.isEmpty() ? null : notes);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			return null;
		}
	}

	/** Uploads one chunk; 5xx, 429 and connection errors are thrown for the step's retry. */
	@Bean
	ItemWriter<EntryJson> uploader(RestClient api, Tally tally) {
		ParameterizedTypeReference<List<ResultJson>> results = new ParameterizedTypeReference<>() {
		};
		return (Chunk<? extends EntryJson> chunk) -> {
			List<ResultJson> answer = api.post()
				.uri("/timesheets/upload")
				.contentType(MediaType.APPLICATION_JSON)
				.body(chunk.getItems())
				.retrieve()
				.body(results);
			if (answer == null || answer.size() != chunk.size()) {
				throw new IllegalStateException("The API did not answer one result per entry");
			}
			for (ResultJson result : answer) {
				switch (String.valueOf(result.status())) {
					case "created" -> tally.created().incrementAndGet();
					case "duplicate" -> tally.duplicate().incrementAndGet();
					default -> tally.rejected().incrementAndGet();
				}
			}
		};
	}

	@Bean
	Step upload(JobRepository jobs, PlatformTransactionManager transactions, FlatFileItemReader<Row> reader,
			ItemProcessor<Row, EntryJson> validator, ItemWriter<EntryJson> uploader,
			@Value("${spike.chunk-size}") int chunkSize, @Value("${spike.threads}") int threads) {
		if (threads <= 1) {
			// Spring Batch 6's chunk-oriented step, with its fault tolerance for transient
			// failures (Spring Framework 7's retry: fixed backoff, no Retry-After).
			return new StepBuilder("upload", jobs).<Row, EntryJson>chunk(chunkSize)
				.transactionManager(transactions)
				.reader(reader)
				.processor(validator)
				.writer(uploader)
				.faultTolerant()
				.retry(HttpServerErrorException.class, HttpClientErrorException.TooManyRequests.class,
						ResourceAccessException.class)
				.retryLimit(5)
				.build();
		}
		// The multi-threaded step: n threads each read (synchronized), process and write
		// their own chunk; the reader's saved position is no longer a restart point.
		SynchronizedItemStreamReader<Row> shared = new SynchronizedItemStreamReader<>(reader);
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("upload-");
		executor.setConcurrencyLimit(threads);
		return new StepBuilder("upload", jobs).<Row, EntryJson>chunk(chunkSize, transactions)
			.reader(shared)
			.processor(validator)
			.writer(uploader)
			.taskExecutor(executor)
			.build();
	}

	@Bean
	Job importJob(JobRepository jobs, Step upload) {
		return new JobBuilder("import", jobs).start(upload).build();
	}

	/** Runs the job once and prints a summary in the batch client's words, for the bench. */
	@Bean
	ApplicationRunner runJob(JobOperator operator, Job importJob, Tally tally,
			@Value("${spike.threads}") int threads) {
		return (args) -> {
			long started = System.nanoTime();
			JobExecution execution = operator.start(importJob,
					new JobParametersBuilder().addLong("run", System.currentTimeMillis()).toJobParameters());
			double seconds = (System.nanoTime() - started) / 1e9;
			long sent = tally.created().get() + tally.duplicate().get();
			StepExecution step = execution.getStepExecutions().iterator().next();
			System.out.printf("Spring Batch spike summary (threads %d)%n", threads);
			System.out.printf("  status            %s%n", execution.getStatus());
			System.out.printf("  entries sent      %d (%d created, %d duplicates skipped)%n", sent,
					tally.created().get(), tally.duplicate().get());
			System.out.printf("  failures          %d invalid, %d rejected%n", tally.invalid().get(),
					tally.rejected().get());
			System.out.printf("  commits           %d (rollbacks %d)%n", step.getCommitCount(), step.getRollbackCount());
			System.out.printf("  token requests    %d%n", tally.tokenRequests().get());
			System.out.printf("  elapsed           %.1f s (%,d entries/s)%n", seconds, Math.round(sent / seconds));
		};
	}

	static String sha256Hex(Path file) throws IOException {
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
