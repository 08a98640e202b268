package com.exampleco.authserver.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.exampleco.authserver.log.LogValues;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Reads the parameters of a token request from its query and its body, by the same rules
 * for a form and a JSON body: each parameter at most once, counting the query and the
 * body together (RFC 6749 §3.2), and no client credentials in the URL, where they would
 * be written to access logs (RFC 6749 §2.3.1). Other parameters may come in the query, as
 * browser tools such as Swagger UI send {@code audience}.
 */
final class TokenRequestParser {

	private static final Set<String> CREDENTIAL_PARAMETERS = Set.of(OAuth2ParameterNames.CLIENT_SECRET,
			"client_assertion");

	/**
	 * The body formats of a token request: a form (RFC 6749 §4.4.2), or a JSON object as
	 * Auth0 also accepts.
	 */
	enum Format {

		NONE, FORM, JSON

	}

	private final ObjectReader json;

	TokenRequestParser(ObjectMapper json) {
		// Jackson's own check: a JSON object with a member twice is refused as a form
		// with a repeated parameter is, rather than silently keeping the last one.
		this.json = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * The body format a content type announces; {@code hasBody} tells whether a body
	 * without a type came.
	 */
	static Format format(String contentType, boolean hasBody) {
		if (contentType == null) {
			if (hasBody) {
				throw new BadTokenRequest("The request body has no Content-Type; use "
						+ "application/x-www-form-urlencoded or application/json.");
			}
			return Format.NONE;
		}
		MediaType mediaType;
		try {
			mediaType = MediaType.parseMediaType(contentType);
		}
		catch (IllegalArgumentException e) {
			throw new BadTokenRequest(
					"Unreadable Content-Type; use application/x-www-form-urlencoded or " + "application/json.");
		}
		Format format = MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(mediaType) ? Format.FORM
				: MediaType.APPLICATION_JSON.equalsTypeAndSubtype(mediaType) ? Format.JSON : null;
		if (format != null) {
			String charset = mediaType.getParameter("charset");
			if (charset != null && !"UTF-8".equalsIgnoreCase(charset.replace("\"", ""))) {
				// The body is read as UTF-8, as RFC 8259 requires of JSON: another
				// charset would be misread silently.
				throw new BadTokenRequest(
						"Unsupported charset " + LogValues.truncated(charset) + "; send the body " + "in UTF-8.");
			}
			return format;
		}
		throw new BadTokenRequest(
				"Unsupported Content-Type " + LogValues.truncated(mediaType.getType() + "/" + mediaType.getSubtype())
						+ "; use application/x-www-form-urlencoded or application/json.");
	}

	/**
	 * Refuses client credentials in the query before anything else is done with the
	 * request.
	 */
	static void refuseCredentialsInQuery(String query) {
		if (query == null || query.isEmpty()) {
			return;
		}
		for (String name : parseForm(query, false).keySet()) {
			if (CREDENTIAL_PARAMETERS.contains(name)) {
				throw new BadTokenRequest("Send " + name + " in the request body or the Authorization header, never "
						+ "in the URL, where it would be written to access logs (RFC 6749 §2.3.1).");
			}
		}
	}

	/** Every parameter of the request, each with its one value. */
	Map<String, String> parse(String query, Format format, byte[] body, int length) {
		Map<String, String> parameters = query == null || query.isEmpty() ? new LinkedHashMap<>()
				: parseForm(query, true);
		switch (format) {
			case FORM -> parseForm(utf8(body, 0, length), true).forEach((name, value) -> put(parameters, name, value));
			case JSON -> readJson(body, length, parameters);
			case NONE -> {
			}
		}
		return parameters;
	}

	private static Map<String, String> parseForm(String form, boolean refuseRepeated) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			if (refuseRepeated) {
				put(parameters, name, value);
			}
			else {
				parameters.putIfAbsent(name, value);
			}
		}
		return parameters;
	}

	/**
	 * Form-urlencoded to text; the decoded bytes must be UTF-8, not silently replaced by
	 * U+FFFD.
	 */
	private static String decode(String encoded) {
		if (encoded.indexOf('%') < 0) {
			return encoded.replace('+', ' ');
		}
		byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
		byte[] decoded = new byte[bytes.length];
		int length = 0;
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '%') {
				int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
				int low = high < 0 ? -1 : Character.digit(bytes[i + 2], 16);
				if (low < 0) {
					throw new BadTokenRequest(
							"A parameter is not form-urlencoded (a '%' not followed by two hex " + "digits).");
				}
				decoded[length++] = (byte) (high << 4 | low);
				i += 2;
			}
			else {
				decoded[length++] = b == '+' ? (byte) ' ' : b;
			}
		}
		return utf8(decoded, 0, length);
	}

	private static String utf8(byte[] bytes, int offset, int length) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, offset, length))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw new BadTokenRequest("A parameter is not valid UTF-8.");
		}
	}

	/**
	 * Auth0 accepts the token request as a JSON object of string fields. Only strings: an
	 * array or a {@code null} would have to be guessed about (one value or several,
	 * absent or empty), so it is refused.
	 */
	private void readJson(byte[] body, int length, Map<String, String> parameters) {
		JsonNode root;
		try {
			root = json.readTree(body, 0, length);
		}
		catch (JacksonException e) {
			if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")) {
				throw new BadTokenRequest("A member of the JSON object was sent more than once; each parameter may "
						+ "appear only once (RFC 6749 §3.2).");
			}
			throw new BadTokenRequest("The request body is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw new BadTokenRequest("The JSON body must be an object of string fields, e.g. "
					+ "{\"grant_type\":\"client_credentials\", ...}.");
		}
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			JsonNode value = field.getValue();
			if (value.isString()) {
				put(parameters, field.getKey(), value.asString());
			}
			else {
				throw new BadTokenRequest("Field '" + LogValues.truncated(field.getKey()) + "' must be a string.");
			}
		}
	}

	private static void put(Map<String, String> parameters, String name, String value) {
		if (parameters.putIfAbsent(name, value) != null) {
			throw new BadTokenRequest("Parameter '" + LogValues.truncated(name) + "' was sent more than once; each "
					+ "parameter may appear only once (RFC 6749 §3.2).");
		}
	}

	/**
	 * A request this server cannot read: {@code 400 invalid_request} with this
	 * description.
	 */
	static final class BadTokenRequest extends RuntimeException {

		BadTokenRequest(String description) {
			super(description, null, false, false);
		}

	}

}
