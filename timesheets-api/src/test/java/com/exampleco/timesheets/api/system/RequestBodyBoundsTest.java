package com.exampleco.timesheets.api.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a body larger than the API accepts, whatever its method, content type or transfer
 * encoding, the answer is a 413 problem; given a body that no endpoint reads, the answer
 * does not wait for it; given a body that stops arriving, the connection does not stay
 * open for it.
 */
class RequestBodyBoundsTest extends ApiIntegrationTest {

	/**
	 * Longer than any answer takes on a loaded machine, shorter than the wait on a body
	 * that never comes.
	 */
	private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

	private static final byte[] OVERSIZED = "x".repeat(200 * 1024).getBytes(StandardCharsets.US_ASCII);

	private final String token = tokens()
		.scope("create:timesheets read:timesheets delete:timesheets approve:timesheets batch:upload")
		.rs256();

	private RawHttp raw;

	@BeforeEach
	void raw() {
		this.raw = new RawHttp(this.port);
	}

	@ParameterizedTest(name = "{0} {1} as {2}")
	@CsvSource({ "POST, /timesheets, application/json", "POST, /timesheets, application/x-www-form-urlencoded",
			"POST, /timesheets, multipart/form-data; boundary=b", "POST, /timesheets, text/plain",
			"POST, /timesheets, application/x-unknown", "PUT, /approvals/{id}, application/json",
			"PUT, /approvals/{id}, application/x-www-form-urlencoded",
			"PATCH, /timesheets/{id}, application/x-www-form-urlencoded",
			"DELETE, /timesheets/{id}, application/x-www-form-urlencoded", "DELETE, /timesheets/{id}, application/json",
			"GET, /timesheets, application/json", "POST, /timesheets/upload, application/x-www-form-urlencoded" })
	void aBodyOverTheLimitIsRefusedWith413WhateverItsMethodAndContentType(String method, String path,
			String contentType) {
		String target = path.replace("{id}", UUID.randomUUID().toString());

		RawHttp.Answer answer = this.raw.exchange(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + this.token + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
				+ OVERSIZED.length + "\r\nConnection: close", OVERSIZED, ANSWER_WAIT);

		assertThat(answer.status()).as(answer.text()).isEqualTo(413);
		assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer.body()).contains("\"status\":413").doesNotContain("Exception");
	}

	@ParameterizedTest(name = "{0} {1} as {2}, token: {3}")
	@CsvSource({ "PUT, /approvals/{id}, application/x-www-form-urlencoded, false, 401",
			"PATCH, /timesheets/{id}, application/x-www-form-urlencoded, false, 401",
			"DELETE, /timesheets/{id}, application/x-www-form-urlencoded, false, 401",
			"POST, /timesheets, multipart/form-data; boundary=b, true, 415",
			"POST, /timesheets, application/x-www-form-urlencoded, true, 415",
			"POST, /timesheets/upload, application/x-www-form-urlencoded, true, 415" })
	void aChunkedBodyThatNoEndpointReadsIsNotWaitedFor(String method, String path, String contentType,
			boolean withToken, int status) {
		String target = path.replace("{id}", UUID.randomUUID().toString());
		// One chunk, then nothing: a reader of this body would wait for the rest until
		// the connection times out.
		byte[] firstChunk = ("400\r\n" + "a".repeat(0x400) + "\r\n").getBytes(StandardCharsets.US_ASCII);

		RawHttp.Answer answer = this.raw.exchange(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
				+ (withToken ? "Authorization: Bearer " + this.token + "\r\n" : "") + "Content-Type: " + contentType
				+ "\r\nTransfer-Encoding: chunked", firstChunk, Duration.ofSeconds(5));

		assertThat(answer.ended()).as("answered before the body ended: " + answer.text()).isTrue();
		assertThat(answer.status()).as(answer.text()).isEqualTo(status);
		assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
	}

	@Test
	void aCompressedBodyIsRefusedWith415AsNothingHereDecompressesIt() throws Exception {
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write("{\"employee_id\":\"E-1\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":1}"
				.getBytes(StandardCharsets.UTF_8));
		}

		RawHttp.Answer answer = this.raw
			.exchange("POST /timesheets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.token
					+ "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
					+ gzipped.size() + "\r\nConnection: close", gzipped.toByteArray(), ANSWER_WAIT);

		assertThat(answer.status()).as(answer.text()).isEqualTo(415);
		assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json")
			.containsIgnoringCase("Accept-Encoding: identity");
	}

	@Test
	void aBodyThatStopsArrivingDoesNotHoldTheConnection() {
		// Content-Length promises 1000 bytes; 10 arrive. Tomcat's connection timeout ends
		// the wait, not the client.
		RawHttp.Answer answer = this.raw.exchange(
				"POST /timesheets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.token
						+ "\r\nContent-Type: application/json\r\nContent-Length: 1000",
				"{\"employee".getBytes(StandardCharsets.US_ASCII), ANSWER_WAIT);

		assertThat(answer.ended()).as("the server gave up on the body: " + answer.text()).isTrue();
	}

}
