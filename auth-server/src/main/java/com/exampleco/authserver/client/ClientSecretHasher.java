package com.exampleco.authserver.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Stores client secrets as HMAC-SHA-256 under a server-side pepper, and checks them in
 * constant time.
 * <p>
 * Why not bcrypt, as Spring Authorization Server does by default: bcrypt exists to slow
 * down guessing of low-entropy, human-chosen passwords, and it costs tens of milliseconds
 * of CPU per check, which would cap the token endpoint at a few dozen tokens/s per core
 * (figures in {@code docs/performance.md}). Client secrets here are machine-generated
 * with at least 256 bits of entropy (enforced by {@link SecretPolicy}), so no amount of
 * hashing speed makes guessing them feasible; a keyed hash keeps them useless to whoever
 * reads the table without the pepper, at the cost of one HMAC per check.
 */
@Component
public class ClientSecretHasher {

	private static final String PREFIX = "hmac-sha256$";

	private static final String ALGORITHM = "HmacSHA256";

	private final Mac prototype;

	public ClientSecretHasher(ClientSecretProperties properties) {
		try {
			prototype = Mac.getInstance(ALGORITHM);
			prototype.init(new SecretKeySpec(properties.pepper().getBytes(StandardCharsets.UTF_8), ALGORITHM));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA-256 is not available on this JVM", e);
		}
	}

	public String hash(String secret) {
		return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(mac(secret));
	}

	/**
	 * Whether the presented secret matches any of the stored hashes. Every stored hash is
	 * compared, in constant time, so the answer's timing says nothing about which one
	 * matched or how many bytes did.
	 */
	public boolean matchesAny(String presented, Collection<String> storedHashes) {
		byte[] candidate = hash(presented).getBytes(StandardCharsets.US_ASCII);
		boolean matched = false;
		for (String stored : storedHashes) {
			matched |= MessageDigest.isEqual(candidate, stored.getBytes(StandardCharsets.US_ASCII));
		}
		return matched;
	}

	private byte[] mac(String secret) {
		try {
			Mac mac = (Mac) prototype.clone();
			return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException e) {
			throw new IllegalStateException("The HMAC provider cannot clone a keyed Mac", e);
		}
	}

}
