package com.exampleco.e2e.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON mapper for the harness: reading answers, and printing them indented for
 * people.
 */
public final class Json {

	private static final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private Json() {
	}

	public static JsonNode parse(String json) {
		return mapper.readTree(json);
	}

	public static String write(Object value) {
		return mapper.writeValueAsString(value);
	}

	public static String pretty(JsonNode node) {
		return mapper.writeValueAsString(node);
	}

}
