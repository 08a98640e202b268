package com.exampleco.timesheets.batch.events;

import java.text.ParseException;
import java.time.Duration;

import com.nimbusds.jwt.JWTParser;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.exampleco.timesheets.batch.run.ImportSummary;

/**
 * What the import job tells the flow page (Server-Sent Events at {@code GET /events},
 * scope {@code read:events}): its runs, files, chunks, retries and tokens. Each method
 * does nothing while nobody listens but remember the current token's {@code jti}, so that
 * a watcher who connects later still sees which token a chunk used.
 */
@Component
public class RunEvents {

	/**
	 * A handful of watchers (the flow page, a learner's curl); each holds a thread and a
	 * queue.
	 */
	static final int MAX_SUBSCRIBERS = 4;

	/** Events a watcher may fall behind before it is cut off. */
	static final int BUFFER_SIZE = 1024;

	static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(30);

	private final EventBroadcaster broadcaster = new EventBroadcaster("run", MAX_SUBSCRIBERS, BUFFER_SIZE,
			CONNECTION_LIFETIME);

	private volatile String currentJti;

	/**
	 * A stand-in for code that runs without the Spring context (unit tests): reports
	 * nothing.
	 */
	public static RunEvents none() {
		return new RunEvents();
	}

	SseEmitter subscribe() {
		return this.broadcaster.subscribe();
	}

	public void runStarted(int files) {
		publish(RunEvent.of("run_started").detail(files + " file(s) in the inbox"));
	}

	public void runFinished(ImportSummary summary) {
		if (listening()) {
			publish(RunEvent.of("run_finished")
				.jti(this.currentJti)
				.detail(summary.files() + " file(s), " + summary.created() + " created, " + summary.duplicates()
						+ " duplicate(s), " + summary.rejected() + " rejected, " + summary.tokenRequests()
						+ " token request(s), " + summary.retries() + " retried upload(s)"));
		}
	}

	public void filePicked(String file) {
		publish(RunEvent.of("file_picked").file(file));
	}

	public void fileDelivered(String file, int entries) {
		publish(RunEvent.of("file_delivered").file(file).entries(entries));
	}

	public void fileFailed(String file, String reason) {
		publish(RunEvent.of("file_failed").file(file).reason(reason));
	}

	public void chunkSent(String file, int firstLine, int entries) {
		publish(RunEvent.of("chunk_sent").file(file).chunk(firstLine, entries).jti(this.currentJti));
	}

	public void chunkAccepted(String file, int firstLine, int entries, int created, int duplicates, int rejected) {
		if (listening()) {
			publish(RunEvent.of("chunk_accepted")
				.file(file)
				.chunk(firstLine, entries)
				.jti(this.currentJti)
				.detail(created + " created, " + duplicates + " duplicate(s), " + rejected + " rejected"));
		}
	}

	public void chunkRetried(int firstLine, int entries, int attempt, String reason) {
		publish(RunEvent.of("chunk_retried").chunk(firstLine, entries).attempt(attempt).reason(reason));
	}

	public void chunkFailed(String file, int firstLine, String reason) {
		publish(RunEvent.of("chunk_failed").file(file).chunk(firstLine, 0).reason(reason));
	}

	/**
	 * A token obtained from the authorization server. Its {@code jti} is read without
	 * verifying the signature: this is the job's own token, just received over the
	 * connection it trusts, and the {@code jti} only names it.
	 */
	public void tokenObtained(String accessToken, String scope, long expiresIn) {
		this.currentJti = jti(accessToken);
		publish(RunEvent.of("token_obtained")
			.jti(this.currentJti)
			.detail("scope " + scope + ", expires in " + expiresIn + " s; cached and reused until shortly before"));
	}

	public void tokenFailed(String error) {
		publish(RunEvent.of("token_failed").reason(error));
	}

	private boolean listening() {
		return this.broadcaster.listening();
	}

	private void publish(RunEvent event) {
		if (listening()) {
			this.broadcaster.publish(event);
		}
	}

	private static String jti(String accessToken) {
		try {
			return JWTParser.parse(accessToken).getJWTClaimsSet().getJWTID();
		}
		catch (ParseException | RuntimeException ex) {
			// An opaque token: nothing names it but itself, which is never reported.
			return null;
		}
	}

}
