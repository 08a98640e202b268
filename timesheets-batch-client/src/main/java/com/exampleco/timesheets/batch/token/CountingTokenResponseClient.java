package com.exampleco.timesheets.batch.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import com.exampleco.timesheets.batch.events.RunEvents;

/**
 * Counts and logs every request to the token endpoint: the number that proves the token
 * cache works ("one token request per token lifetime"). It logs the outcome, lifetime and
 * scope, never the token or the client secret.
 */
public class CountingTokenResponseClient
		implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private static final Logger logger = LoggerFactory.getLogger(CountingTokenResponseClient.class);

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate;

	private final AtomicLong requests = new AtomicLong();

	private final Counter fetched;

	private final Counter failed;

	private final Clock clock;

	private final RunEvents events;

	public CountingTokenResponseClient(OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate,
			MeterRegistry meters, Clock clock, RunEvents events) {
		this.delegate = delegate;
		this.clock = clock;
		this.events = events;
		this.fetched = Counter.builder("batch.tokens.fetched")
			.description("Access tokens obtained from the authorization server")
			.register(meters);
		this.failed = Counter.builder("batch.tokens.failed")
			.description("Token requests the authorization server refused or did not answer")
			.register(meters);
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
		this.requests.incrementAndGet();
		String clientId = request.getClientRegistration().getClientId();
		try {
			OAuth2AccessTokenResponse response = this.delegate.getTokenResponse(request);
			this.fetched.increment();
			OAuth2AccessToken token = response.getAccessToken();
			logger.info("Obtained an access token for client {} (scope [{}], expires in {}s)", clientId,
					String.join(" ", token.getScopes()), secondsUntil(token.getExpiresAt()));
			this.events.tokenObtained(token.getTokenValue(), String.join(" ", token.getScopes()),
					secondsUntil(token.getExpiresAt()));
			return response;
		}
		catch (OAuth2AuthorizationException ex) {
			this.failed.increment();
			logger.warn("Token request for client {} failed: {} {}", clientId, ex.getError().getErrorCode(),
					(ex.getError().getDescription() != null) ? ex.getError().getDescription() : "");
			this.events.tokenFailed(ex.getError().getErrorCode()
					+ ((ex.getError().getDescription() != null) ? ": " + ex.getError().getDescription() : ""));
			throw ex;
		}
	}

	/** Token requests made since the application started, successful or not. */
	public long requestsMade() {
		return this.requests.get();
	}

	private long secondsUntil(Instant instant) {
		return (instant != null) ? Math.max(0, Duration.between(this.clock.instant(), instant).toSeconds()) : -1;
	}

}
