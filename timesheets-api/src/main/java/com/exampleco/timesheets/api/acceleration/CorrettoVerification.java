package com.exampleco.timesheets.api.acceleration;

import java.security.Provider;
import java.util.Optional;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.timesheets.api.security.AccessTokenDecoderCustomizer;

/**
 * Verifies access token signatures with Amazon Corretto Crypto Provider (AWS-LC) where
 * its native library is on the class path and loads; otherwise changes nothing and the
 * JDK verifies.
 *
 * <p>
 * Used for token signatures only, not installed as the JVM's default provider, so TLS,
 * hashing and random numbers keep the JDK's behaviour. The Maven build adds ACCP, through
 * OS-activated profiles, for the platforms it ships native code for (Linux and macOS on
 * x86-64 and ARM64). Looked up by name so that the module compiles and runs without it.
 */
final class CorrettoVerification implements AccessTokenDecoderCustomizer {

	private static final Logger log = LoggerFactory.getLogger(CorrettoVerification.class);

	private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	private final Provider provider;

	CorrettoVerification() {
		this.provider = loadCorretto().orElse(null);
		log.info("Access token signatures are verified with the JCA provider {}", describe());
	}

	@Override
	public void customize(ConfigurableJWTProcessor<SecurityContext> processor) {
		if (this.provider != null) {
			DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
			verifiers.getJCAContext().setProvider(this.provider);
			processor.setJWSVerifierFactory(verifiers);
		}
	}

	/**
	 * The provider that verifies, or empty where ACCP is absent or unusable (the JDK's
	 * default then).
	 */
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
			// A provider whose self-tests fail must not decide which tokens are genuine.
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
