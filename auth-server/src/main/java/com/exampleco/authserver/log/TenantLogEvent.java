package com.exampleco.authserver.log;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One tenant log event in Auth0's log schema ({@code GET /api/v2/logs}): {@code date} in
 * ISO 8601 with milliseconds, the {@code type} code ({@link TenantLogTypes}), and what
 * the event is about. {@code details} holds JSON values only (maps, lists, strings,
 * numbers, booleans), never a secret nor a compact token.
 *
 * @param logId unique and ordered by time ({@link LogIds}); {@code null} until the writer
 * assigns it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "date", "type", "description", "client_id", "client_name", "ip", "user_agent", "hostname",
		"audience", "scope", "details", "log_id" })
public record TenantLogEvent(
		@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
				timezone = "UTC") Instant date,
		String type, String description, @JsonProperty("client_id") String clientId,
		@JsonProperty("client_name") String clientName, String ip, @JsonProperty("user_agent") String userAgent,
		String hostname, String audience, String scope, Map<String, Object> details,
		@JsonProperty("log_id") String logId) {

	/** A new event, its {@code log_id} to be assigned when it is written. */
	public static TenantLogEvent of(Instant date, String type, String description, String clientId, String clientName,
			String ip, String userAgent, String hostname, String audience, String scope, Map<String, Object> details) {
		return new TenantLogEvent(date, type, description, clientId, clientName, ip, userAgent, hostname, audience,
				scope, details, null);
	}

	TenantLogEvent withLogId(String id) {
		return new TenantLogEvent(date, type, description, clientId, clientName, ip, userAgent, hostname, audience,
				scope, details, id);
	}

	TenantLogEvent withClientName(String name) {
		return new TenantLogEvent(date, type, description, clientId, name, ip, userAgent, hostname, audience, scope,
				details, logId);
	}
}
