package com.exampleco.timesheets.batch.delivery;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.batch.inbox.TimesheetEntry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * One upload request to the Timesheets API, re-authenticated once when the API no longer
 * accepts the token.
 */
@Component
public class TimesheetsApi {

	private static final Logger logger = LoggerFactory.getLogger(TimesheetsApi.class);

	private static final ParameterizedTypeReference<List<UploadWire.ResultJson>> RESULTS = new ParameterizedTypeReference<>() {
	};

	private final RestClient restClient;

	private final DeliveryProperties properties;

	public TimesheetsApi(@Qualifier("timesheetsApiRestClient") RestClient restClient, DeliveryProperties properties) {
		this.restClient = restClient;
		this.properties = properties;
	}

	/**
	 * Uploads one chunk. A 401 means the API no longer accepts the cached token (revoked,
	 * signing key rotated, the API restarted with another issuer): the interceptor has
	 * dropped it, so one more call goes out with a new token. A second 401 is not a stale
	 * token but a configuration problem, and is thrown.
	 */
	public List<EntryResult> upload(List<TimesheetEntry> chunk) {
		try {
			return send(chunk);
		}
		catch (HttpClientErrorException.Unauthorized ex) {
			logger.info("The API refused the cached access token ({}); retrying once with a new token",
					ex.getResponseHeaders() != null ? ex.getResponseHeaders().getFirst("WWW-Authenticate") : "401");
			return send(chunk);
		}
	}

	private List<EntryResult> send(List<TimesheetEntry> chunk) {
		List<UploadWire.ResultJson> results = this.restClient.post()
			.uri(this.properties.uploadPath())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.body(UploadWire.request(chunk))
			.retrieve()
			.body(RESULTS);
		return UploadWire.results(chunk, results);
	}

}
