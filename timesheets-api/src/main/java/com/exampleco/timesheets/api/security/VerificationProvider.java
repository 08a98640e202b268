package com.exampleco.timesheets.api.security;

import java.security.Provider;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider that verifies access token signatures: Amazon Corretto Crypto Provider (AWS-LC) where its native
 * library is on the class path and loads, otherwise the JDK's own.
 *
 * <p>The first request with a token verifies its signature ({@link VerifiedTokens} remembers it for the next ones).
 * The JDK's RSA verification was the largest single cost of an authenticated {@code GET} before that cache (17% of
 * the CPU samples under load, JFR); with ACCP the whole decode of a new token takes 41 µs instead of 81 µs
 * ({@code bench/jmh}, {@code AccessTokenValidationBenchmark.decodeAndVerify}). It is used for token signatures only,
 * not installed as the JVM's default provider, so TLS, hashing and random numbers keep the JDK's behaviour. The Maven
 * build adds ACCP for the platforms it ships native code for (Linux and macOS on x86-64 and ARM64); elsewhere the JDK
 * verifies.
 */
final class VerificationProvider {

	private static final Logger log = LoggerFactory.getLogger(VerificationProvider.class);

	private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	private final Provider provider;

	VerificationProvider(boolean fastProvider) {
		this.provider = fastProvider ? loadCorretto().orElse(null) : null;
		log.info("Access token signatures are verified with the JCA provider {}", describe());
	}

	/** The provider to ask for signature verification, or empty for the JDK's default. */
	Optional<Provider> provider() {
		return Optional.ofNullable(this.provider);
	}

	String describe() {
		return (this.provider != null) ? this.provider.getName() + " " + this.provider.getVersionStr()
				: "of the JDK (default)";
	}

	private static Optional<Provider> loadCorretto() {
		try {
			Class<?> type = Class.forName(ACCP);
			Provider instance = (Provider) type.getField("INSTANCE").get(null);
			Object error = type.getMethod("getLoadingError").invoke(instance);
			if (error != null) {
				log.info("Amazon Corretto Crypto Provider is present but did not load ({}); using the JDK", error);
				return Optional.empty();
			}
			type.getMethod("assertHealthy").invoke(instance);
			return Optional.of(instance);
		}
		catch (ClassNotFoundException ex) {
			return Optional.empty();
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			log.info("Amazon Corretto Crypto Provider is unusable here ({}); using the JDK", ex.toString());
			return Optional.empty();
		}
	}

}
