package com.exampleco.authserver.token;

import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many token requests run at once, and how long the others may wait for their turn.
 *
 * @param maxConcurrent token requests processed at the same time; {@code 0} means twice
 * the available processors. Issuing a token is mostly an RSA signature, pure CPU work:
 * more requests at once than cores only make the operating system switch between them,
 * and each answer later.
 * @param maxWait how long a request may queue for its turn before it is answered
 * {@code 503} with {@code Retry-After}, so that an overloaded server sheds load instead
 * of letting every client time out; 2 seconds when not set.
 */
@Validated
@ConfigurationProperties("auth-server.token.admission")
public record TokenAdmissionProperties(@PositiveOrZero int maxConcurrent, Duration maxWait) {

	public TokenAdmissionProperties {
		if (maxWait == null) {
			maxWait = Duration.ofSeconds(2);
		}
	}

	int permits() {
		return maxConcurrent > 0 ? maxConcurrent : 2 * Runtime.getRuntime().availableProcessors();
	}
}
