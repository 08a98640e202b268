package com.exampleco.timesheets.api.system;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Names every field of a request body whose JSON value has the wrong type or format, not
 * only the first one.
 *
 * <p>
 * Jackson stops at the first such value, so a body with a malformed {@code date} and a
 * blank {@code employee_id} would be answered "Invalid date" alone, and the client would
 * learn of the next mistake only on its next try. This handler, consulted by Jackson for
 * each such value while a request body is read, records the field (as the client wrote
 * it: {@code date}, {@code [3].hours}) in the current request and lets reading go on with
 * {@code null} there; {@link RequestBodyProblems} then answers 400 with every recorded
 * field and every Bean Validation failure of the others. Outside a web request (or at the
 * top level of a body) Jackson fails as usual.
 *
 * <p>
 * At most {@link ProblemBounds#MAX_FIELD_PROBLEMS} fields are recorded per request and
 * the others only counted: a body of a million wrong values must not become a million
 * recorded problems.
 */
@Component
class JsonValueProblems extends DeserializationProblemHandler implements JsonMapperBuilderCustomizer {

	private static final String ATTRIBUTE = JsonValueProblems.class.getName();

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.addHandler(this);
	}

	/** The fields recorded while reading the current request's body, in the order met. */
	static Recorded recorded(RequestAttributes request) {
		Object recorded = (request != null) ? request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) : null;
		if (recorded instanceof Recording recording) {
			List<FieldProblem> list = new ArrayList<>();
			recording.problems.forEach((field, message) -> list.add(new FieldProblem(field, message)));
			return new Recorded(list, recording.unrecorded);
		}
		return new Recorded(List.of(), 0);
	}

	@Override
	public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
			String failureMsg) {
		return record(ctxt.getParser(), targetType);
	}

	@Override
	public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
			String failureMsg) {
		return record(ctxt.getParser(), targetType);
	}

	@Override
	public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
			String failureMsg) {
		return record(p, targetType.getRawClass());
	}

	@Override
	public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
			ValueInstantiator valueInsta, JsonParser p, String msg) {
		return record(p, instClass);
	}

	private static Object record(JsonParser parser, Class<?> targetType) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String field = (request != null) ? field(parser) : "";
		if (field.isEmpty()) {
			return NOT_HANDLED;
		}
		if (parser.currentToken() == JsonToken.START_ARRAY || parser.currentToken() == JsonToken.START_OBJECT) {
			// Leave the parser after the value, as a deserializer that read it would.
			parser.skipChildren();
		}
		Recording recording = (Recording) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (recording == null) {
			recording = new Recording();
			request.setAttribute(ATTRIBUTE, recording, RequestAttributes.SCOPE_REQUEST);
		}
		recording.add(field, expected(targetType));
		return null;
	}

	/**
	 * @param problems the fields recorded, in the order met
	 * @param unrecorded how many more were met but not recorded
	 */
	record Recorded(List<FieldProblem> problems, long unrecorded) {

		boolean isEmpty() {
			return this.problems.isEmpty() && this.unrecorded == 0;
		}

	}

	private static final class Recording {

		private final Map<String, String> problems = new LinkedHashMap<>();

		private long unrecorded;

		void add(String field, String message) {
			if (this.problems.containsKey(field)) {
				return;
			}
			if (this.problems.size() < ProblemBounds.MAX_FIELD_PROBLEMS) {
				this.problems.put(field, message);
			}
			else {
				this.unrecorded++;
			}
		}

	}

	/**
	 * The path of the value being read: {@code hours}, {@code [1].hours}; empty at the
	 * top level.
	 */
	private static String field(JsonParser parser) {
		TokenStreamContext context = parser.streamReadContext();
		if (parser.currentToken() == JsonToken.START_ARRAY || parser.currentToken() == JsonToken.START_OBJECT) {
			// The parser has entered the value's own array or object: its path is the
			// parent's.
			context = context.getParent();
		}
		List<String> segments = new ArrayList<>();
		for (; context != null && !context.inRoot(); context = context.getParent()) {
			if (context.inArray()) {
				segments.add(0, "[" + Math.max(context.getCurrentIndex(), 0) + "]");
			}
			else if (context.currentName() != null) {
				segments.add(0, "." + context.currentName());
			}
		}
		String path = String.join("", segments);
		return path.startsWith(".") ? path.substring(1) : path;
	}

	private static String expected(Class<?> type) {
		if (LocalDate.class.equals(type)) {
			return "must be a date (yyyy-MM-dd)";
		}
		if (BigDecimal.class.equals(type) || Number.class.isAssignableFrom(type)) {
			return "must be a number";
		}
		if (String.class.equals(type)) {
			return "must be a string";
		}
		if (type.isRecord()) {
			return "must be an object";
		}
		return "has a value of the wrong type or format";
	}

}
