package com.exampleco.timesheets.api.system;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.Validator;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * After a body has been read with values of the wrong type (recorded by
 * {@link JsonValueProblems}), refuses it with one 400 that names those fields and, for a
 * {@code @Valid} body, every other field that fails validation.
 */
@ControllerAdvice
class RequestBodyProblems extends RequestBodyAdviceAdapter {

	private final Validator validator;

	RequestBodyProblems(Validator validator) {
		this.validator = validator;
	}

	@Override
	public boolean supports(MethodParameter methodParameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		JsonValueProblems.Recorded recorded = JsonValueProblems.recorded(RequestContextHolder.getRequestAttributes());
		if (recorded.isEmpty()) {
			return body;
		}
		List<FieldProblem> wrongValues = recorded.problems();
		List<FieldProblem> problems = new ArrayList<>(wrongValues);
		if (parameter.hasParameterAnnotation(Valid.class)) {
			Set<String> named = wrongValues.stream().map(FieldProblem::field).collect(Collectors.toSet());
			FieldProblems.of(this.validator.validate(body))
				.stream()
				.filter((problem) -> !named.contains(problem.field()))
				.forEach(problems::add);
		}
		throw new InvalidRequestException(problems, recorded.unrecorded());
	}

}
