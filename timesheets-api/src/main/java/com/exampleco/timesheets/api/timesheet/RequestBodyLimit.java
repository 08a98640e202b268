package com.exampleco.timesheets.api.timesheet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Caps the bytes of every request body before it is parsed: an upload at
 * {@code timesheets.api.upload.max-bytes}, so that the entry limit cannot be bypassed by
 * a body too large to parse in memory, and any other body (one entry is a few kilobytes
 * at most) at {@code timesheets.api.max-body-bytes}, so that no endpoint reads an
 * arbitrarily large body into memory. A body whose Content-Length is over the limit is
 * refused at once, whatever the method, content type and endpoint (even one that reads no
 * body); a chunked body is counted while it is read, through {@code getInputStream()} and
 * {@code getReader()} alike. A body with a content coding (gzip...) is refused with 415
 * (RFC 9110 §15.5.16): nothing here inflates one, so it could only be misread. Runs after
 * Spring Security: an unauthenticated client gets 401, not a hint about sizes. Refusals
 * are answered by {@code system.ProblemDetailsAdvice}.
 *
 * <p>
 * Tomcat's own readers of a body are switched off in {@code application.properties}
 * (multipart, form parameters), so that no body reaches a parser except through this
 * filter.
 */
@Component
public class RequestBodyLimit extends OncePerRequestFilter {

	// Matched as Spring Security and Spring MVC match it (decoded, normalized path), not
	// by comparing the raw URI: "/timesheets/%75pload" reaches the upload endpoint too.
	private static final RequestMatcher UPLOAD = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/timesheets/upload");

	private final long maxUploadBytes;

	private final long maxBodyBytes;

	private final HandlerExceptionResolver errors;

	RequestBodyLimit(TimesheetsProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
		this.maxUploadBytes = properties.upload().maxBytes().toBytes();
		this.maxBodyBytes = properties.maxBodyBytes().toBytes();
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean upload = UPLOAD.matches(request);
		long maxBytes = upload ? this.maxUploadBytes : this.maxBodyBytes;
		String refusal = upload
				? "An upload body may have at most " + maxBytes + " bytes. Split it into smaller uploads."
				: "A request body may have at most " + maxBytes + " bytes.";
		if (request.getContentLengthLong() > maxBytes) {
			refuse(request, response, new BodyTooLargeException(refusal));
			return;
		}
		String coding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
		boolean hasBody = request.getContentLengthLong() > 0
				|| request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if (hasBody && coding != null && !"identity".equalsIgnoreCase(coding.trim())) {
			refuse(request, response, new ContentEncodingNotSupportedException());
			return;
		}
		chain.doFilter(new LimitedRequest(request, maxBytes, refusal), response);
	}

	/** Answered by the module's one error mapper, as if a controller had raised it. */
	private void refuse(HttpServletRequest request, HttpServletResponse response, Exception refusal)
			throws ServletException {
		if (this.errors.resolveException(request, response, null, refusal) == null) {
			throw new ServletException(refusal);
		}
	}

	/**
	 * Raised while reading a body past the limit; answered 413 by
	 * {@code system.ProblemDetailsAdvice}.
	 */
	public static class BodyTooLargeException extends IOException {

		BodyTooLargeException(String message) {
			super(message);
		}

	}

	/**
	 * A body with a content coding: answered 415 with {@code Accept-Encoding: identity}.
	 */
	public static class ContentEncodingNotSupportedException extends RuntimeException {

		ContentEncodingNotSupportedException() {
			super("The request body must not be encoded (Content-Encoding); send it as it is.");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private final String refusal;

		private ServletInputStream stream;

		private BufferedReader reader;

		LimitedRequest(HttpServletRequest request, long maxBytes, String refusal) {
			super(request);
			this.maxBytes = maxBytes;
			this.refusal = refusal;
		}

		/**
		 * The wrapped request's reader would read Tomcat's buffer directly, past the
		 * count.
		 */
		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = StandardCharsets.ISO_8859_1;
				try {
					charset = (encoding != null) ? Charset.forName(encoding) : charset;
				}
				catch (IllegalArgumentException ex) {
					throw new UnsupportedEncodingException("Unsupported charset");
				}
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return this.reader;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream body = super.getInputStream();
				long declared = getContentLengthLong();
				this.stream = new ServletInputStream() {

					private long read;

					private void count(long bytes) throws BodyTooLargeException {
						this.read += Math.max(bytes, 0);
						if (this.read > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException(LimitedRequest.this.refusal);
						}
					}

					@Override
					public int read() throws IOException {
						if (declared > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException(LimitedRequest.this.refusal);
						}
						int next = body.read();
						count((next < 0) ? 0 : 1);
						return next;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						if (declared > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException(LimitedRequest.this.refusal);
						}
						int n = body.read(buffer, offset, length);
						count(n);
						return n;
					}

					@Override
					public boolean isFinished() {
						return body.isFinished();
					}

					@Override
					public boolean isReady() {
						return body.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						body.setReadListener(listener);
					}
				};
			}
			return this.stream;
		}

	}

}
