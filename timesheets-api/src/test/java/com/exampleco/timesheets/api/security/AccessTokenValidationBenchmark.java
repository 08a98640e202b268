package com.exampleco.timesheets.api.security;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What every API request pays for its bearer token: the API's own {@link JwtDecoder} (key selection through the
 * cached, rate-limited key source, RS256 verification, the typ, exp, iss, aud and sub validators) on a token shaped
 * like the authorization server's, and then the conversion into the request's authentication (scopes, caller).
 *
 * <p>The decoder is the one {@link AccessTokenDecoderConfig} builds for the application, from properties bound as
 * Boot binds them (so with the application's defaults); its key set comes over HTTP from a stand-in authorization
 * server on a random loopback port, once, in the setup, and from the key source's cache afterwards, as in production
 * between two key rotations. In a benchmark package of its own it could not reach the package-private configuration.
 * It measures both JCA providers: Amazon Corretto Crypto Provider, which the application uses where it loads, and
 * the JDK's, which it falls back to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AccessTokenValidationBenchmark {

	static final String ACCP = "AmazonCorrettoCryptoProvider";

	static final String JDK = "SunRsaSign";

	/**
	 * The JCA provider that verifies, by the name it reports, for the results table; {@link #setUp()} refuses to run
	 * if another one would verify.
	 */
	@Param({ ACCP, JDK })
	public String provider;

	private TestAuthorizationServer authorizationServer;

	/** The application's decoder: it remembers the token's verified signature after the first call. */
	private JwtDecoder decoder;

	/** The same decoder without its cache of verified tokens: every call verifies the signature. */
	private JwtDecoder verifyingDecoder;

	private final AccessTokenAuthentication authentication = new AccessTokenAuthentication();

	private String token;

	@Setup
	public void setUp() throws GeneralSecurityException {
		boolean fast = !JDK.equals(this.provider);
		VerificationProvider verification = new VerificationProvider(fast);
		String verifying = verification.provider()
			.map(Provider::getName)
			.orElse(Signature.getInstance("SHA256withRSA").getProvider().getName());
		if (!verifying.equals(this.provider)) {
			throw new IllegalStateException("Asked to measure " + this.provider + " but " + verifying + " would verify "
					+ "here (" + verification.describe() + ")");
		}
		this.authorizationServer = TestAuthorizationServer.start();
		this.decoder = decoder(Map.of("timesheets.security.jwk-set-uri", this.authorizationServer.jwkSetUri(),
				"timesheets.security.fast-provider", String.valueOf(fast)));
		this.verifyingDecoder = decoder(Map.of("timesheets.security.jwk-set-uri", this.authorizationServer.jwkSetUri(),
				"timesheets.security.fast-provider", String.valueOf(fast),
				"timesheets.security.verified-token-cache.maximum-size", "0"));
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

	private static JwtDecoder decoder(Map<String, String> settings) {
		ResourceServerProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("timesheets.security", ResourceServerProperties.class);
		return new AccessTokenDecoderConfig().jwtDecoder(properties);
	}

	@TearDown
	public void tearDown() {
		this.authorizationServer.close();
	}

	/**
	 * A client that sends the same token with every request, as machine-to-machine clients do. Each request reads the
	 * token into a new string, whose hash the cache lookup computes afresh; so does this benchmark.
	 */
	@Benchmark
	public Jwt decode() {
		return this.decoder.decode(new String(this.token));
	}

	/** A token seen for the first time: parsing, key lookup, signature verification, validators. */
	@Benchmark
	public Jwt decodeAndVerify() {
		return this.verifyingDecoder.decode(this.token);
	}

	@Benchmark
	public AbstractAuthenticationToken decodeAndAuthenticate() {
		return this.authentication.convert(this.decoder.decode(new String(this.token)));
	}

}
