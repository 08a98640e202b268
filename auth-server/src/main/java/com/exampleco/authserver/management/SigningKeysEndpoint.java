package com.exampleco.authserver.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import com.exampleco.authserver.keys.SigningKeyRepository;
import com.exampleco.authserver.keys.SigningKeyRotation;

/**
 * {@code /api/v2/keys/signing}: the signing keys with Auth0's state flags, their rotation
 * and the revocation of a previous key. This server publishes bare JWKs, not X.509
 * certificates; Auth0's SDK requires {@code cert}, {@code fingerprint} and
 * {@code thumbprint} all the same, so {@code cert} is the public key in PEM
 * ({@code BEGIN PUBLIC KEY}), {@code fingerprint} the SHA-1 of its DER form in
 * colon-separated hex (as Auth0 writes a certificate's), and {@code thumbprint} the key's
 * RFC 7638 thumbprint, which is also its kid.
 */
@ManagementApi
@RequestMapping(ManagementScopes.BASE_PATH + "/keys/signing")
class SigningKeysEndpoint {

	private final SigningKeyRepository keys;

	private final SigningKeyRotation rotation;

	SigningKeysEndpoint(SigningKeyRepository keys, SigningKeyRotation rotation) {
		this.keys = keys;
		this.rotation = rotation;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record KeyJson(String kid, String cert, String fingerprint, String thumbprint, boolean current, boolean next,
			boolean previous, boolean revoked, @JsonProperty("current_since") Instant currentSince,
			@JsonProperty("current_until") Instant currentUntil, @JsonProperty("revoked_at") Instant revokedAt) {

		static KeyJson of(SigningKeyRepository.KeyState key) {
			boolean revoked = key.status().equals("revoked");
			return new KeyJson(key.kid(), pem(key), SigningKeysEndpoint.fingerprint(key), key.kid(),
					key.status().equals("current"), key.status().equals("next"), key.status().equals("previous"),
					revoked, key.activatedAt(), revoked ? null : key.retiredAt(), revoked ? key.retiredAt() : null);
		}
	}

	/**
	 * Auth0's answer to a rotation or a revocation: the key's id and "certificate" (see
	 * above).
	 */
	record KeyId(String kid, String cert) {

		static KeyId of(SigningKeyRepository.KeyState key) {
			return new KeyId(key.kid(), pem(key));
		}
	}

	static String pem(SigningKeyRepository.KeyState key) {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der(key))
				+ "\n-----END PUBLIC KEY-----\n";
	}

	static String fingerprint(SigningKeyRepository.KeyState key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(der(key));
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] der(SigningKeyRepository.KeyState key) {
		try {
			return RSAKey.parse(key.publicJwk()).toRSAPublicKey().getEncoded();
		}
		catch (ParseException | JOSEException e) {
			throw new IllegalStateException("Signing key " + key.kid() + " has an unreadable public key", e);
		}
	}

	@GetMapping
	List<KeyJson> list() {
		return keys.findAll().stream().map(KeyJson::of).toList();
	}

	@GetMapping("/{kid}")
	KeyJson get(@PathVariable String kid) {
		return keys.find(kid).map(KeyJson::of).orElseThrow(SigningKeysEndpoint::notFound);
	}

	/** Auth0 answers with the new next key: it signs from the following rotation on. */
	@PostMapping("/rotate")
	ResponseEntity<KeyId> rotate() {
		try {
			return ResponseEntity.status(HttpStatus.CREATED).body(KeyId.of(rotation.rotate()));
		}
		catch (SigningKeyRotation.ConcurrentRotationException e) {
			throw ManagementApiException.conflict(e.getMessage(), "conflict");
		}
	}

	@PutMapping("/{kid}/revoke")
	KeyId revoke(@PathVariable String kid) {
		try {
			return KeyId.of(rotation.revoke(kid));
		}
		catch (SigningKeyRotation.UnknownKeyException e) {
			throw notFound();
		}
		catch (SigningKeyRotation.NotRevocableException e) {
			throw new ManagementApiException(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_body");
		}
		catch (SigningKeyRotation.ConcurrentRotationException e) {
			throw ManagementApiException.conflict(e.getMessage(), "conflict");
		}
	}

	private static ManagementApiException notFound() {
		return ManagementApiException.notFound("Signing key not found", "inexistent_signing_key");
	}

}
