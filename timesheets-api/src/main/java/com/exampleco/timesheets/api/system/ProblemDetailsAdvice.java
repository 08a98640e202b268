package com.exampleco.timesheets.api.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.beans.TypeMismatchException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.exampleco.timesheets.api.security.EndpointScopes;
import com.exampleco.timesheets.api.security.Scope;
import com.exampleco.timesheets.api.timesheet.EntryNotFoundException;
import com.exampleco.timesheets.api.timesheet.IdempotencyKeyInProgressException;
import com.exampleco.timesheets.api.timesheet.IdempotencyKeyReusedException;
import com.exampleco.timesheets.api.timesheet.RequestBodyLimit;
import com.exampleco.timesheets.api.timesheet.UploadTooLargeException;

/**
 * The one place that turns an error into this API's answer: an RFC 9457
 * {@code application/problem+json} body and, for a refused bearer token, the RFC 6750
 * {@code WWW-Authenticate} challenge. Errors reach it from the controllers, from Spring
 * MVC itself (404, 405, 406, 415, unreadable bodies, through
 * {@link ResponseEntityExceptionHandler}), from the security filter chain (its entry
 * point and access denied handler resolve through here) and from the container's error
 * dispatch ({@link ProblemErrorController}). A 400 lists every invalid field in
 * {@code errors}; anything unexpected is a 500 whose body says nothing of the cause: the
 * log does. Every problem body is cut to {@link ProblemBounds} on its way out. Only what
 * Tomcat refuses before Spring runs is answered elsewhere, by
 * {@link ProblemErrorReportValve}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** The realm of every RFC 6750 challenge of this API. */
	static final String REALM = "timesheets-api";

	private static final String UNVERIFIABLE = "The access token is malformed or its signature cannot be verified";

	/** The detail of a 400 names this many fields; {@code errors} lists more. */
	private static final int MAX_FIELDS_IN_DETAIL = 20;

	private static final Pattern INDEX = Pattern.compile("\\d+");

	/**
	 * Field names in alphabetical order, except that array indexes compare as numbers.
	 */
	private static final Comparator<String> FIELD_ORDER = Comparator.comparing((String field) -> INDEX.matcher(field)
		.replaceAll((index) -> "0".repeat(Math.max(0, 10 - index.group().length())) + index.group()));

	@ExceptionHandler
	ProblemDetail invalidRequest(InvalidRequestException ex) {
		return badRequest(ex.problems(), ex.unrecorded());
	}

	@ExceptionHandler
	ProblemDetail notFound(EntryNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The Idempotency-Key " + ex.getMessage());
		problem.setProperty("errors", List.of(new FieldProblem("Idempotency-Key", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail keyInProgress(IdempotencyKeyInProgressException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The Idempotency-Key " + ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail uploadTooLarge(UploadTooLargeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	/**
	 * A body refused by {@link RequestBodyLimit} for its declared length, before anything
	 * read it.
	 */
	@ExceptionHandler
	ProblemDetail bodyTooLarge(RequestBodyLimit.BodyTooLargeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	/**
	 * RFC 9110 §15.5.16: nothing here decodes a content coding, so a compressed body
	 * would be read as garbage.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> contentEncoding(RequestBodyLimit.ContentEncodingNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.header(HttpHeaders.ACCEPT_ENCODING, "identity")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage()));
	}

	/**
	 * A request the security filter chain refused for its bearer token (RFC 6750 §3):
	 * <ul>
	 * <li>no token: 401 {@code Bearer realm="timesheets-api"}, without an error code
	 * (§3.1);
	 * <li>a token refused: 401 {@code invalid_token}; the description says which check
	 * failed for a token that the authorization server signed (expired, other audience,
	 * other issuer) and nothing more than "could not be verified" otherwise, so that a
	 * forger learns nothing about our keys or algorithms;
	 * <li>keys that cannot be fetched (authorization server unreachable, nothing cached):
	 * 503 with {@code Retry-After}, since the token may well be good: the client should
	 * retry, not re-authenticate.
	 * </ul>
	 * Tokens are never logged or echoed.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
		if (ex instanceof AuthenticationServiceException) {
			log.warn("Cannot verify access tokens for {} {}: {}", request.getMethod(), request.getRequestURI(),
					ex.getMessage());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
						"The authorization server's signing keys are unavailable; retry later"));
		}
		if (!(ex instanceof OAuth2AuthenticationException oauth2)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"")
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						"An access token is required (Authorization: Bearer <token>)"));
		}
		OAuth2Error error = oauth2.getError();
		HttpStatus status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
				: HttpStatus.UNAUTHORIZED;
		String description = ProblemBounds.text(describe(oauth2));
		log.debug("Refused access token for {} {}: {}", request.getMethod(), request.getRequestURI(), description);
		return ResponseEntity.status(status)
			.header(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"" + REALM + "\", error=\"" + error.getErrorCode() + "\", error_description=\""
							+ quotable(description) + "\"")
			.body(ProblemDetail.forStatusAndDetail(status, description));
	}

	/**
	 * A valid token without the scope the endpoint needs: 403 {@code insufficient_scope}
	 * naming it (RFC 6750 §3.1).
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex, HttpServletRequest request) {
		String scope = EndpointScopes.requiredFor(request).map(Scope::value).orElse("");
		String description = "The access token lacks the scope this request needs: " + scope;
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.header(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", error_description=\"" + description
							+ "\", scope=\"" + scope + "\"")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, description));
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not complete the request");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			problems.add(new FieldProblem(FieldProblems.jsonName(error.getField()), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> problems.add(new FieldProblem("", error.getDefaultMessage())));
		return ResponseEntity.badRequest().headers(headers).body(badRequest(problems));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> problems.add(new FieldProblem(name, error.getDefaultMessage())));
		});
		return ResponseEntity.badRequest().headers(headers).body(badRequest(problems));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(badRequest(List.of(new FieldProblem(name, "is not a valid " + describe(type)))));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(badRequest(List.of(new FieldProblem(ex.getParameterName(), "is required"))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyLimit.BodyTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.headers(headers)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
			}
		}
		// Values of the wrong type met before the one Jackson could not get past (see
		// JsonValueProblems).
		JsonValueProblems.Recorded recorded = JsonValueProblems.recorded(request);
		List<FieldProblem> problems = new ArrayList<>(recorded.problems());
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamReadException syntax && syntax.getLocation() != null) {
				// Where the JSON breaks, so the client can find it; never the input
				// itself.
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"The request body is not valid JSON (line " + syntax.getLocation().getLineNr() + ", column "
								+ syntax.getLocation().getColumnNr() + ")");
				return ResponseEntity.badRequest().headers(headers).body(problem);
			}
			if (cause instanceof MismatchedInputException shape && shape.getPath().isEmpty() && problems.isEmpty()) {
				boolean array = shape.getTargetType() != null
						&& Collection.class.isAssignableFrom(shape.getTargetType());
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"The request body must be a JSON " + (array ? "array" : "object"));
				return ResponseEntity.badRequest().headers(headers).body(problem);
			}
			if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
				String field = path(json.getPath());
				if (problems.stream().noneMatch((problem) -> problem.field().equals(field))) {
					problems.add(new FieldProblem(field, "has a value of the wrong type or format"));
				}
				break;
			}
		}
		if (problems.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The request body is missing or is not valid JSON");
			return ResponseEntity.badRequest().headers(headers).body(problem);
		}
		return ResponseEntity.badRequest().headers(headers).body(badRequest(problems, recorded.unrecorded()));
	}

	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** What the client may learn of why its token was refused. */
	private static String describe(OAuth2AuthenticationException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return invalid.getErrors()
					.stream()
					.map(OAuth2Error::getDescription)
					.distinct()
					.collect(Collectors.joining("; "));
			}
		}
		if (failure.getCause() == null && failure.getError().getDescription() != null) {
			// Raised by the bearer token resolver itself (e.g. a malformed Authorization
			// header).
			return failure.getError().getDescription();
		}
		return UNVERIFIABLE;
	}

	/**
	 * RFC 6750 §3: error_description may not contain '"' or '\' nor characters outside
	 * %x20-7E.
	 */
	private static String quotable(String text) {
		return text.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
	}

	private static String describe(String type) {
		return switch (type) {
			case "LocalDate" -> "date (yyyy-MM-dd)";
			case "UUID" -> "UUID";
			case "int", "Integer" -> "integer";
			default -> type;
		};
	}

	static ProblemDetail badRequest(List<FieldProblem> problems) {
		return badRequest(problems, 0);
	}

	/**
	 * A 400 naming the invalid fields in order ({@code [2].hours} before
	 * {@code [10].hours}), at most as many as {@link ProblemBounds} lets an answer carry,
	 * and how many more there were.
	 */
	static ProblemDetail badRequest(List<FieldProblem> problems, long unrecorded) {
		List<FieldProblem> sorted = problems.stream()
			.sorted(Comparator.comparing(FieldProblem::field, FIELD_ORDER))
			.toList();
		ProblemBounds.Listed listed = ProblemBounds.first(sorted, unrecorded);
		List<String> fields = listed.problems().stream().map(FieldProblem::field).distinct().toList();
		List<String> named = fields.subList(0, Math.min(fields.size(), MAX_FIELDS_IN_DETAIL));
		long others = fields.size() - named.size() + listed.omitted();
		String detail = "Invalid " + String.join(", ", named) + ((others > 0) ? " and " + others + " more" : "");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty("errors", listed.problems());
		if (listed.omitted() > 0) {
			problem.setProperty(ProblemBounds.OMITTED, listed.omitted());
		}
		return problem;
	}

	/**
	 * The last step before any problem body this API writes (from these handlers, Spring
	 * MVC's own, or {@link ProblemErrorController}): cut to the bounds of
	 * {@link ProblemBounds}.
	 */
	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			ProblemDetail bounded = ProblemBounds.bound(problem);
			if (request instanceof ServletServerHttpRequest servlet) {
				AnsweredProblem.on(servlet.getServletRequest(), bounded);
			}
			return bounded;
		}
		return body;
	}

}
