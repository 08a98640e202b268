package com.exampleco.authserver.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for private keys at rest. The key id is bound as additional authenticated
 * data, so a ciphertext moved to another row does not decrypt.
 */
@Component
public class KeyEncryptor {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	public KeyEncryptor(SigningKeyProperties properties) {
		byte[] raw;
		try {
			raw = Base64.getDecoder().decode(properties.encryptionKey());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("auth-server.signing-keys.encryption-key is not valid base64");
		}
		if (raw.length != 32) {
			throw new IllegalStateException("auth-server.signing-keys.encryption-key must be 32 bytes (base64 of "
					+ "`openssl rand -base64 32`), not " + raw.length);
		}
		this.key = new SecretKeySpec(raw, "AES");
	}

	public String encrypt(byte[] plaintext, String kid) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM encryption failed", e);
		}
	}

	public byte[] decrypt(String encoded, String kid) {
		try {
			byte[] all = Base64.getDecoder().decode(encoded);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
		}
		catch (AEADBadTagException e) {
			throw new IllegalStateException("Signing key " + kid + " cannot be decrypted with the configured "
					+ "auth-server.signing-keys.encryption-key. Refusing to start: generating a new key instead would "
					+ "invalidate every token already issued. Restore the original encryption key.");
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM decryption of signing key " + kid + " failed", e);
		}
	}

}
