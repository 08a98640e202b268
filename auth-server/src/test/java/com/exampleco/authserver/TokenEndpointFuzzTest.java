package com.exampleco.authserver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, malformed, repeated and oversized parameters, bodies, headers, encodings and paths against the token
 * endpoint, over real sockets: whatever comes, the answer is a client error or a token, in JSON, bounded, and never
 * shows the server's insides.
 */
class TokenEndpointFuzzTest {

    /** The largest answer any token request may get (a token answer is about 1 KB). */
    private static final int MAX_ANSWER = 4_096;

    private static RunningServer server;
    private static int port;

    @BeforeContainer
    static void start() {
        server = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:fuzz-test;DB_CLOSE_DELAY=-1");
        port = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 100)
    void everyAnswerIsABoundedJsonClientErrorOrAToken(@ForAll("methods") String method, @ForAll("paths") String path,
                                                      @ForAll("queries") String query,
                                                      @ForAll("contentTypes") String contentType,
                                                      @ForAll("bodies") String body,
                                                      @ForAll("authorizations") String authorization,
                                                      @ForAll boolean chunked) {
        RawHttp.Answer answer = RawHttp.exchange(port, "127.0.0.1",
                request(method, path + query, contentType, authorization, body, chunked));

        assertThat(answer.status()).as("status").isBetween(200, 499);
        assertThat(answer.header("Content-Type")).as("content type")
                .matches("application/(problem\\+)?json.*");
        assertThat(answer.body()).as("no insides shown").doesNotContain("Exception", "\tat ", "<html", "<HTML");
        assertThat(answer.body().length()).as("answer size").isLessThan(MAX_ANSWER);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("POST")),
                Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/oauth/token", "/oauth2/token", "/oauth/%74oken", "/oauth/tok%65n", "/oauth2/%74oken",
                "/oauth/token;jsessionid=x", "//oauth/token", "/oauth/token/", "/oauth/./token", "/oauth/%2e/token",
                "/oauth/token%00", "/OAUTH/TOKEN");
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.oneOf(Arbitraries.of("", "?audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets",
                        "?client_secret=x", "?client_id=import-job", "?%zz=1", "?a=1&a=2",
                        "?grant_type=client_credentials"),
                formPairs().map(pairs -> "?" + pairs));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/x-www-form-urlencoded", "application/json",
                "application/json; charset=utf-8", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                "text/plain", "multipart/form-data; boundary=x", "application/xml", "garbage/", ";;;", "");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> oversized = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(8_000)
                .ofMaxLength(12_000).map(padding -> "grant_type=client_credentials&padding=" + padding);
        Arbitrary<String> json = Combinators.combine(jsonNames(), jsonValues(), jsonNames(), jsonValues())
                .as((n1, v1, n2, v2) -> "{\"grant_type\":\"client_credentials\",\"" + n1 + "\":" + v1 + ",\"" + n2
                        + "\":" + v2 + "}");
        Arbitrary<String> brokenJson = Arbitraries.of("{", "[]", "null", "\"x\"", "{\"a\":", "{\"a\":1}}",
                "{\"grant_type\":[\"client_credentials\",\"client_credentials\"]}",
                "{\"a\":{\"b\":{\"c\":[[[[1]]]]}}}");
        return Arbitraries.oneOf(anyText, oversized, json, brokenJson, formPairs());
    }

    @Provide
    Arbitrary<String> authorizations() {
        Arbitrary<String> basic = Arbitraries.strings().ofMaxLength(80)
                .map(pair -> "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100);
        return Arbitraries.oneOf(Arbitraries.of("", "Basic", "Basic !!!", "Basic Og==", "Bearer x",
                        TokenEndpointClient.basic(TestClients.IMPORT_JOB.clientId(), TestClients.IMPORT_JOB.secret())),
                basic, printable.map(value -> "Basic " + value));
    }

    private static Arbitrary<String> formPairs() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("grant_type", "client_id", "client_secret",
                "audience", "resource", "scope", "organization"), Arbitraries.strings().withCharRange('!', '~')
                .ofMaxLength(20));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("client_credentials", "import-job", "%", "%zz",
                "%e2%82", "+", "a%0d%0ab"), Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60));
        return Combinators.combine(names, values).as((name, value) -> name + "=" + value).list().ofMaxSize(8)
                .map(pairs -> String.join("&", pairs));
    }

    private static Arbitrary<String> jsonNames() {
        return Arbitraries.oneOf(Arbitraries.of("grant_type", "client_id", "audience", "scope"),
                Arbitraries.strings().alpha().ofMaxLength(10));
    }

    private static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(20).map(s -> "\"" + s + "\""),
                Arbitraries.of("1", "true", "null", "[]", "[\"a\",\"b\"]", "{}", "[1]", "1e999", "\"\\u0000\""));
    }

    private static byte[] request(String method, String target, String contentType, String authorization,
                                  String body, boolean chunked) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n");
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (!authorization.isEmpty()) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            for (int at = 0; at < bytes.length; at += 1_000) {
                int size = Math.min(1_000, bytes.length - at);
                request.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(bytes, at, size);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            request.writeBytes(bytes);
        }
        return request.toByteArray();
    }
}
