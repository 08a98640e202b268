package com.exampleco.timesheets.api.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.booleans;
import static org.quicktheories.generators.Generate.byteArrays;
import static org.quicktheories.generators.Generate.bytes;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.enumValues;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Given random, malformed, repeated and oversized request lines, paths, query parameters,
 * headers, bodies, content types and transfer encodings, with and without a valid access
 * token, sent over a real socket to the started application, every answer is a small
 * problem or JSON document: no 5xx, no stack trace, no HTML, no error answer over 64 KiB.
 * The application is the one the other integration tests share (Spring's test context
 * cache), so this property costs no startup of its own.
 * <p>
 * Each build draws new requests from a new seed; a failure reports the smallest failing
 * request it found and its seed, and
 * {@code ./mvnw -pl timesheets-api verify -Dtest=HostileRequestsTest -DQT_SEED=<seed>}
 * replays it.
 */
class HostileRequestsTest extends ApiIntegrationTest {

	private static final int TRIES = 150;

	/**
	 * Each shrink step is one more request: bounded, so that a failure costs seconds, not
	 * minutes.
	 */
	private static final int SHRINK_STEPS = 100;

	private static final int MAX_ERROR_ANSWER = 64 * 1024;

	/** A page of 100 entries of the largest size the API stores. */
	private static final int MAX_ANSWER = 256 * 1024;

	@Test
	void everyAnswerIsABoundedProblemOrDocument() {
		String token = tokens().client("hostile")
			.scope("create:timesheets read:timesheets delete:timesheets approve:timesheets batch:upload")
			.rs256();
		qt().withExamples(TRIES)
			.withShrinkCycles(SHRINK_STEPS)
			.forAll(requests())
			.checkAssert((request) -> answersWithABoundedProblemOrDocument(request, token));
	}

	private void answersWithABoundedProblemOrDocument(HostileRequest request, String token) {
		RawHttp.Answer answer = new RawHttp(this.port).exchange(request.head(token), request.body(),
				Duration.ofSeconds(30));

		String head = answer.head().toLowerCase(Locale.ROOT);
		assertThat(answer.ended()).as("answered: " + request).isTrue();
		assertThat(answer.status()).as("status of " + request + "\n" + answer.text()).isBetween(100, 499);
		assertThat(answer.text()).as(request.toString())
			.doesNotContainIgnoringCase("<html")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		int size = answer.text().getBytes(StandardCharsets.UTF_8).length;
		assertThat(size).as(request.toString()).isLessThan((answer.status() >= 400) ? MAX_ERROR_ANSWER : MAX_ANSWER);
		if (!answer.body().isEmpty() && !request.method().equals("HEAD")) {
			// application/json, or a JSON type by its RFC 6839 suffix: problem+json, the
			// actuator's vnd...+json
			assertThat(head).as(request + "\n" + answer.text())
				.containsPattern("(?m)^content-type: application/([a-z0-9.+-]+\\+)?json\\b");
		}
	}

	private static Gen<HostileRequest> requests() {
		Gen<String> methods = oneOf(pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")),
				strings().betweenCodePoints('A', 'Z').ofLengthBetween(1, 12));
		Gen<String> paths = oneOf(
				pick(List.of("/timesheets", "/timesheets/upload", "/timesheets/0190c4a5-8c6b-7000-8000-000000000000",
						"/approvals", "/approvals/0190c4a5-8c6b-7000-8000-000000000000", "/actuator/health",
						"/.well-known/oauth-protected-resource", "/v3/api-docs", "/error", "/", "/timesheets/",
						"//timesheets", "/timesheets/../approvals", "/timesheets;a=b/upload", "/timesheets/%2e%2e/x",
						"/timesheets/%2Fupload", "/time%73heets", "/timesheets/%00", "/timesheets/%0d%0aX:%20y",
						"/timesheets/%ff%fe", "/timesheets/%", "/timesheets/%zz", "/actuator/env",
						"/actuator/heapdump")),
				stringsOf("abcXYZ019-._~%/;:@!$&'()*+,=", 200).map((path) -> "/timesheets/" + path),
				range(1, 7000).map((n) -> "/timesheets/" + "a".repeat(n)));
		Gen<String> queries = oneOf(constant(""), lists()
			.of(pick(List.of("size=", "size=-1", "size=100000", "page=2147483648", "from=2026-02-30",
					"from=%2B5874898-01-01", "employee_id=%00", "project=a&project=b", "to=9999-12-31&from=0001-01-01",
					"employee_id=" + "e".repeat(3000), "%=%", "a=%zz", "x&&&&=", "access_token=abc")))
			.ofSizeBetween(0, 4)
			.map((parameters) -> String.join("&", parameters)));
		Gen<List<String>> headers = lists().of(pick(List.of("Idempotency-Key: k-1", "Idempotency-Key: k-1",
				"Idempotency-Key: " + "k".repeat(300), "Idempotency-Key: a b\u00e9", "Accept: text/html",
				"Accept: application/xml", "Accept: */*", "Accept: application/problem+json", "Accept: garbage/",
				"Accept-Encoding: gzip", "Content-Encoding: gzip", "Content-Encoding: identity",
				"Content-Encoding: br, gzip", "Authorization: Basic YTpi", "Authorization: Bearer",
				"Authorization: Bearer a.b.c", "Authorization: Bearer " + "x".repeat(6000),
				"Origin: http://evil.example", "X-Forwarded-For: 1.2.3.4", "Range: bytes=0-1", "If-None-Match: *",
				"Host: ", "Cookie: JSESSIONID=x", "X-Long: " + "v".repeat(7000), "Content-Language: de",
				"Expect: something")))
			.ofSizeBetween(0, 4);
		Gen<String> contentTypes = pick(List.of("", "application/json", "application/json; charset=utf-16",
				"application/json; charset=nonsense", "application/merge-patch+json",
				"application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "multipart/form-data",
				"text/plain", "application/xml", "application/octet-stream", "*/*", "garbage",
				"application/json, text/plain"));
		Gen<byte[]> bodies = oneOf(constant(new byte[0]), pick(List.of(
				"{\"employee_id\":\"E-1\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":7.5}",
				"{\"employee_id\":\"E-1\",\"employee_id\":\"E-2\"}", "{\"hours\":\"eight\",\"date\":20260202}",
				"[{\"idempotency_key\":\"k\",\"employee_id\":\"E-1\",\"date\":\"2026-11-02\",\"project\":\"p\",\"hours\":1}]",
				"[", "{", "null", "[]", "{}", "\"x\"", "1e999999", "[1,2,3]", "{\"notes\":\"\\u0000\"}", "a=1&b=2",
				"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nx\r\n--b--\r\n"))
			.map((text) -> text.getBytes(StandardCharsets.UTF_8)),
				range(1, 70_000).map((n) -> ("[" + "{\"hours\":\"x\",\"date\":[1]},".repeat(n / 25 + 1) + "{}]")
					.getBytes(StandardCharsets.UTF_8)),
				range(1, 3000).map((depth) -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8)),
				range(60_000, 120_000)
					.map((n) -> ("{\"notes\":\"" + "n".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8)),
				byteArrays(range(0, 2000), bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)));
		Gen<Framing> framings = enumValues(Framing.class);
		Gen<Boolean> authenticated = booleans();
		// QuickTheories combines at most five generators in one zip; drawing each part
		// from the same source is what its zip does, and keeps shrinking working on every
		// part.
		return (source) -> new HostileRequest(methods.generate(source), paths.generate(source),
				queries.generate(source), headers.generate(source), contentTypes.generate(source),
				bodies.generate(source), framings.generate(source), authenticated.generate(source));
	}

	/** Strings of up to {@code maxLength} characters taken from {@code alphabet}. */
	private static Gen<String> stringsOf(String alphabet, int maxLength) {
		List<Character> characters = alphabet.chars().mapToObj((c) -> (char) c).toList();
		return lists().of(pick(characters))
			.ofSizeBetween(0, maxLength)
			.map((chosen) -> chosen.stream().map(String::valueOf).collect(Collectors.joining()));
	}

	/** How the body is delimited on the wire. */
	enum Framing {

		CONTENT_LENGTH, CHUNKED, CHUNKED_AND_CONTENT_LENGTH, BROKEN_CHUNKS, GZIPPED

	}

	record HostileRequest(String method, String path, String query, List<String> headers, String contentType,
			byte[] payload, Framing framing, boolean authenticated) {

		String head(String token) {
			List<String> lines = new ArrayList<>();
			lines.add(this.method + " " + this.path + (this.query.isEmpty() ? "" : "?" + this.query) + " HTTP/1.1");
			lines.add("Host: localhost");
			if (this.authenticated) {
				lines.add("Authorization: Bearer " + token);
			}
			lines.addAll(this.headers);
			if (!this.contentType.isEmpty()) {
				lines.add("Content-Type: " + this.contentType);
			}
			switch (this.framing) {
				case CONTENT_LENGTH -> lines.add("Content-Length: " + this.payload.length);
				case CHUNKED, BROKEN_CHUNKS -> lines.add("Transfer-Encoding: chunked");
				case CHUNKED_AND_CONTENT_LENGTH -> {
					lines.add("Transfer-Encoding: chunked");
					lines.add("Content-Length: " + this.payload.length);
				}
				case GZIPPED -> {
					lines.add("Content-Encoding: gzip");
					lines.add("Content-Length: " + gzip(this.payload).length);
				}
			}
			lines.add("Connection: close");
			return String.join("\r\n", lines);
		}

		byte[] body() {
			return switch (this.framing) {
				case CONTENT_LENGTH -> this.payload;
				case CHUNKED, CHUNKED_AND_CONTENT_LENGTH -> chunked(this.payload, "");
				case BROKEN_CHUNKS -> chunked(this.payload, "zz\r\n");
				case GZIPPED -> gzip(this.payload);
			};
		}

		private static byte[] chunked(byte[] payload, String garbage) {
			ByteArrayOutputStream chunks = new ByteArrayOutputStream();
			for (int start = 0; start < payload.length; start += 4096) {
				int length = Math.min(4096, payload.length - start);
				chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				chunks.write(payload, start, length);
				chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			chunks.writeBytes((garbage + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			return chunks.toByteArray();
		}

		private static byte[] gzip(byte[] payload) {
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
				gzip.write(payload);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return compressed.toByteArray();
		}

		@Override
		public String toString() {
			String body = new String(this.payload, 0, Math.min(this.payload.length, 120), StandardCharsets.ISO_8859_1);
			return this.method + " " + abbreviate(this.path) + "?" + abbreviate(this.query) + " "
					+ this.headers.stream().map(HostileRequest::abbreviate).toList() + " [" + this.contentType + "] "
					+ this.framing + " " + this.payload.length + " bytes "
					+ (this.authenticated ? "with token " : "without token ") + abbreviate(body);
		}

		private static String abbreviate(String text) {
			return (text.length() > 120) ? text.substring(0, 120) + "...(" + text.length() + ")" : text;
		}

	}

}
