package com.exampleco.authserver.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SigningKeyRepository {

	private final JdbcClient jdbc;

	public SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Keys that belong in the published JWKS, the signing ones first, oldest first among
	 * them.
	 */
	public List<StoredKey> findPublished() {
		return jdbc.sql("""
				select kid, algorithm, status, public_jwk, private_key_encrypted from signing_key
				where status in ('next', 'current', 'previous')
				order by case status when 'current' then 0 when 'next' then 1 else 2 end, activated_at,
				         created_at, kid
				""")
			.query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	/**
	 * The published keys and their states in one short string, to tell cheaply whether
	 * another instance rotated or revoked a key since the set was loaded (the table holds
	 * a handful of rows).
	 */
	public String publishedState() {
		return String.join(",", jdbc.sql("""
				select kid, status from signing_key where status in ('next', 'current', 'previous')
				order by kid
				""").query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)).list());
	}

	public void insertCurrent(StoredKey key) {
		jdbc.sql("""
				insert into signing_key (kid, algorithm, status, public_jwk, private_key_encrypted, activated_at)
				values (?, ?, 'current', ?, ?, current_timestamp)
				""").params(key.kid(), key.algorithm(), key.publicJwk(), key.privateKeyEncrypted()).update();
	}

	/**
	 * A key published in the JWKS that signs nothing until a rotation makes it current.
	 */
	public void insertNext(StoredKey key) {
		jdbc.sql("""
				insert into signing_key (kid, algorithm, status, public_jwk, private_key_encrypted)
				values (?, ?, 'next', ?, ?)
				""").params(key.kid(), key.algorithm(), key.publicJwk(), key.privateKeyEncrypted()).update();
	}

	/** Every key, revoked ones included, for the management API; newest first. */
	public List<KeyState> findAll() {
		return jdbc.sql("""
				select kid, status, public_jwk, created_at, activated_at, retired_at from signing_key
				order by created_at desc, kid
				""")
			.query((rs, n) -> new KeyState(rs.getString(1), rs.getString(2), rs.getString(3),
					instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
			.list();
	}

	public Optional<KeyState> find(String kid) {
		return findAll().stream().filter(k -> k.kid().equals(kid)).findFirst();
	}

	/**
	 * Moves one key from a state to another, only if it is still in that state: two
	 * instances rotating at once cannot both promote the same key. Whether it moved.
	 */
	public boolean move(String kid, String from, String to) {
		String timestamps = switch (to) {
			case "current" -> ", activated_at = current_timestamp";
			case "previous", "revoked" -> ", retired_at = current_timestamp";
			default -> "";
		};
		return jdbc.sql("update signing_key set status = ?" + timestamps + " where kid = ? and status = ?")
			.params(to, kid, from)
			.update() == 1;
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	public record StoredKey(String kid, String algorithm, String status, String publicJwk, String privateKeyEncrypted) {
	}

	/** A key's state and its history, without its private part. */
	public record KeyState(String kid, String status, String publicJwk, Instant createdAt, Instant activatedAt,
			Instant retiredAt) {
	}

}
