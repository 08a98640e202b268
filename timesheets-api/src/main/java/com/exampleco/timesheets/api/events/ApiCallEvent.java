package com.exampleco.timesheets.api.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One call to this API as the flow page shows it: what was asked, with which token, and
 * the verdict. Never the token itself; the claims named here come from a token whose
 * signature verified.
 *
 * @param date when the answer was complete
 * @param method the HTTP method
 * @param path the endpoint's template ({@code /timesheets/{id}}) where one matched, else
 * the path, shortened
 * @param status the answer's status
 * @param verdict {@code ok}, {@code no_token}, {@code invalid_token},
 * {@code insufficient_scope}, {@code unavailable} or {@code problem} (a 4xx/5xx answer to
 * a request with a valid token)
 * @param reason the precise reason of a refusal ({@code expired}, {@code wrong_audience},
 * {@code bad_signature}, {@code unknown_key}...) or the problem's title
 * @param description a sentence for a learner: why, and what the client should change
 * @param scopeNeeded the scope the endpoint needs
 * @param clientId the verified token's client ({@code azp})
 * @param scope the verified token's scopes
 * @param jti the verified token's identifier, which links the call to the token request
 * that issued it
 * @param orgId the verified token's organization
 * @param durationMs how long the answer took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiCallEvent(Instant date, String method, String path, int status, String verdict, String reason,
		String description, @JsonProperty("scope_needed") String scopeNeeded,
		@JsonProperty("client_id") String clientId, String scope, String jti, @JsonProperty("org_id") String orgId,
		@JsonProperty("duration_ms") long durationMs) {

	/** Event type on the stream, also in the data so that a merged stream keeps it. */
	@JsonProperty("type")
	public String type() {
		return "api_call";
	}

}
