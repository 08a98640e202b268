package com.exampleco.authserver.acceleration;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.exampleco.authserver.bench.InMemorySigningKeyRepository;
import com.exampleco.authserver.keys.KeyEncryptor;
import com.exampleco.authserver.keys.RsaSignerFactory;
import com.exampleco.authserver.keys.SigningKeyProperties;
import com.exampleco.authserver.keys.SigningKeySet;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.token.AccessTokenMinter;
import com.exampleco.authserver.token.IssuerProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The CPU cost of one access token: the RS256 signature alone, and the whole mint
 * (claims, header, JWS serialisation, signature), with Amazon Corretto Crypto Provider
 * and with the JDK's own provider.
 * <p>
 * Built from the production classes, wired by hand as Spring would wire them, with the
 * demo configuration's values: a 2048-bit key, the Timesheets API's 24 h tokens, the
 * import job's two scopes and its organization. One state is shared by all benchmark
 * threads, as the one signing key set is shared by the token endpoint's request threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenSigningBenchmark {

	static final String ACCP = "AmazonCorrettoCryptoProvider";
	static final String JDK = "SunRsaSign";

	/**
	 * The JCA provider that signs, by the name it reports. Named rather than chosen by a
	 * flag so that the results table says which provider made each figure;
	 * {@link #setUp()} refuses to run if another one would sign.
	 */
	@Param({ ACCP, JDK })
	public String provider;

	private AccessTokenMinter minter;

	private SigningKeySet keys;

	private JWSHeader header;

	private byte[] signingInput;

	private final ResourceServer api = new ResourceServer("https://api.exampleco.com/timesheets", "Timesheets API",
			Duration.ofHours(24), List.of(new ResourceServer.Scope("batch:upload", "Upload timesheet entries"),
					new ResourceServer.Scope("create:timesheets", "Create timesheet entries")));

	private final List<String> scopes = List.of("batch:upload", "create:timesheets");

	private final Organization organization = new Organization("org_acme", "acme", "Acme Corporation");

	@Setup
	public void setUp() throws ParseException {
		SigningKeyProperties properties = new SigningKeyProperties("A/SX5Jp2xiUfuKr8MAG16QdQWT81UK2HD5KQgMYx2eE=",
				2048);
		CorrettoSignatures corretto = new CorrettoSignatures();
		Provider jca = JDK.equals(provider) ? null : corretto.provider().orElse(null);
		String signing = (jca != null) ? jca.getName() : jdkDefault();
		if (!signing.equals(provider)) {
			throw new IllegalStateException("Asked to measure " + provider + " but " + signing + " would sign here "
					+ "(" + corretto.describe() + ")");
		}
		// As AccelerationConfig wires it with both add-ons on (or Corretto off).
		RsaSignerFactory signers = (key) -> new ReusableRsaSigner(key, jca);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("signers", signers);
		keys = new SigningKeySet(new InMemorySigningKeyRepository(), new KeyEncryptor(properties), properties,
				beans.getBeanProvider(RsaSignerFactory.class));
		minter = new AccessTokenMinter(new IssuerProperties(URI.create("http://localhost:9000/")), keys,
				Clock.systemUTC());
		// The signature benchmark signs exactly what the minter signs: its header and
		// claims, already serialised.
		SignedJWT typical = SignedJWT.parse(mint().getTokenValue());
		header = typical.getHeader();
		signingInput = typical.getSigningInput();
	}

	/** (a), (b): the RS256 signature over a typical token's header and claims. */
	@Benchmark
	public Base64URL sign() throws JOSEException {
		return keys.currentSigner().sign(header, signingInput);
	}

	/**
	 * (c): what the token endpoint does once the client is authenticated and its grant
	 * found.
	 */
	@Benchmark
	public OAuth2AccessToken mint() {
		return minter.mint("timesheets-import-job", api, scopes, organization);
	}

	private static String jdkDefault() {
		try {
			return Signature.getInstance("SHA256withRSA").getProvider().getName();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

}
