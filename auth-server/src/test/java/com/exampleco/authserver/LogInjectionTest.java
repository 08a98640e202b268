package com.exampleco.authserver;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CR or LF in a request value never starts a line of the log: a client cannot forge log
 * lines (CWE-117).
 */
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTest {

	@Test
	void requestValuesWithLineBreaksStayOnTheirOwnLogLine(CapturedOutput output) {
		try (var app = RunningServer.start("--spring.datasource.url=jdbc:h2:mem:log-injection;DB_CLOSE_DELAY=-1")) {
			int port = Integer.parseInt(app.context().getEnvironment().getProperty("local.server.port"));
			String form = "application/x-www-form-urlencoded";

			// A client_id with a line break (Spring Authorization Server refuses it as
			// not visible ASCII).
			RawHttp.exchange(port, RawHttp.post("/oauth/token", form, "grant_type=client_credentials"
					+ "&client_id=a%0d%0aFAKE-client-line&client_secret=x&audience=" + TIMESHEETS));
			// A refused request whose description names the parameter: "Token request
			// refused: ..."
			RawHttp.exchange(port, RawHttp.post("/oauth/token", form,
					"grant_type=client_credentials" + "&b%0aFAKE-parameter-line=1&b%0aFAKE-parameter-line=2"));
			// A method the endpoint does not take.
			RawHttp.exchange(port, "PUT /oauth/token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ "Content-Length: 0\r\n\r\n");
		}

		assertThat(output.getAll()).as("the requests were logged").contains("FAKE-parameter-line").contains("not PUT");
		assertThat(Arrays.stream(output.getAll().split("\\R")).filter(line -> line.startsWith("FAKE")))
			.as("no log line forged by a request value")
			.isEmpty();
	}

}
