package com.exampleco.timesheets.api.security;

import java.security.GeneralSecurityException;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AccessTokenValidationBenchmark {

	/** The JCA provider that verifies, by name, for the results table; {@link #setUp()} checks it is the one used. */
	@Param("SunRsaSign")
	public String provider;

	private TestAuthorizationServer authorizationServer;

	private JwtDecoder decoder;

	private final AccessTokenAuthentication authentication = new AccessTokenAuthentication();

	private String token;

	@Setup
	public void setUp() throws GeneralSecurityException {
		String verifying = Signature.getInstance("SHA256withRSA").getProvider().getName();
		if (!verifying.equals(this.provider)) {
			throw new IllegalStateException("Asked to measure " + this.provider + " but " + verifying + " verifies");
		}
		this.authorizationServer = TestAuthorizationServer.start();
		Binder binder = new Binder(new MapConfigurationPropertySource(
				Map.of("timesheets.security.jwk-set-uri", this.authorizationServer.jwkSetUri())));
		ResourceServerProperties properties = binder.bindOrCreate("timesheets.security",
				ResourceServerProperties.class);
		this.decoder = new AccessTokenDecoderConfig().jwtDecoder(properties);
		// The demo import job's token: its two scopes and its organization.
		this.token = this.authorizationServer.tokens()
			.client("timesheets-import-job")
			.scope("batch:upload create:timesheets")
			.organization("org_acme")
			.rs256();
		// Fetches the key set, so that the measured calls find it cached.
		this.decoder.decode(this.token);
	}

	@TearDown
	public void tearDown() {
		this.authorizationServer.close();
	}

	@Benchmark
	public Jwt decode() {
		return this.decoder.decode(this.token);
	}

	@Benchmark
	public AbstractAuthenticationToken decodeAndAuthenticate() {
		return this.authentication.convert(this.decoder.decode(this.token));
	}

}
