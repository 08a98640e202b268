package com.exampleco.authserver.token;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.exampleco.authserver.log.LogValues;
import com.exampleco.authserver.token.TokenRequestParser.BadTokenRequest;
import com.exampleco.authserver.token.TokenRequestParser.Format;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The first filter of the token endpoint's security filter chain (a CORS preflight passes
 * on to Spring Security's CORS filter): it reads the token request, then lets it take an
 * admission turn ({@link TokenAdmission}) and presents it to Spring Authorization
 * Server's filters as one shape, whatever path, encoding or body format it came with.
 * <ul>
 * <li>only {@code POST} (405 otherwise, with {@code Allow: POST});</li>
 * <li>no client credentials in the URL (RFC 6749 §2.3.1);</li>
 * <li>the whole body, at most {@code max-body-size} bytes (413), within
 * {@code body-deadline} of the request's arrival (408), whatever the content type or
 * transfer encoding. A body not yet all there is read with the Servlet API's non-blocking
 * IO: no thread and no admission turn waits for a slow client;</li>
 * <li>a form or JSON body under the same rules ({@link TokenRequestParser}), and a
 * {@code grant_type};</li>
 * <li>then a turn, and the request goes on as {@code POST /oauth/token} with its
 * parameters, whichever alias or encoded variant of the path it was sent to (the chain's
 * matcher decides which requests those are).</li>
 * </ul>
 * It also turns any unexpected fault behind it into a {@code server_error} answer without
 * a stack trace.
 */
final class TokenRequestFilter extends OncePerRequestFilter {

	private static final String ADMITTED = TokenRequestFilter.class.getName() + ".ADMITTED";

	private static final String PARAMETERS = TokenRequestFilter.class.getName() + ".PARAMETERS";

	private static final Logger log = LoggerFactory.getLogger(TokenRequestFilter.class);

	/**
	 * Spring's CORS rules, minus the "Invalid CORS request" 403 for another origin: that
	 * origin's page simply cannot read the refusal, which says more than a 403 would.
	 */
	private static final CorsProcessor REFUSAL_CORS = new DefaultCorsProcessor() {
		@Override
		protected void rejectRequest(ServerHttpResponse response) {
		}
	};

	private final TokenRequestParser parser;

	private final TokenAdmission admission;

	private final TokenErrorResponder errors;

	private final CorsConfigurationSource cors;

	private final int maxBodyBytes;

	private final long bodyDeadlineNanos;

	private final long maxWaitNanos;

	TokenRequestFilter(TokenRequestParser parser, TokenAdmission admission, TokenErrorResponder errors,
			CorsConfigurationSource cors, TokenRequestProperties limits, TokenAdmissionProperties turns) {
		this.parser = parser;
		this.admission = admission;
		this.errors = errors;
		this.cors = cors;
		this.maxBodyBytes = limits.maxBodyBytes();
		this.bodyDeadlineNanos = limits.bodyDeadline().toNanos();
		this.maxWaitNanos = turns.maxWait().toNanos();
	}

	/**
	 * The parameters of a token request as this filter parsed them, or {@code null} for a
	 * request it refused before (whose body must then not be read: Tomcat would parse it
	 * as a form).
	 */
	@SuppressWarnings("unchecked")
	static Map<String, String> parsedParameters(HttpServletRequest request) {
		return request.getAttribute(PARAMETERS) instanceof Map<?, ?> parameters ? (Map<String, String>) parameters
				: null;
	}

	/** An admitted request comes back as an asynchronous dispatch when its turn comes. */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ASYNC) {
			if (request.getAttribute(ADMITTED) instanceof PendingRequest pending && pending.starts()) {
				request.removeAttribute(ADMITTED);
				runInTurn(pending.parsed(), response, chain);
			}
			else {
				// Its turn was taken back before this dispatch ran: it never runs without
				// one.
				refuseBusy(request, response);
			}
			return;
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!HttpMethod.POST.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "POST");
			refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED, "The token endpoint accepts only POST, not "
					+ LogValues.truncated(request.getMethod()) + " (RFC 6749 §3.2).");
			return;
		}
		long contentLength = request.getContentLengthLong();
		boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		Format format;
		try {
			// Two answers to "what is the body" are refused rather than one picked, which
			// another reader of the same request might pick differently. (Content-Length
			// beside Transfer-Encoding never gets here: Tomcat drops the Content-Length,
			// as RFC 9112 §6.3 says.)
			if (Collections.list(request.getHeaders(HttpHeaders.CONTENT_TYPE)).size() > 1) {
				throw new BadTokenRequest("Send one Content-Type header.");
			}
			TokenRequestParser.refuseCredentialsInQuery(request.getQueryString());
			format = TokenRequestParser.format(request.getContentType(), contentLength > 0 || chunked);
		}
		catch (BadTokenRequest e) {
			refuse(request, response, HttpStatus.BAD_REQUEST, e.getMessage());
			return;
		}
		if (contentLength > maxBodyBytes) {
			refuseUnread(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
			return;
		}
		PendingRequest pending = new PendingRequest(request, response, format, contentLength, chunked);
		if (!pending.readWhatIsThere()) {
			pending.readTheRestAsynchronously();
			return;
		}
		if (!pending.parse()) {
			return;
		}
		if (admission.tryEnter()) {
			runInTurn(pending.parsed(), response, chain);
		}
		else {
			pending.waitForTurn();
		}
	}

	private void runInTurn(HttpServletRequest parsed, HttpServletResponse response, FilterChain chain)
			throws IOException {
		try {
			chain.doFilter(parsed, response);
		}
		catch (RuntimeException | ServletException e) {
			log.error("Token request failed unexpectedly: {}: {}", e.getClass().getName(),
					LogValues.safe(e.getMessage()));
			if (!response.isCommitted()) {
				// reset() also drops the CORS headers, which the browser needs to read
				// the answer
				response.reset();
				allowAllowedOrigins(parsed, response);
				errors.write(parsed, response, new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
						"The authorization server could not complete the request; try again later.", null));
			}
		}
		finally {
			admission.leave();
		}
	}

	private void refuseBusy(HttpServletRequest request, HttpServletResponse response) throws IOException {
		allowAllowedOrigins(request, response);
		response.setHeader(HttpHeaders.RETRY_AFTER, TokenErrorResponder.RETRY_AFTER_SECONDS);
		errors.write(request, response,
				new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE, "The authorization "
						+ "server is busy; retry after " + TokenErrorResponder.RETRY_AFTER_SECONDS + " second.", null),
				HttpStatus.SERVICE_UNAVAILABLE);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String description)
			throws IOException {
		allowAllowedOrigins(request, response);
		errors.write(request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null), status);
	}

	/**
	 * A refusal before the body was read in full: the connection closes rather than
	 * Tomcat reading the rest.
	 */
	private void refuseUnread(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String description) throws IOException {
		response.setHeader(HttpHeaders.CONNECTION, "close");
		refuse(request, response, status, description);
	}

	/**
	 * This filter answers before Spring Security's CORS filter runs, so its refusals
	 * carry the CORS headers that filter would have added: a browser page on an allowed
	 * origin (Swagger UI) can then read why it was refused (Fetch standard, CORS check),
	 * and any other origin still cannot.
	 */
	private void allowAllowedOrigins(HttpServletRequest request, HttpServletResponse response) {
		try {
			if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
				// A refusal after the request dispatch returned (a body too slow) no
				// longer has the parsed path.
				ServletRequestPathUtils.parseAndCache(request);
			}
			REFUSAL_CORS.processRequest(cors.getCorsConfiguration(request), request, response);
		}
		catch (IOException | IllegalArgumentException e) {
			// Spring cannot copy the request's headers (a media range as Content-Type):
			// the refusal has no CORS.
		}
	}

	private String tooLarge() {
		return "The request body is larger than " + maxBodyBytes + " bytes; a token request is a few hundred.";
	}

	/**
	 * A token request from its arrival to its turn. Exactly one of its outcomes happens:
	 * it is refused (too large, too slow, malformed, or no turn within max-wait), its
	 * client goes away, or it runs in a turn. A turn handed to a request is taken back if
	 * its dispatch has not started within max-wait: Tomcat runs neither the dispatch nor
	 * {@link #onComplete} of a request whose connection was reset meanwhile, and a turn
	 * lost that way is lost for good. The deadlines only change the state; what is
	 * written to a client is written on a container thread, so that a client that does
	 * not read cannot hold up the others' deadlines.
	 */
	private final class PendingRequest implements ReadListener, AsyncListener, TokenAdmission.Waiter {

		private static final int READING = 0;

		private static final int QUEUED = 1;

		private static final int ADMITTED = 2;

		private static final int RUNNING = 3;

		private static final int DONE = 4;

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final Format format;

		private final long contentLength;

		private final long arrived = System.nanoTime();

		private final AtomicInteger state = new AtomicInteger(READING);

		private byte[] body;

		private int length;

		private AsyncContext async;

		private ServletInputStream input;

		private volatile ScheduledFuture<?> deadline;

		private HttpServletRequest parsed;

		PendingRequest(HttpServletRequest request, HttpServletResponse response, Format format, long contentLength,
				boolean chunked) {
			this.request = request;
			this.response = response;
			this.format = format;
			this.contentLength = contentLength;
			this.body = new byte[contentLength >= 0 ? (int) contentLength : chunked ? 512 : 0];
		}

		/**
		 * Reads the bytes of the body that have already arrived, without blocking; true
		 * when that is the whole body. A client sends a token request in one or two
		 * packets, so this is nearly always so.
		 */
		boolean readWhatIsThere() throws IOException {
			if (body.length == 0) {
				return true;
			}
			if (contentLength < 0) {
				return false;
			}
			ServletInputStream in = request.getInputStream();
			while (length < contentLength && in.available() > 0) {
				int read = in.read(body, length, body.length - length);
				if (read < 0) {
					break;
				}
				length += read;
			}
			return length == contentLength;
		}

		/**
		 * Suspends the request, without a thread, until the rest of the body has come or
		 * the deadline passes.
		 */
		void readTheRestAsynchronously() throws IOException {
			suspend();
			long left = bodyDeadlineNanos - (System.nanoTime() - arrived);
			deadline = admission.deadlines().schedule(this::bodyTooSlow, Math.max(0, left), TimeUnit.NANOSECONDS);
			input = request.getInputStream();
			input.setReadListener(this);
		}

		private void suspend() {
			async = request.startAsync(request, response);
			// A backstop only: the deadlines above answer first.
			async.setTimeout(Duration.ofNanos(bodyDeadlineNanos + maxWaitNanos).toMillis() + 5_000);
			async.addListener(this);
		}

		@Override
		public void onDataAvailable() throws IOException {
			while (state.get() == READING && input.isReady()) {
				if (length == body.length) {
					if (length > maxBodyBytes) {
						if (state.compareAndSet(READING, DONE)) {
							cancelDeadline();
							finish(HttpStatus.PAYLOAD_TOO_LARGE, OAuth2ErrorCodes.INVALID_REQUEST, tooLarge());
						}
						return;
					}
					body = Arrays.copyOf(body, Math.min(Math.max(512, body.length * 2), maxBodyBytes + 1));
				}
				int read = input.read(body, length, body.length - length);
				if (read < 0) {
					return;
				}
				length += read;
			}
		}

		@Override
		public void onAllDataRead() throws IOException {
			if (!state.compareAndSet(READING, QUEUED)) {
				return;
			}
			cancelDeadline();
			if (length > maxBodyBytes) {
				state.set(DONE);
				finish(HttpStatus.PAYLOAD_TOO_LARGE, OAuth2ErrorCodes.INVALID_REQUEST, tooLarge());
				return;
			}
			if (parse()) {
				queue();
			}
			else {
				state.set(DONE);
				try {
					async.complete();
				}
				catch (IllegalStateException completedMeanwhile) {
					// The client went away while it was refused: nothing is left to
					// complete.
				}
			}
		}

		/** Parses the body read; false when the request was refused. */
		boolean parse() throws IOException {
			Map<String, String> parameters;
			try {
				parameters = parser.parse(request.getQueryString(), format, body, length);
			}
			catch (BadTokenRequest e) {
				refuse(request, response, HttpStatus.BAD_REQUEST, e.getMessage());
				return false;
			}
			if (!parameters.containsKey(OAuth2ParameterNames.GRANT_TYPE)) {
				refuse(request, response, HttpStatus.BAD_REQUEST, "Missing parameter: grant_type (this server "
						+ "issues tokens for grant_type=client_credentials).");
				return false;
			}
			parsed = new ParsedTokenRequest(request, parameters);
			return true;
		}

		HttpServletRequest parsed() {
			return parsed;
		}

		/**
		 * Every turn was taken: the request waits in the queue, suspended, for at most
		 * max-wait.
		 */
		void waitForTurn() {
			suspend();
			state.set(QUEUED);
			queue();
		}

		private void queue() {
			if (admission.enterOrQueue(this)) {
				state.set(QUEUED);
				if (!admit()) {
					admission.leave();
				}
				return;
			}
			deadline = admission.deadlines().schedule(this::noTurnInTime, maxWaitNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public boolean admit() {
			if (!state.compareAndSet(QUEUED, ADMITTED)) {
				return false;
			}
			cancelDeadline();
			deadline = admission.deadlines().schedule(this::dispatchTooLate, maxWaitNanos, TimeUnit.NANOSECONDS);
			try {
				request.setAttribute(TokenRequestFilter.ADMITTED, this);
				async.dispatch();
				return true;
			}
			catch (IllegalStateException completedMeanwhile) {
				// Its asynchronous cycle ended between the two steps; whoever moves it on
				// from ADMITTED hands over.
				return !state.compareAndSet(ADMITTED, DONE);
			}
		}

		/** Its dispatch has come: it runs on the turn it was handed. */
		boolean starts() {
			if (!state.compareAndSet(ADMITTED, RUNNING)) {
				return false;
			}
			cancelDeadline();
			return true;
		}

		/**
		 * Its dispatch did not start in time (its connection was reset, or will never be
		 * served): the turn goes on.
		 */
		private void dispatchTooLate() {
			if (state.compareAndSet(ADMITTED, DONE)) {
				admission.leave();
			}
		}

		private void bodyTooSlow() {
			if (state.compareAndSet(READING, DONE)) {
				onContainerThread(this::answerTooSlow);
			}
		}

		private void noTurnInTime() {
			if (state.compareAndSet(QUEUED, DONE)) {
				admission.leaveQueue(this);
				onContainerThread(this::answerBusy);
			}
		}

		private void answerTooSlow() {
			finish(HttpStatus.REQUEST_TIMEOUT, OAuth2ErrorCodes.INVALID_REQUEST, "The request body did not arrive "
					+ "within " + Duration.ofNanos(bodyDeadlineNanos).toMillis() + " ms.");
		}

		private void answerBusy() {
			response.setHeader(HttpHeaders.RETRY_AFTER, TokenErrorResponder.RETRY_AFTER_SECONDS);
			finish(HttpStatus.SERVICE_UNAVAILABLE, OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE, "The authorization "
					+ "server is busy; retry after " + TokenErrorResponder.RETRY_AFTER_SECONDS + " second.");
		}

		/**
		 * Runs an answer on one of the container's threads: a write may block on a client
		 * that does not read, and the one deadline thread must stay free for every other
		 * request's deadline.
		 */
		private void onContainerThread(Runnable answer) {
			try {
				async.start(answer);
			}
			catch (IllegalStateException alreadyOver) {
				// Completed by the container meanwhile (the client went away): nothing to
				// answer.
			}
		}

		/** Answers a suspended request that never got a turn, and ends it. */
		private void finish(HttpStatus status, String error, String description) {
			try {
				if (status != HttpStatus.SERVICE_UNAVAILABLE) {
					response.setHeader(HttpHeaders.CONNECTION, "close");
				}
				allowAllowedOrigins(request, response);
				errors.write(request, response, new OAuth2Error(error, description, null), status);
			}
			catch (IOException | IllegalStateException e) {
				// The client is gone: nothing more to tell it.
			}
			finally {
				try {
					async.complete();
				}
				catch (IllegalStateException alreadyOver) {
					// Completed by the container meanwhile.
				}
			}
		}

		private void cancelDeadline() {
			ScheduledFuture<?> pendingDeadline = deadline;
			if (pendingDeadline != null) {
				pendingDeadline.cancel(false);
			}
		}

		/**
		 * The body could not be read (the client went away, or a read timed out): nothing
		 * to answer.
		 */
		@Override
		public void onError(Throwable failure) {
			if (state.compareAndSet(READING, DONE)) {
				cancelDeadline();
				try {
					async.complete();
				}
				catch (IllegalStateException alreadyOver) {
					// Completed by the container meanwhile.
				}
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// Already on a container thread, and the container wants an answer before
			// this returns.
			if (state.compareAndSet(READING, DONE)) {
				cancelDeadline();
				answerTooSlow();
			}
			else if (state.compareAndSet(QUEUED, DONE)) {
				cancelDeadline();
				admission.leaveQueue(this);
				answerBusy();
			}
			else {
				dispatchTooLate();
			}
		}

		/** The client went away while waiting: its place in the queue is given up. */
		@Override
		public void onError(AsyncEvent event) {
			if (state.compareAndSet(QUEUED, DONE)) {
				cancelDeadline();
				admission.leaveQueue(this);
			}
			else if (state.compareAndSet(READING, DONE)) {
				cancelDeadline();
			}
			else if (state.compareAndSet(ADMITTED, DONE)) {
				cancelDeadline();
				admission.leave();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			if (state.compareAndSet(ADMITTED, DONE)) {
				cancelDeadline();
				admission.leave();
			}
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

	/**
	 * The token request as the filters behind this one see it: {@code POST /oauth/token},
	 * a request dispatch, with the parameters read from its query and body and no query
	 * string (they are all in the parameters), whichever alias or encoded variant of the
	 * path it was sent to and whether or not it waited for its turn.
	 */
	private static final class ParsedTokenRequest extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		private final Map<String, String> parsed;

		private final RequestPath path;

		ParsedTokenRequest(HttpServletRequest request, Map<String, String> parameters) {
			super(request);
			this.parsed = Collections.unmodifiableMap(parameters);
			Map<String, String[]> values = new LinkedHashMap<>();
			parameters.forEach((name, value) -> values.put(name, new String[] { value }));
			this.parameters = Collections.unmodifiableMap(values);
			this.path = RequestPath.parse(request.getContextPath() + AuthorizationServerConfig.TOKEN_ENDPOINT,
					request.getContextPath());
		}

		@Override
		public DispatcherType getDispatcherType() {
			return DispatcherType.REQUEST;
		}

		@Override
		public String getRequestURI() {
			return path.value();
		}

		@Override
		public StringBuffer getRequestURL() {
			StringBuffer url = new StringBuffer();
			url.append(getScheme())
				.append("://")
				.append(getServerName())
				.append(':')
				.append(getServerPort())
				.append(getRequestURI());
			return url;
		}

		@Override
		public String getServletPath() {
			return AuthorizationServerConfig.TOKEN_ENDPOINT;
		}

		@Override
		public String getPathInfo() {
			return null;
		}

		@Override
		public String getQueryString() {
			return null;
		}

		@Override
		public Object getAttribute(String name) {
			if (PARAMETERS.equals(name)) {
				return parsed;
			}
			return ServletRequestPathUtils.PATH_ATTRIBUTE.equals(name) ? path : super.getAttribute(name);
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values.clone();
		}

	}

}
