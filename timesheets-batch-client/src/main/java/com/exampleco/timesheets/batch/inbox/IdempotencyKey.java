package com.exampleco.timesheets.batch.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The per-entry key the Timesheets API uses to recognise a resend.
 *
 * <p>
 * It is derived, never random: SHA-256 over the file's content hash and the entry's line
 * number. The same file delivered again (a retry, a restart after a crash, a second run)
 * yields the same keys, so the API answers {@code duplicate} instead of creating the
 * entry twice. A different file, even with the same name, yields different keys.
 */
public record IdempotencyKey(String value) {

	/**
	 * Compiled once: {@code String.matches} compiles its pattern on every call, once per
	 * entry of every file.
	 */
	private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

	public IdempotencyKey {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("An idempotency key is 64 lowercase hex characters");
		}
	}

	public static IdempotencyKey of(String fileContentHash, int line) {
		return new IdempotencyKey(sha256Hex(fileContentHash + ":" + line));
	}

	static String sha256Hex(String text) {
		return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
