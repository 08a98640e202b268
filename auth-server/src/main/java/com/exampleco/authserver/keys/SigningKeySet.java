package com.exampleco.authserver.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
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
import org.springframework.stereotype.Component;

/**
 * The keys this server signs with and publishes. Generated once, stored encrypted, and loaded on every start, so a
 * restart never invalidates tokens already issued.
 * <p>
 * Every published key ({@code next}, {@code current}, {@code previous}) is served at the JWKS endpoint; tokens are
 * signed by the {@link #currentSigner() current} one, named by its {@link #currentKeyId() kid}. Rotation adds a {@code next} key and
 * moves states, without a change here.
 */
@Component
public class SigningKeySet implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeySet.class);

    private final JWKSet keys;
    private final String currentKeyId;
    private final ReusableRsaSigner currentSigner;

    public SigningKeySet(SigningKeyRepository repository, KeyEncryptor encryptor, SigningKeyProperties properties,
                         SignatureProvider signatures) {
        List<SigningKeyRepository.StoredKey> stored = repository.findPublished();
        if (stored.stream().noneMatch(k -> k.status().equals("current"))) {
            repository.insertCurrent(generate(encryptor, properties.rsaKeySize()));
            // Read back rather than use what we generated: if another instance created a key at the same time, every
            // instance settles on the same (oldest) current key.
            stored = repository.findPublished();
        }
        List<JWK> jwks = new ArrayList<>();
        for (SigningKeyRepository.StoredKey key : stored) {
            jwks.add(load(key, encryptor));
        }
        this.keys = new JWKSet(jwks);
        RSAKey current = (RSAKey) jwks.get(0);
        this.currentKeyId = current.getKeyID();
        try {
            // Made once: new RSASSASigner(RSAKey) per token rebuilt the private key from its base64 JWK parameters
            // every time (more than a quarter of a token's CPU), and ReusableRsaSigner keeps its signature objects.
            this.currentSigner = new ReusableRsaSigner(current.toRSAPrivateKey(), signatures.provider().orElse(null));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + currentKeyId + " has no usable private key", e);
        }
        log.info("Signing key set loaded: current kid={}, {} published key(s)", currentKeyId, jwks.size());
    }

    /** The {@code kid} of the key that new tokens are signed with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Signs new tokens with the current key. */
    public ReusableRsaSigner currentSigner() {
        return currentSigner;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(keys);
    }

    private static SigningKeyRepository.StoredKey generate(KeyEncryptor encryptor, int size) {
        try {
            RSAKey key = new RSAKeyGenerator(size)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            log.info("Generated a new RS256 signing key, kid={}", key.getKeyID());
            return new SigningKeyRepository.StoredKey(key.getKeyID(), JWSAlgorithm.RS256.getName(), "current",
                    key.toPublicJWK().toJSONString(),
                    encryptor.encrypt(key.toPrivateKey().getEncoded(), key.getKeyID()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA signing key", e);
        }
    }

    private static JWK load(SigningKeyRepository.StoredKey stored, KeyEncryptor encryptor) {
        try {
            RSAKey publicKey = RSAKey.parse(stored.publicJwk());
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(encryptor.decrypt(stored.privateKeyEncrypted(), stored.kid())));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        } catch (ParseException | GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + stored.kid() + " in the database is unreadable", e);
        }
    }
}
