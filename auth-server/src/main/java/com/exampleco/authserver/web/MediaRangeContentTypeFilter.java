package com.exampleco.authserver.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code Content-Type} that is a media range such as {@code *}{@code /*} may be
 * accepted but is never the type of a body (RFC 9110 §8.3), and Spring refuses it with an
 * {@link IllegalArgumentException} wherever it copies the request's headers (on an
 * unknown path, before its 404). That is the client's error: answered 415 (by
 * {@link JsonErrorController}), and caught here before the servlet container logs it as a
 * server failure with its stack trace, which any client could otherwise repeat to flood
 * the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MediaRangeContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IllegalArgumentException failure) {
			if (!isMediaRange(request.getContentType()) || !isSpringsRefusalOfIt(failure) || response.isCommitted()) {
				throw failure;
			}
			response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
		}
	}

	/**
	 * Only Spring's refusal of the header itself: any other failure of a request that
	 * happens to carry such a header is the server's, and is logged as one.
	 */
	private static boolean isSpringsRefusalOfIt(Throwable failure) {
		return NestedExceptionUtils.getMostSpecificCause(failure) instanceof IllegalArgumentException cause
				&& cause.getMessage() != null && cause.getMessage().startsWith("Content-Type cannot contain wildcard");
	}

	private static boolean isMediaRange(String contentType) {
		try {
			return contentType != null && MediaType.parseMediaType(contentType).isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
