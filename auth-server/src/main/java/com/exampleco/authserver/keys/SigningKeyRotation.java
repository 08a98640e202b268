package com.exampleco.authserver.keys;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auth0's signing key rotation: the {@code next} key, published since it was created,
 * becomes {@code current}; the current one becomes {@code previous} and stays published,
 * so tokens it signed keep validating until it is revoked; a new {@code next} key is
 * published. Revoking a previous key withdraws it from the JWKS.
 * <p>
 * Each change is one transaction of conditional updates: of two instances rotating at
 * once, one wins and the other is told so. Every instance sees the change within a second
 * (see {@link SigningKeySet}); this one at once.
 */
@Component
public class SigningKeyRotation {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

	private final SigningKeyRepository repository;

	private final SigningKeySet keys;

	private final KeyEncryptor encryptor;

	private final SigningKeyProperties properties;

	private final TransactionTemplate transaction;

	public SigningKeyRotation(SigningKeyRepository repository, SigningKeySet keys, KeyEncryptor encryptor,
			SigningKeyProperties properties, TransactionTemplate transaction) {
		this.repository = repository;
		this.keys = keys;
		this.encryptor = encryptor;
		this.properties = properties;
		this.transaction = transaction;
	}

	/** Rotates; the new {@code next} key (published, not signing yet). */
	public SigningKeyRepository.KeyState rotate() {
		// Generated outside the transaction: a key pair takes a while, and the rows need
		// not be locked meanwhile.
		SigningKeyRepository.StoredKey newNext = SigningKeySet.generate(encryptor, properties.rsaKeySize(), "next");
		transaction.executeWithoutResult(status -> {
			List<SigningKeyRepository.StoredKey> published = repository.findPublished();
			SigningKeyRepository.StoredKey current = published.stream()
				.filter(k -> k.status().equals("current"))
				.findFirst()
				.orElseThrow(() -> new ConcurrentRotationException("no current key"));
			SigningKeyRepository.StoredKey next = published.stream()
				.filter(k -> k.status().equals("next"))
				.findFirst()
				.orElseThrow(() -> new ConcurrentRotationException("no next key"));
			if (!repository.move(current.kid(), "current", "previous")
					|| !repository.move(next.kid(), "next", "current")) {
				throw new ConcurrentRotationException("another rotation changed the keys");
			}
			repository.insertNext(newNext);
			log.info("Signing keys rotated: current kid={} (was next), previous kid={}, next kid={}", next.kid(),
					current.kid(), newNext.kid());
		});
		keys.refresh();
		return repository.find(newNext.kid()).orElseThrow();
	}

	/**
	 * Revokes a {@code previous} key: withdrawn from the JWKS, its tokens no longer
	 * validate.
	 */
	public SigningKeyRepository.KeyState revoke(String kid) {
		SigningKeyRepository.KeyState key = repository.find(kid).orElseThrow(() -> new UnknownKeyException(kid));
		if (!key.status().equals("revoked")) {
			if (!key.status().equals("previous")) {
				throw new NotRevocableException(key.status());
			}
			if (!repository.move(kid, "previous", "revoked")) {
				throw new ConcurrentRotationException("the key changed state meanwhile");
			}
			log.info("Signing key revoked: kid={}", kid);
		}
		keys.refresh();
		return repository.find(kid).orElseThrow();
	}

	public static class ConcurrentRotationException extends RuntimeException {

		ConcurrentRotationException(String why) {
			super("The signing keys changed during the rotation (" + why + "); try again", null, false, false);
		}

	}

	public static class UnknownKeyException extends RuntimeException {

		UnknownKeyException(String kid) {
			super("Signing key not found", null, false, false);
		}

	}

	public static class NotRevocableException extends RuntimeException {

		NotRevocableException(String status) {
			super("Only a previous key can be revoked; this key is " + status + " (rotate first)", null, false, false);
		}

	}

}
