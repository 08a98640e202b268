package com.exampleco.timesheets.api.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the authorization server's key endpoint: a real HTTP server on a random
 * loopback port serving {@code /.well-known/jwks.json}, whose keys a test can rotate, and
 * which counts the fetches it answers.
 */
public final class TestAuthorizationServer implements AutoCloseable {

	public static final String ISSUER = "http://localhost:9000/";

	public static final String AUDIENCE = "https://api.exampleco.com/timesheets";

	private final HttpServer server;

	private final List<RSAKey> published = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private TestAuthorizationServer(RSAKey signingKey) throws IOException {
		this.published.add(signingKey);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/.well-known/jwks.json", this::jwks);
		this.server.start();
	}

	public static TestAuthorizationServer start() {
		try {
			return new TestAuthorizationServer(newKey("key-1"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static RSAKey newKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void jwks(HttpExchange exchange) throws IOException {
		this.jwksRequests.incrementAndGet();
		List<JWK> publicKeys = this.published.stream().map(RSAKey::toPublicJWK).map(JWK.class::cast).toList();
		byte[] body = new JWKSet(publicKeys).toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	/** The key that signs tokens by default: the newest published one. */
	public RSAKey signingKey() {
		return this.published.get(this.published.size() - 1);
	}

	/**
	 * Publishes a new key next to the old ones, as an authorization server does when it
	 * rotates.
	 */
	public RSAKey rotate(String kid) {
		RSAKey key = newKey(kid);
		this.published.add(key);
		return key;
	}

	/**
	 * Stops publishing a key, as an authorization server does once it has rotated away
	 * from it (or lost it).
	 */
	public void withdraw(String kid) {
		this.published.removeIf((key) -> key.getKeyID().equals(kid));
	}

	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	public AccessTokens tokens() {
		return new AccessTokens(signingKey());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
