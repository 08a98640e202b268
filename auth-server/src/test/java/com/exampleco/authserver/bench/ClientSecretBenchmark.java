package com.exampleco.authserver.bench;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;

import com.exampleco.authserver.client.ClientSecretHasher;
import com.exampleco.authserver.client.ClientSecretProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (d): the client secret check of every token request, HMAC-SHA-256 under the pepper and
 * a constant-time comparison, against a client in the middle of a secret rotation (two
 * stored hashes, both compared).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientSecretBenchmark {

	/**
	 * The JCA provider of the HMAC, by name, for the results table; {@link #setUp()}
	 * checks it is the one used.
	 */
	@Param("SunJCE")
	public String provider;

	private static final String SECRET = "demo-k34iIAVwsd-lDcZK2XZErDDmz51ke3RLeFqit1-ZA8M";

	private ClientSecretHasher hasher;

	private List<String> storedHashes;

	@Setup
	public void setUp() throws GeneralSecurityException {
		String used = Mac.getInstance("HmacSHA256").getProvider().getName();
		if (!used.equals(provider)) {
			throw new IllegalStateException("Asked to measure " + provider + " but " + used + " computes the HMAC");
		}
		hasher = new ClientSecretHasher(
				new ClientSecretProperties("demo-pepper-diXqHQRRrjDV83WTRZ8GGsh-cOnWvVpnmny_KlwiMig", 256));
		storedHashes = List.of(hasher.hash("demo-previous-secret-7PZ0sC4y1kqkR0u3mDq2Qx9b-Gf1"), hasher.hash(SECRET));
	}

	@Benchmark
	public boolean matchesAny() {
		return hasher.matchesAny(SECRET, storedHashes);
	}

}
