package com.exampleco.authserver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Random, malformed, repeated and oversized parameters, bodies, headers, encodings and
 * paths against the token endpoint, over real sockets: whatever comes, the answer is a
 * client error or a token, in JSON, bounded, and never shows the server's insides. The
 * seed is fixed so that a failure replays the same requests on every machine.
 */
class TokenEndpointFuzzTest {

	/** The largest answer any token request may get (a token answer is about 1 KB). */
	private static final int MAX_ANSWER = 4_096;

	private static final int TRIES = 100;

	private static final long SEED = 0x7E57_F022L;

	private static final String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static RunningServer server;

	private static int port;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:fuzz-test;DB_CLOSE_DELAY=-1");
		port = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	/**
	 * One hostile request: what the client controls on the request line, in the headers
	 * and in the body.
	 */
	record FuzzRequest(String method, String target, String contentType, String authorization, String body,
			boolean chunked) {
	}

	@Test
	void everyAnswerIsABoundedJsonClientErrorOrAToken() {
		Gen<FuzzRequest> requests = methods()
			.zip(paths(), queries(), contentTypes(),
					(method, path, query, contentType) -> new FuzzRequest(method, path + query, contentType, "", "",
							false))
			.zip(authorizations(), bodies(), booleans().all(),
					(request, authorization, body, chunked) -> new FuzzRequest(request.method(), request.target(),
							request.contentType(), authorization, body, chunked));
		// A failing example is reported as it came, not shrunk: each shrink step would be
		// one more request.
		qt().withExamples(TRIES).withFixedSeed(SEED).withShrinkCycles(0).forAll(requests).checkAssert(request -> {
			RawHttp.Answer answer = RawHttp.exchange(port, "127.0.0.1", bytes(request));

			assertThat(answer.status()).as("status of %s", request).isBetween(200, 499);
			assertThat(answer.header("Content-Type")).as("content type of %s", request)
				.matches("application/(problem\\+)?json.*");
			assertThat(answer.body()).as("no insides shown").doesNotContain("Exception", "\tat ", "<html", "<HTML");
			assertThat(answer.body().length()).as("answer size").isLessThan(MAX_ANSWER);
		});
	}

	private static Gen<String> methods() {
		return Generate.frequency(Pair.of(8, Generate.constant("POST")),
				Pair.of(1, Generate.pick(List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"))));
	}

	private static Gen<String> paths() {
		return Generate.pick(List.of("/oauth/token", "/oauth2/token", "/oauth/%74oken", "/oauth/tok%65n",
				"/oauth2/%74oken", "/oauth/token;jsessionid=x", "//oauth/token", "/oauth/token/", "/oauth/./token",
				"/oauth/%2e/token", "/oauth/token%00", "/OAUTH/TOKEN"));
	}

	private static Gen<String> queries() {
		return Generate.oneOf(
				Generate.pick(List.of("", "?audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets", "?client_secret=x",
						"?client_id=import-job", "?%zz=1", "?a=1&a=2", "?grant_type=client_credentials")),
				formPairs().map(pairs -> "?" + pairs));
	}

	private static Gen<String> contentTypes() {
		return Generate.pick(List.of("application/x-www-form-urlencoded", "application/json",
				"application/json; charset=utf-8", "application/x-www-form-urlencoded; charset=ISO-8859-1",
				"text/plain", "multipart/form-data; boundary=x", "application/xml", "garbage/", ";;;", "*/*", ""));
	}

	private static Gen<String> bodies() {
		Gen<String> anyText = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 300);
		Gen<String> oversized = strings().betweenCodePoints('a', 'z')
			.ofLengthBetween(8_000, 12_000)
			.map(padding -> "grant_type=client_credentials&padding=" + padding);
		Gen<String> json = jsonNames().zip(jsonValues(), jsonNames(), jsonValues(), (n1, v1, n2,
				v2) -> "{\"grant_type\":\"client_credentials\",\"" + n1 + "\":" + v1 + ",\"" + n2 + "\":" + v2 + "}");
		Gen<String> brokenJson = Generate.pick(List.of("{", "[]", "null", "\"x\"", "{\"a\":", "{\"a\":1}}",
				"{\"grant_type\":[\"client_credentials\",\"client_credentials\"]}",
				"{\"a\":{\"b\":{\"c\":[[[[1]]]]}}}"));
		return Generate.oneOf(anyText, oversized, json, brokenJson, formPairs());
	}

	private static Gen<String> authorizations() {
		Gen<String> basic = strings().basicMultilingualPlaneAlphabet()
			.ofLengthBetween(0, 80)
			.map(pair -> "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
		Gen<String> printable = strings().betweenCodePoints(' ', '~').ofLengthBetween(0, 100);
		return Generate.oneOf(
				Generate.pick(List.of("", "Basic", "Basic !!!", "Basic Og==", "Bearer x",
						TokenEndpointClient.basic(TestClients.IMPORT_JOB.clientId(), TestClients.IMPORT_JOB.secret()))),
				basic, printable.map(value -> "Basic " + value));
	}

	private static Gen<String> formPairs() {
		Gen<String> names = Generate.oneOf(Generate
			.pick(List.of("grant_type", "client_id", "client_secret", "audience", "resource", "scope", "organization")),
				strings().betweenCodePoints('!', '~').ofLengthBetween(0, 20));
		Gen<String> values = Generate.oneOf(
				Generate.pick(List.of("client_credentials", "import-job", "%", "%zz", "%e2%82", "+", "a%0d%0ab")),
				strings().betweenCodePoints('!', '~').ofLengthBetween(0, 60));
		return lists().of(names.zip(values, (name, value) -> name + "=" + value))
			.ofSizeBetween(0, 8)
			.map(pairs -> String.join("&", pairs));
	}

	private static Gen<String> jsonNames() {
		return Generate.oneOf(Generate.pick(List.of("grant_type", "client_id", "audience", "scope")), alpha(10));
	}

	private static Gen<String> jsonValues() {
		return Generate.oneOf(alpha(20).map(s -> "\"" + s + "\""), Generate
			.pick(List.of("1", "true", "null", "[]", "[\"a\",\"b\"]", "{}", "[1]", "1e999", "\"\\u0000\"")));
	}

	private static Gen<String> alpha(int maxLength) {
		return lists().of(Generate.pick(ALPHA.chars().mapToObj(c -> String.valueOf((char) c)).toList()))
			.ofSizeBetween(0, maxLength)
			.map(letters -> letters.stream().collect(Collectors.joining()));
	}

	private static byte[] bytes(FuzzRequest fuzz) {
		byte[] bytes = fuzz.body().getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(
				fuzz.method() + " " + fuzz.target() + " HTTP/1.1\r\n" + "Host: localhost\r\nConnection: close\r\n");
		if (!fuzz.contentType().isEmpty()) {
			head.append("Content-Type: ").append(fuzz.contentType()).append("\r\n");
		}
		if (!fuzz.authorization().isEmpty()) {
			head.append("Authorization: ").append(fuzz.authorization()).append("\r\n");
		}
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		if (fuzz.chunked()) {
			head.append("Transfer-Encoding: chunked\r\n\r\n");
			request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
			for (int at = 0; at < bytes.length; at += 1_000) {
				int size = Math.min(1_000, bytes.length - at);
				request.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				request.write(bytes, at, size);
				request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		else {
			head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
			request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
			request.writeBytes(bytes);
		}
		return request.toByteArray();
	}

}
