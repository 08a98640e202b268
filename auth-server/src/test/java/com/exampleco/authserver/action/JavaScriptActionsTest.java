package com.exampleco.authserver.action;

import java.util.Map;

import com.exampleco.authserver.TokenEndpointClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Action contract with JavaScript Actions as Auth0 runs them
 * ({@code application-actions-js.yml}), plus what only JavaScript needs: Auth0's
 * documentation examples run unchanged, the sandbox refuses every way out, and the time
 * and memory limits stop an Action without stopping the token endpoint.
 */
@ActiveProfiles({ "test", "actions", "actions-js" })
class JavaScriptActionsTest extends ActionContractTest {

	@Override
	Map<String, Object> customClaimsBeforeTheProbe() {
		return Map.of("https://exampleco.com/cost_center", "CC-4711", "https://my-api.exampleco.com/request-ip",
				"127.0.0.1");
	}

	@Test
	void auth0sExampleAddsTheRequestIpAsACustomClaim() {
		assertThat(claims(token("cost-center-client"))).containsEntry("https://my-api.exampleco.com/request-ip",
				"127.0.0.1");
	}

	@Test
	void auth0sGeoipExampleRunsAndAllowsTheTokenAsThisServerHasNoGeoipData() {
		// event.request.geoip is present and empty, so continentCode is undefined: not
		// "NA", no denial, no error.
		assertThat(token("cost-center-client").status()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "probe-require-fs | Cannot find module 'fs'", "probe-java-type  | Java is not defined",
					"probe-polyglot   | Polyglot is not defined", "probe-process    | process is not defined",
					"probe-fetch      | fetch is not defined", "probe-xhr        | XMLHttpRequest is not defined",
					"probe-load       | load is not defined" })
	void theSandboxHasNoFileSystemProcessHostOrNetworkAccess(String client, String error, CapturedOutput output) {
		Answer answer = token(client);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("access_denied");
		assertThat(answer.description()).isEqualTo(error);
		assertThat(output.getAll()).contains("Action 'probe' failed for client_id=" + client + ": " + error)
			.doesNotContain(API_KEY);
		theEndpointStillAnswers();
	}

	@Test
	void anEndlessLoopIsStoppedAtTheTimeLimitWithServerError(CapturedOutput output) {
		Answer answer = token("probe-loop");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.error()).isEqualTo("server_error");
		assertThat(answer.description()).isEqualTo("The Action exceeded its time limit of 2000 ms.");
		assertThat(output.getAll())
			.contains("Action 'probe' failed for client_id=probe-loop: The Action exceeded " + "its time limit")
			.doesNotContain(API_KEY);
		theEndpointStillAnswers();
	}

	@Test
	void aHugeAllocationIsStoppedAtTheMemoryBoundWithServerError(CapturedOutput output) {
		Answer answer = token("probe-memory");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.error()).isEqualTo("server_error");
		assertThat(answer.description()).isEqualTo("The Action exceeded its memory limit of 16 MB.");
		assertThat(output.getAll()).contains("Action 'probe' failed for client_id=probe-memory");
		theEndpointStillAnswers();
	}

	@Test
	void aBillionElementArrayIsStoppedByALimitWithServerError(CapturedOutput output) {
		// Filled element by element, it grows slower than the time limit on a busy
		// machine: whichever limit comes first stops it.
		Answer answer = token("probe-array-fill");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.error()).isEqualTo("server_error");
		assertThat(answer.description()).startsWith("The Action exceeded its");
		assertThat(output.getAll()).contains("Action 'probe' failed for client_id=probe-array-fill");
		theEndpointStillAnswers();
	}

	@Test
	void stringDoublingHitsTheEnginesStringLimit() {
		Answer answer = token("probe-string-doubling");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("access_denied");
		assertThat(answer.description()).isEqualTo("Invalid string length");
		theEndpointStillAnswers();
	}

	@Test
	void anActionAwaitingForeverFailsAtOnceInsteadOfHangingTheEndpoint() {
		Answer answer = token("probe-never-settles");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.error()).isEqualTo("server_error");
		assertThat(answer.description())
			.isEqualTo("The Action did not complete: it awaits a promise that never " + "settles.");
		theEndpointStillAnswers();
	}

}
