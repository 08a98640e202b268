package com.exampleco.authserver.management;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import com.exampleco.authserver.log.LogValues;

/**
 * Reads a management request's JSON body, bounded and strict: at most
 * {@value #MAX_BODY_BYTES} bytes, JSON only, a member named twice refused (Jackson's
 * strict duplicate detection: which of the two would win is a guess that two parsers may
 * make differently), and an unknown member refused with Auth0's wording
 * ({@code Payload validation error: 'Additional properties not allowed: x'}), so a
 * misspelt field never passes as accepted.
 */
@Component
public class ManagementJson {

	/**
	 * Auth0 documents no limit; a client with ten metadata values of 255 characters fits
	 * in a few KB.
	 */
	static final int MAX_BODY_BYTES = 16 * 1024;

	private final ObjectReader reader;

	public ManagementJson(ObjectMapper json) {
		this.reader = json.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	public <T> T read(HttpServletRequest request, Class<T> type) {
		String contentType = request.getContentType();
		if (contentType == null
				|| !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
			throw new ManagementApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json",
					"unsupported_media_type");
		}
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			// One byte more than allowed tells a chunked body that is too large from one
			// that just fits.
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		catch (IOException e) {
			throw ManagementApiException.invalidBody("Payload validation error: the body could not be read");
		}
		if (body.length > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		if (body.length == 0) {
			throw ManagementApiException
				.invalidBody("Payload validation error: 'Expected type object but found " + "type null'.");
		}
		try {
			T value = reader.forType(type).readValue(body);
			if (value == null) {
				throw ManagementApiException
					.invalidBody("Payload validation error: 'Expected type object but " + "found type null'.");
			}
			return value;
		}
		catch (UnrecognizedPropertyException e) {
			throw ManagementApiException.invalidBody("Payload validation error: 'Additional properties not allowed: "
					+ LogValues.safe(e.getPropertyName()) + "'.");
		}
		catch (MismatchedInputException e) {
			throw ManagementApiException.invalidBody("Payload validation error: 'Invalid type' on property "
					+ LogValues.safe(e.getPathReference()) + ".");
		}
		catch (JacksonException e) {
			// Jackson's message may quote the body; Auth0's answer does not.
			throw ManagementApiException.invalidBody("Payload validation error: 'Invalid JSON'.");
		}
	}

	private static ManagementApiException tooLarge() {
		return new ManagementApiException(HttpStatus.CONTENT_TOO_LARGE,
				"Request entity too large: at most " + MAX_BODY_BYTES + " bytes", "payload_too_large");
	}

}
