package com.exampleco.authserver.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth0's {@code client_metadata}: at most 10 keys, each key and each value a string of
 * at most 255 characters, so that what an Action reads, and what the
 * {@code client_metadata} column holds (JSON, 4000 characters), stays small.
 */
public final class ClientMetadata {

	public static final int MAX_KEYS = 10;

	public static final int MAX_LENGTH = 255;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private ClientMetadata() {
	}

	/** An unmodifiable copy in the given order; {@code null} is empty. */
	public static Map<String, String> checked(Map<String, String> metadata) {
		if (metadata == null || metadata.isEmpty()) {
			return Map.of();
		}
		if (metadata.size() > MAX_KEYS) {
			throw new IllegalArgumentException(
					"client_metadata has " + metadata.size() + " keys; at most " + MAX_KEYS + " are allowed");
		}
		metadata.forEach((key, value) -> {
			if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
				throw new IllegalArgumentException("client_metadata keys are 1 to " + MAX_LENGTH + " characters");
			}
			if (value == null || value.length() > MAX_LENGTH) {
				throw new IllegalArgumentException(
						"client_metadata." + key + " must be a string of at most " + MAX_LENGTH + " characters");
			}
		});
		return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	static String toJson(Map<String, String> metadata) {
		return metadata.isEmpty() ? null : JSON.writeValueAsString(metadata);
	}

	static Map<String, String> fromJson(String json) {
		return json == null || json.isBlank() ? Map.of() : checked(JSON.readValue(json, MAP));
	}

}
