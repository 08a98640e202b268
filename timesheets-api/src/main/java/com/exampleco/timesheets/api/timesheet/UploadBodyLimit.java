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
 * Caps the bytes of an upload body before it is parsed, so that the entry limit cannot be bypassed by a body too
 * large to parse in memory. Counted while reading, so it also holds for chunked bodies without Content-Length.
 * Runs after Spring Security: an unauthenticated client gets 401, not a hint about sizes.
 */
@Component
public class UploadBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	UploadBodyLimit(TimesheetsProperties properties) {
		this.maxBytes = properties.upload().maxBytes().toBytes();
	}

	// Matched as Spring Security and Spring MVC match it (decoded, normalized path), not by comparing the raw URI:
	// "/timesheets/%75pload" reaches the upload endpoint too, and must not skip the limit.
	private static final RequestMatcher UPLOAD = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/timesheets/upload");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !UPLOAD.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	/** Raised while reading a body past the limit; answered 413 by {@code system.ProblemDetailsAdvice}. */
	public static class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("An upload body may have at most " + maxBytes + " bytes. Split it into smaller uploads.");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
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
							throw new BodyTooLargeException(LimitedRequest.this.maxBytes);
						}
					}

					@Override
					public int read() throws IOException {
						if (declared > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException(LimitedRequest.this.maxBytes);
						}
						int next = body.read();
						count((next < 0) ? 0 : 1);
						return next;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						if (declared > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException(LimitedRequest.this.maxBytes);
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
