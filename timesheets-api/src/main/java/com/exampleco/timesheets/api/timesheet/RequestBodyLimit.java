package com.exampleco.timesheets.api.timesheet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the bytes of every request body before it is parsed: an upload at {@code timesheets.api.upload.max-bytes},
 * so that the entry limit cannot be bypassed by a body too large to parse in memory, and any other body (one entry
 * is a few kilobytes at most) at {@code timesheets.api.max-body-bytes}, so that no endpoint reads an arbitrarily
 * large body into memory. Counted while reading, so it also holds for chunked bodies without Content-Length. Runs
 * after Spring Security: an unauthenticated client gets 401, not a hint about sizes.
 */
@Component
public class RequestBodyLimit extends OncePerRequestFilter {

	// Matched as Spring Security and Spring MVC match it (decoded, normalized path), not by comparing the raw URI:
	// "/timesheets/%75pload" reaches the upload endpoint too.
	private static final RequestMatcher UPLOAD = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/timesheets/upload");

	private final long maxUploadBytes;

	private final long maxBodyBytes;

	RequestBodyLimit(TimesheetsProperties properties) {
		this.maxUploadBytes = properties.upload().maxBytes().toBytes();
		this.maxBodyBytes = properties.maxBodyBytes().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean upload = UPLOAD.matches(request);
		long maxBytes = upload ? this.maxUploadBytes : this.maxBodyBytes;
		String refusal = upload ? "An upload body may have at most " + maxBytes
				+ " bytes. Split it into smaller uploads." : "A request body may have at most " + maxBytes + " bytes.";
		chain.doFilter(new LimitedRequest(request, maxBytes, refusal), response);
	}

	/** Raised while reading a body past the limit; answered 413 by {@code system.ProblemDetailsAdvice}. */
	public static class BodyTooLargeException extends IOException {

		BodyTooLargeException(String message) {
			super(message);
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private final String refusal;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes, String refusal) {
			super(request);
			this.maxBytes = maxBytes;
			this.refusal = refusal;
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
