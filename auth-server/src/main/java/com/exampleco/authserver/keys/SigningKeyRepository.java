package com.exampleco.authserver.keys;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SigningKeyRepository {

    private final JdbcClient jdbc;

    public SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keys that belong in the published JWKS, the signing ones first, oldest first among them. */
    public List<StoredKey> findPublished() {
        return jdbc.sql("""
                        select kid, algorithm, status, public_jwk, private_key_encrypted from signing_key
                        where status in ('next', 'current', 'previous')
                        order by case status when 'current' then 0 when 'next' then 1 else 2 end, activated_at, kid
                        """)
                .query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    public void insertCurrent(StoredKey key) {
        jdbc.sql("""
                        insert into signing_key (kid, algorithm, status, public_jwk, private_key_encrypted, activated_at)
                        values (?, ?, 'current', ?, ?, current_timestamp)
                        """)
                .params(key.kid(), key.algorithm(), key.publicJwk(), key.privateKeyEncrypted())
                .update();
    }

    public record StoredKey(String kid, String algorithm, String status, String publicJwk, String privateKeyEncrypted) {
    }
}
