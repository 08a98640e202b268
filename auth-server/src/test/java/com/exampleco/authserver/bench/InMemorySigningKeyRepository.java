package com.exampleco.authserver.bench;

import java.util.ArrayList;
import java.util.List;

import com.exampleco.authserver.keys.SigningKeyRepository;

/**
 * The {@code signing_key} table in memory, so that a benchmark builds the real
 * {@code SigningKeySet} (key generation, encryption at rest, loading, the reusable
 * signer) without a database or a Spring context.
 */
public final class InMemorySigningKeyRepository extends SigningKeyRepository {

	private final List<StoredKey> keys = new ArrayList<>();

	public InMemorySigningKeyRepository() {
		super(null);
	}

	@Override
	public List<StoredKey> findPublished() {
		return List.copyOf(keys);
	}

	@Override
	public void insertCurrent(StoredKey key) {
		keys.add(key);
	}

	@Override
	public void insertNext(StoredKey key) {
		keys.add(key);
	}

	@Override
	public String publishedState() {
		return String.join(",", keys.stream().map(k -> k.kid() + ":" + k.status()).sorted().toList());
	}

}
