package com.exampleco.timesheets.api.security;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.exampleco.timesheets.api.support.AccessTokenDecoders;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.ClassUtils;

/**
 * What every API request pays for its bearer token: the API's own {@link JwtDecoder} (key
 * selection through the cached, rate-limited key source, RS256 verification, the typ,
 * exp, iss, aud and sub validators) on a token shaped like the authorization server's,
 * and then the conversion into the request's authentication (scopes, caller).
 *
 * <p>
 * The decoder is the one the application builds ({@link AccessTokenDecoders}: its
 * configuration, the add-ons the properties leave on, the application's defaults); its
 * key set comes over HTTP from a stand-in authorization server on a random loopback port,
 * once, in the setup, and from the key source's cache afterwards, as in production
 * between two key rotations. It measures both JCA providers: Amazon Corretto Crypto
 * Provider (the corretto add-on, where the build ships it) and the JDK's (the add-on
 * off).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AccessTokenValidationBenchmark {

	static final String ACCP = "AmazonCorrettoCryptoProvider";

	static final String JDK = "SunRsaSign";

	private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	/**
	 * The JCA provider that verifies, by the name it reports, for the results table;
	 * {@link #setUp()} refuses to measure ACCP where the build does not ship it.
	 */
	@Param({ ACCP, JDK })
	public String provider;

	private TestAuthorizationServer authorizationServer;

	private AccessTokenDecoders decoders;

	private AccessTokenDecoders verifyingDecoders;

	/**
	 * The application's decoder: it remembers the token's verified signature after the
	 * first call.
	 */
	private JwtDecoder decoder;

	/**
	 * The same decoder without the verified-tokens add-on: every call verifies the
	 * signature.
	 */
	private JwtDecoder verifyingDecoder;

	private final AccessTokenAuthentication authentication = new AccessTokenAuthentication();

	private String token;

	@Setup
	public void setUp() {
		boolean fast = !JDK.equals(this.provider);
		if (fast && !ClassUtils.isPresent(ACCP_CLASS, null)) {
			throw new IllegalStateException("Asked to measure " + ACCP + ", which this build does not ship here");
		}
		this.authorizationServer = TestAuthorizationServer.start();
		Map<String, String> settings = Map.of("timesheets.security.jwk-set-uri", this.authorizationServer.jwkSetUri(),
				"timesheets.acceleration.corretto.enabled", String.valueOf(fast));
		this.decoders = new AccessTokenDecoders(settings);
		this.decoder = this.decoders.decoder();
		Map<String, String> verifying = new HashMap<>(settings);
		verifying.put("timesheets.acceleration.verified-tokens.enabled", "false");
		this.verifyingDecoders = new AccessTokenDecoders(verifying);
		this.verifyingDecoder = this.verifyingDecoders.decoder();
		// The demo import job's token: its two scopes and its organization.
		this.token = this.authorizationServer.tokens()
			.client("timesheets-import-job")
			.scope("batch:upload create:timesheets")
			.organization("org_acme")
			.rs256();
		// Fetches the key set, so that the measured calls find it cached.
		this.decoder.decode(this.token);
		this.verifyingDecoder.decode(this.token);
	}

	@TearDown
	public void tearDown() {
		this.decoders.close();
		this.verifyingDecoders.close();
		this.authorizationServer.close();
	}

	/**
	 * A client that sends the same token with every request, as machine-to-machine
	 * clients do. Each request reads the token into a new string, whose hash the cache
	 * lookup computes afresh; so does this benchmark.
	 */
	@Benchmark
	public Jwt decode() {
		return this.decoder.decode(new String(this.token));
	}

	/**
	 * A token seen for the first time: parsing, key lookup, signature verification,
	 * validators.
	 */
	@Benchmark
	public Jwt decodeAndVerify() {
		return this.verifyingDecoder.decode(this.token);
	}

	@Benchmark
	public AbstractAuthenticationToken decodeAndAuthenticate() {
		return this.authentication.convert(this.decoder.decode(new String(this.token)));
	}

}
