package com.exampleco.authserver.client;

import org.springframework.stereotype.Component;

/**
 * Refuses client secrets that are too weak to be stored with a fast hash.
 * <p>
 * The estimate is deliberately simple: length × log2 of the alphabet implied by the
 * character classes used, and at least 16 distinct characters. A random 32-byte value in
 * base64url (43 characters) or hex (64) passes; a word, a date, a short or repetitive
 * string does not. Generate secrets with e.g. {@code openssl rand -base64 32}.
 */
@Component
public class SecretPolicy {

	private static final int MINIMUM_DISTINCT_CHARACTERS = 16;

	private final int minimumEntropyBits;

	public SecretPolicy(ClientSecretProperties properties) {
		this.minimumEntropyBits = properties.minimumEntropyBits();
	}

	public void check(String clientId, String secret) {
		if (secret == null || secret.isBlank()) {
			throw new WeakSecretException(clientId, "it is empty");
		}
		long distinct = secret.chars().distinct().count();
		if (distinct < MINIMUM_DISTINCT_CHARACTERS) {
			throw new WeakSecretException(clientId, "it uses only " + distinct + " distinct characters");
		}
		double bits = estimatedEntropyBits(secret);
		if (bits < minimumEntropyBits) {
			throw new WeakSecretException(clientId,
					"its estimated entropy is %.0f bits, below the required %d".formatted(bits, minimumEntropyBits));
		}
	}

	static double estimatedEntropyBits(String secret) {
		boolean lower = false;
		boolean upper = false;
		boolean digit = false;
		boolean other = false;
		for (char c : secret.toCharArray()) {
			if (c >= 'a' && c <= 'z') {
				lower = true;
			}
			else if (c >= 'A' && c <= 'Z') {
				upper = true;
			}
			else if (c >= '0' && c <= '9') {
				digit = true;
			}
			else {
				other = true;
			}
		}
		int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 32 : 0);
		return secret.length() * (Math.log(alphabet) / Math.log(2));
	}

	/**
	 * A secret was refused. The message names the client and the reason, never the
	 * secret.
	 */
	public static class WeakSecretException extends IllegalArgumentException {

		WeakSecretException(String clientId, String reason) {
			super("The client secret of '" + clientId + "' is refused: " + reason
					+ ". Use a random value of at least 32 bytes, e.g. `openssl rand -base64 32`.");
		}

	}

}
