package com.exampleco.timesheets.api.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The finer points of which access tokens the API accepts, beyond the scope matrix. */
class AccessTokenValidationTest extends ApiIntegrationTest {

	private ApiClient.Response list(String token) {
		return this.api.get("/timesheets").bearer(token).send();
	}

	@Test
	void anAudienceArrayThatContainsThisApiIsAccepted() {
		String token = tokens().scope("read:timesheets")
			.audience(List.of("https://api.exampleco.com/payroll", "https://api.exampleco.com/timesheets"))
			.rs256();

		assertThat(list(token).status()).isEqualTo(200);
	}

	@Test
	void anAudienceArrayWithoutThisApiIsRefused() {
		String token = tokens().scope("read:timesheets")
			.audience(List.of("https://api.exampleco.com/payroll", "https://api.exampleco.com/timesheets/extra"))
			.rs256();

		assertThat(list(token).status()).isEqualTo(401);
	}

	@Test
	void theIssuerMustMatchExactlyIncludingItsTrailingSlash() {
		String token = tokens().scope("read:timesheets").issuer("http://localhost:9000").rs256();

		ApiClient.Response response = list(token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("issuer");
	}

	@Test
	void scopesMayAlsoComeAsAnScpArray() {
		String token = tokens().without("scope").claim("scp", List.of("openid", "read:timesheets")).rs256();

		assertThat(list(token).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "application/at+jwt", "JWT", "AT+JWT", "jwt" })
	void anAccessTokenOrPlainJwtTypeIsAccepted(String typ) {
		assertThat(list(tokens().scope("read:timesheets").type(typ).rs256()).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "id+jwt", "JOSE", "dpop+jwt" })
	void anotherTokenTypeIsRefused(String typ) {
		ApiClient.Response response = list(tokens().scope("read:timesheets").type(typ).rs256());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("typ");
	}

	@Test
	void aTokenWithoutTypeIsRefused() {
		assertThat(list(tokens().scope("read:timesheets").type(null).rs256()).status()).isEqualTo(401);
	}

	@Test
	void aTokenWithoutExpiryIsRefused() {
		ApiClient.Response response = list(tokens().scope("read:timesheets").without("exp").rs256());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("exp is required");
	}

	@Test
	void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
		Instant now = Instant.now();
		String token = tokens().scope("read:timesheets")
			.issuedAt(now.minusSeconds(3600))
			.expiresAt(now.minusSeconds(20))
			.rs256();

		assertThat(list(token).status()).isEqualTo(200);
	}

	@Test
	void aTokenNotYetValidBeyondTheClockSkewIsRefused() {
		ApiClient.Response response = list(
				tokens().scope("read:timesheets").notBefore(Instant.now().plusSeconds(600)).rs256());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("Jwt used before");
	}

	@Test
	void aCertificateBoundTokenPresentedWithoutItsCertificateIsRefused() {
		String token = tokens().scope("read:timesheets")
			.claim("cnf", java.util.Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
			.rs256();

		assertThat(list(token).status()).isEqualTo(401);
	}

	@Test
	void aMalformedTokenIsAnInvalidToken() {
		ApiClient.Response response = list("not-a-jwt");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	@Test
	void aTamperedPayloadIsRefused() {
		String[] parts = tokens().scope("read:timesheets").rs256().split("\\.");
		String otherPayload = tokens().scope("read:timesheets delete:timesheets").rs256().split("\\.")[1];

		assertThat(list(parts[0] + "." + otherPayload + "." + parts[2]).status()).isEqualTo(401);
	}

	@Test
	void theSubmitterIsTheTokensClientIdElseAzpElseTheSubjectWithoutAuth0sSuffix() {
		String withClientId = tokens().scope("create:timesheets").client("import-job").rs256();
		String withAzpOnly = tokens().scope("create:timesheets").client("azp-client").without("client_id").rs256();
		String withSubOnly = tokens().scope("create:timesheets")
			.client("sub-client")
			.without("client_id")
			.without("azp")
			.rs256();

		assertThat(submitter(withClientId)).isEqualTo("import-job");
		assertThat(submitter(withAzpOnly)).isEqualTo("azp-client");
		assertThat(submitter(withSubOnly)).isEqualTo("sub-client");
	}

	private String submitter(String token) {
		ApiClient.Response created = this.api.post("/timesheets")
			.bearer(token)
			.json(entry("E-7", "2026-11-02", "apollo", 1))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("submitted_by").asString();
	}

}
