package com.exampleco.timesheets.batch.delivery;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.batch.events.RunEvents;
import com.exampleco.timesheets.batch.inbox.IdempotencyKey;
import com.exampleco.timesheets.batch.inbox.TimesheetEntry;
import com.exampleco.timesheets.batch.retry.RetryProperties;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload step of a file: answers come back in the order the chunks were sent,
 * whatever order the API answers in, and the first failure in that order ends the file's
 * uploads.
 */
class UploadWindowTests {

	final List<Integer> received = Collections.synchronizedList(new ArrayList<>());

	@Test
	void answersComeBackInFileOrderWhenTheFirstChunkIsAnsweredLast() {
		CountDownLatch laterChunksAnswered = new CountDownLatch(2);
		ChunkDelivery delivery = delivery((chunk) -> {
			if (line(chunk) == 1) {
				await(laterChunksAnswered);
			}
			else {
				laterChunksAnswered.countDown();
			}
		});

		try (UploadWindow window = new UploadWindow(delivery, 3, 3)) {
			List<ChunkUpload> answers = new ArrayList<>();
			answers.addAll(window.send(chunk(1)));
			answers.addAll(window.send(chunk(2)));
			answers.addAll(window.send(chunk(3)));
			answers.addAll(window.drain());

			assertThat(answers).extracting((answer) -> line(answer.chunk())).containsExactly(1, 2, 3);
			assertThat(answers).allSatisfy((answer) -> assertThat(answer).isInstanceOf(ChunkUpload.Answered.class));
			assertThat(window.failed()).isFalse();
		}
	}

	@Test
	void theFirstFailureEndsTheFileAndNoChunkAfterItIsSent() {
		ChunkDelivery delivery = delivery((chunk) -> {
			if (line(chunk) == 2) {
				throw HttpClientErrorException.create(HttpStatus.FORBIDDEN, "", null, null, StandardCharsets.UTF_8);
			}
		});

		try (UploadWindow window = new UploadWindow(delivery, 1, 2)) {
			List<ChunkUpload> answers = new ArrayList<>();
			for (int line = 1; line <= 4; line++) {
				answers.addAll(window.send(chunk(line)));
			}
			answers.addAll(window.drain());

			assertThat(answers).extracting((answer) -> line(answer.chunk())).containsExactly(1, 2);
			assertThat(answers.get(0)).isInstanceOf(ChunkUpload.Answered.class);
			assertThat(answers.get(1)).isInstanceOfSatisfying(ChunkUpload.Failed.class,
					(failed) -> assertThat(failed.failure()).isInstanceOf(HttpClientErrorException.Forbidden.class));
			assertThat(window.failed()).isTrue();
			assertThat(this.received).containsExactly(1, 2);
		}
	}

	/**
	 * A ChunkDelivery over an API that runs {@code behaviour} for each upload, then
	 * creates every entry.
	 */
	private ChunkDelivery delivery(Consumer<List<TimesheetEntry>> behaviour) {
		TimesheetsApi api = new TimesheetsApi(null, null) {

			@Override
			public List<EntryResult> upload(List<TimesheetEntry> chunk) {
				UploadWindowTests.this.received.add(line(chunk));
				behaviour.accept(chunk);
				return chunk.stream()
					.map((entry) -> new EntryResult(entry, EntryResult.Status.CREATED, null, List.of()))
					.toList();
			}

		};
		RetryProperties noRetries = new RetryProperties(1, Duration.ofMillis(1), Duration.ofMillis(1), 2.0, 0.0,
				Duration.ofSeconds(1));
		return new ChunkDelivery(api, noRetries, Clock.systemUTC(), RunEvents.none());
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A chunk of one entry, on the given line. */
	private static List<TimesheetEntry> chunk(int line) {
		return List.of(new TimesheetEntry(IdempotencyKey.of("f".repeat(64), line), line, "emp-" + line,
				LocalDate.of(2026, 11, 2), "apollo", new BigDecimal("8"), null));
	}

	private static int line(List<TimesheetEntry> chunk) {
		return chunk.get(0).line();
	}

}
