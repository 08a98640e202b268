package com.exampleco.authserver.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The keys this server signs with and publishes. Generated once, stored encrypted, and
 * loaded on every start, so a restart never invalidates tokens already issued.
 * <p>
 * Every published key ({@code next}, {@code current}, {@code previous}) is served at the
 * JWKS endpoint; tokens are signed by the {@link #current() current} one. A {@code next}
 * key always exists, published before it signs anything: a rotation
 * ({@link SigningKeyRotation}) makes it current and publishes a new next one.
 * <p>
 * The database is the source of truth, shared by every instance: the set compares its
 * keys' states with the table at most once per {@link #CHECK_INTERVAL_MILLIS} ms (one
 * small query, on whichever request comes first) and reloads when another instance
 * rotated or revoked a key; a token whose {@code kid} it does not know makes it look at
 * once (at most every {@link #FORCED_CHECK_INTERVAL_MILLIS} ms, so forged kids cannot
 * make every request query the database). Because a key is in the table before any
 * instance signs with it, a key in the table is a published key.
 */
@Component
public class SigningKeySet implements JWKSource<SecurityContext> {

	static final long CHECK_INTERVAL_MILLIS = 1_000;
	static final long FORCED_CHECK_INTERVAL_MILLIS = 100;

	private static final Logger log = LoggerFactory.getLogger(SigningKeySet.class);

	private final SigningKeyRepository repository;

	private final KeyEncryptor encryptor;

	private final ObjectProvider<RsaSignerFactory> signers;

	private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());

	private final AtomicLong nextForcedCheck = new AtomicLong(System.nanoTime());

	private volatile Snapshot snapshot;

	public SigningKeySet(SigningKeyRepository repository, KeyEncryptor encryptor, SigningKeyProperties properties,
			ObjectProvider<RsaSignerFactory> signers) {
		this.repository = repository;
		this.encryptor = encryptor;
		this.signers = signers;
		List<SigningKeyRepository.StoredKey> stored = repository.findPublished();
		if (stored.stream().noneMatch(k -> k.status().equals("current"))) {
			repository.insertCurrent(generate(encryptor, properties.rsaKeySize(), "current"));
		}
		if (stored.stream().noneMatch(k -> k.status().equals("next"))) {
			// Published now, signing from the next rotation on: resource servers see it
			// long before it signs.
			repository.insertNext(generate(encryptor, properties.rsaKeySize(), "next"));
		}
		// Read back rather than use what we generated: if another instance created a key
		// at the same time, every instance settles on the same (oldest) current key.
		this.snapshot = load();
		log.info("Signing key set loaded: current kid={}, {} published key(s)", snapshot.current().kid(),
				snapshot.keys().getKeys().size());
	}

	/**
	 * The key that signs new tokens, with its {@code kid}: read together, so a token
	 * never names another key.
	 */
	public CurrentKey current() {
		return fresh().current();
	}

	/** The {@code kid} of the key that new tokens are signed with. */
	public String currentKeyId() {
		return current().kid();
	}

	/** Signs new tokens with the current key. */
	public JWSSigner currentSigner() {
		return current().signer();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		List<JWK> found = selector.select(fresh().keys());
		if (found.isEmpty() && due(nextForcedCheck, FORCED_CHECK_INTERVAL_MILLIS)) {
			// A kid this instance does not know yet may be a key another instance has
			// just created.
			refresh();
			found = selector.select(snapshot.keys());
		}
		return found;
	}

	/** Reloads the keys if their states in the database differ from those loaded. */
	public synchronized void refresh() {
		try {
			if (!repository.publishedState().equals(snapshot.state())) {
				Snapshot loaded = load();
				log.info("Signing key set reloaded: current kid={}, {} published key(s)", loaded.current().kid(),
						loaded.keys().getKeys().size());
				snapshot = loaded;
			}
		}
		catch (RuntimeException e) {
			// The database is unreachable for a moment: keep signing and verifying with
			// the keys already loaded.
			log.warn("Could not check the signing keys in the database; keeping those loaded: {}", e.toString());
		}
	}

	private Snapshot fresh() {
		if (due(nextCheck, CHECK_INTERVAL_MILLIS)) {
			refresh();
		}
		return snapshot;
	}

	/** Whether the interval has passed, claimed by one caller only. */
	private static boolean due(AtomicLong next, long intervalMillis) {
		long now = System.nanoTime();
		long at = next.get();
		return now - at >= 0 && next.compareAndSet(at, now + TimeUnit.MILLISECONDS.toNanos(intervalMillis));
	}

	private Snapshot load() {
		String state = repository.publishedState();
		List<SigningKeyRepository.StoredKey> stored = repository.findPublished();
		List<JWK> jwks = new ArrayList<>();
		for (SigningKeyRepository.StoredKey key : stored) {
			jwks.add(load(key, encryptor));
		}
		RSAKey current = (RSAKey) jwks.get(0);
		try {
			// Made once per key, not per token: a signer made from the RSAKey rebuilds
			// the private key from its base64 JWK parameters every time (figures in
			// docs/performance.md, "auth-server: the token signing add-ons").
			JWSSigner signer = signers.getIfAvailable(() -> RsaSignerFactory.NIMBUS)
				.signerFor(current.toRSAPrivateKey());
			return new Snapshot(new JWKSet(jwks), new CurrentKey(current.getKeyID(), signer), state);
		}
		catch (JOSEException e) {
			throw new IllegalStateException("Signing key " + current.getKeyID() + " has no usable private key", e);
		}
	}

	static SigningKeyRepository.StoredKey generate(KeyEncryptor encryptor, int size, String status) {
		try {
			RSAKey key = new RSAKeyGenerator(size).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
			log.info("Generated a new RS256 signing key, kid={} ({})", key.getKeyID(), status);
			return new SigningKeyRepository.StoredKey(key.getKeyID(), JWSAlgorithm.RS256.getName(), status,
					key.toPublicJWK().toJSONString(),
					encryptor.encrypt(key.toPrivateKey().getEncoded(), key.getKeyID()));
		}
		catch (JOSEException e) {
			throw new IllegalStateException("Could not generate an RSA signing key", e);
		}
	}

	private static JWK load(SigningKeyRepository.StoredKey stored, KeyEncryptor encryptor) {
		try {
			RSAKey publicKey = RSAKey.parse(stored.publicJwk());
			RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(
						new PKCS8EncodedKeySpec(encryptor.decrypt(stored.privateKeyEncrypted(), stored.kid())));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
		}
		catch (ParseException | GeneralSecurityException e) {
			throw new IllegalStateException("Signing key " + stored.kid() + " in the database is unreadable", e);
		}
	}

	/** The signing key of new tokens and its {@code kid}. */
	public record CurrentKey(String kid, JWSSigner signer) {
	}

	private record Snapshot(JWKSet keys, CurrentKey current, String state) {
	}

}
