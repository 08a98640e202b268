package com.exampleco.timesheets.batch.retry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.exampleco.timesheets.batch.inbox.LogText;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Which failures are worth another attempt. Transient: the connection failed or timed
 * out, the server failed (5xx), or it asked us to slow down (429). Everything else (a
 * 4xx: bad request, forbidden, too large) would fail the same way again, and is reported
 * instead. The same holds for the token endpoint, whose failures reach us wrapped in an
 * {@link OAuth2AuthorizationException}. Shared by the API's uploads and the token
 * endpoint, so that both treat the same failure alike.
 */
public final class RetryDecision {

	private RetryDecision() {
	}

	public static boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RestClientResponseException response) {
				return isTransient(response.getStatusCode().value());
			}
			if (t instanceof ResourceAccessException || t instanceof IOException) {
				return true;
			}
			if (t instanceof OAuth2AuthorizationException oauth2) {
				String code = oauth2.getError().getErrorCode();
				if (OAuth2ErrorCodes.SERVER_ERROR.equals(code)
						|| OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(code)) {
					return true;
				}
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	static boolean isTransient(int status) {
		return status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value();
	}

	/**
	 * Whether the failure is the token endpoint's (the access token could not be
	 * obtained), not the API's.
	 */
	public static boolean fromTokenEndpoint(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof OAuth2AuthorizationException) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/**
	 * The backoff, or the server's {@code Retry-After} when it asks for longer: never
	 * sooner than asked.
	 */
	public static Duration delay(Duration backoff, Throwable failure, Clock clock) {
		return retryAfter(failure, clock).filter((serverAsked) -> serverAsked.compareTo(backoff) > 0).orElse(backoff);
	}

	/**
	 * The server's {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
	 */
	public static Optional<Duration> retryAfter(Throwable failure, Clock clock) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof RestClientResponseException response && response.getResponseHeaders() != null) {
				return parseRetryAfter(response.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return Optional.empty();
	}

	static Optional<Duration> parseRetryAfter(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String trimmed = value.strip();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration until = Duration.between(clock.instant(), at.toInstant());
				return Optional.of(until.isNegative() ? Duration.ZERO : until);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	/**
	 * A failure in one line for the log: what failed, and the root cause when it says
	 * more (ConnectException...). Escaped: a message may quote what the server answered,
	 * and a forged line break would forge a log line.
	 */
	public static String describe(Throwable failure) {
		if (failure == null) {
			return "no failure";
		}
		String message = failure.getMessage();
		if (message != null && message.length() > 300) {
			message = message.substring(0, 300) + "...";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String cause = (root != failure) ? " (cause: " + root.getClass().getSimpleName()
				+ ((root.getMessage() != null) ? ": " + root.getMessage() : "") + ")" : "";
		return LogText.of(failure.getClass().getSimpleName() + ": " + message + cause);
	}

}
