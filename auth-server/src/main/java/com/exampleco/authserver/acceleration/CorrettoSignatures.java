package com.exampleco.authserver.acceleration;

import java.security.Provider;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider that computes token signatures: Amazon Corretto Crypto Provider
 * (AWS-LC) where its native library is on the class path and loads, otherwise the JDK's
 * own.
 * <p>
 * RSA signing is the one cost of a token that cannot be cached, and AWS-LC signs faster
 * than the JDK (figures in {@code docs/performance.md}, "auth-server: the token signing
 * add-ons"). It is used for token signatures only, not installed as the JVM's default
 * provider, so TLS, hashing and random numbers keep the JDK's behaviour. The Maven build
 * adds ACCP for the platforms it ships native code for (Linux and macOS on x86-64 and
 * ARM64); elsewhere the JDK signs.
 */
public class CorrettoSignatures {

	private static final Logger log = LoggerFactory.getLogger(CorrettoSignatures.class);

	private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	private final Provider provider;

	public CorrettoSignatures() {
		this.provider = loadCorretto().orElse(null);
		log.info("Token signatures use the JCA provider {}", describe());
	}

	/** The provider to ask for signatures, or empty for the JDK's default. */
	public Optional<Provider> provider() {
		return Optional.ofNullable(provider);
	}

	public String describe() {
		return provider == null ? "of the JDK (default)" : provider.getName() + " " + provider.getVersionStr();
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
		catch (ClassNotFoundException e) {
			return Optional.empty();
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
			log.info("Amazon Corretto Crypto Provider is unusable here ({}); using the JDK", e.toString());
			return Optional.empty();
		}
	}

}
