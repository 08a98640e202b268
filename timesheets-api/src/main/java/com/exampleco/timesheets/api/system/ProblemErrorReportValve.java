package com.exampleco.timesheets.api.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The RFC 9457 body of the errors Tomcat answers itself, before any servlet or filter
 * runs: a request line or header it cannot parse (an unencoded {@code <} in the query, a
 * control character in the path). Spring's error handling never sees those, and Tomcat's
 * own report is an HTML page; this valve takes its place on the host and writes a bare
 * {@code application/problem+json} instead (status and title only, as Boot's valve shows
 * no details either).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is already committed: nothing more to
			// tell it.
		}
	}

	/**
	 * The problem of a request refused before Spring MVC can answer it: status and title
	 * only, a few dozen bytes whatever the request.
	 */
	static String body(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}";
	}

	/**
	 * Puts this valve in the place of the HTML one that Spring Boot configures on the
	 * host.
	 */
	@Component
	static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			// Context customizers run in the order added; this customizer runs after
			// Boot's (lowest precedence), so Boot's ErrorReportValve is on the host by
			// then.
			factory.addContextCustomizers((context) -> {
				Host host = (Host) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemErrorReportValve());
				// The host adds a valve of this class at start unless one is present:
				// ours, not Tomcat's HTML one.
				if (host instanceof org.apache.catalina.core.StandardHost standardHost) {
					standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

	}

}
