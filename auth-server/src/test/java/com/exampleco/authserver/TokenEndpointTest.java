package com.exampleco.authserver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

import static com.exampleco.authserver.TestClients.DEVICE_APP;
import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.NO_GRANT;
import static com.exampleco.authserver.TestClients.ORG_DEFAULT;
import static com.exampleco.authserver.TestClients.ORG_REQUIRED;
import static com.exampleco.authserver.TestClients.PAYROLL;
import static com.exampleco.authserver.TestClients.POST_ONLY;
import static com.exampleco.authserver.TestClients.READER;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /oauth/token}, over real HTTP: every parameter, every outcome, every error
 * of the client credentials grant as Auth0 and RFC 6749 define them.
 */
class TokenEndpointTest extends AuthServerIntegrationTest {

	@Nested
	class ClientAuthentication {

		@Test
		void clientSecretPostGetsABearerTokenThatIsNeverCached() {
			var answer = server.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
					"client_secret", IMPORT_JOB.secret(), "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json()).containsOnlyKeys("access_token", "token_type", "expires_in", "scope")
				.containsEntry("token_type", "Bearer")
				.containsEntry("expires_in", 3600)
				.containsEntry("scope", "batch:upload create:timesheets");
			assertThat(answer.header("Cache-Control")).contains("no-store");
			assertThat(answer.header("Content-Type")).startsWith("application/json");
		}

		@Test
		void clientSecretBasicGetsATokenForTheSameClient() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(200);
			assertThat(claims(answer.accessToken())).containsEntry("sub", "import-job@clients");
		}

		@Test
		void aWrongBasicSecretWithPercentAndColonIsInvalidClient() {
			// RFC 6749 §2.3.1: the client form-url-encodes id and secret (as basic()
			// does), so '%' and ':' in a secret reach the server escaped; a wrong one is
			// the ordinary invalid_client, not a 400 or a 500.
			var answer = server.post("/oauth/token", TokenEndpointClient.basic(IMPORT_JOB.clientId(), "x%y:z"),
					"application/x-www-form-urlencoded", "grant_type=client_credentials&audience=" + TIMESHEETS);

			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.error()).isEqualTo("invalid_client");
		}

		@Test
		void aWrongSecretWithBasicIsInvalidClientWithABasicChallenge() {
			var answer = server.tokenWithBasic(new TestClients.Credentials(IMPORT_JOB.clientId(), READER.secret()),
					"grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.error()).isEqualTo("invalid_client");
			assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=");
			assertThat(answer.body()).doesNotContain(READER.secret());
		}

		@Test
		void aWrongSecretInTheBodyIsInvalidClientWithoutAChallenge() {
			var answer = server.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
					"client_secret", "not-the-secret", "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.error()).isEqualTo("invalid_client");
			assertThat(answer.header("WWW-Authenticate")).isNull();
		}

		@Test
		void anUnknownClientGetsTheSameAnswerAsAWrongSecret() {
			var unknown = server.token("grant_type", "client_credentials", "client_id", "nobody", "client_secret",
					IMPORT_JOB.secret(), "audience", TIMESHEETS);
			var wrongSecret = server.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
					"client_secret", "not-the-secret", "audience", TIMESHEETS);

			assertThat(unknown.status()).isEqualTo(401);
			assertThat(unknown.json()).isEqualTo(wrongSecret.json());
		}

		@Test
		void aRequestWithoutCredentialsIsInvalidClient() {
			var answer = server.token("grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.error()).isEqualTo("invalid_client");
			assertThat(answer.description()).contains("client_id and client_secret");
		}

		@Test
		void clientIdWithoutSecretIsInvalidClient() {
			var answer = server.token("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
					"audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.error()).isEqualTo("invalid_client");
		}

		@Test
		void twoAuthenticationMethodsInOneRequestAreRefused() {
			var answer = server.post("/oauth/token",
					TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()),
					"application/x-www-form-urlencoded",
					TokenEndpointClient.form("grant_type", "client_credentials", "client_id", IMPORT_JOB.clientId(),
							"client_secret", IMPORT_JOB.secret(), "audience", TIMESHEETS));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("not both");
		}

		@Test
		void aClientLimitedToPostCannotUseBasic() {
			var basic = server.tokenWithBasic(POST_ONLY, "grant_type", "client_credentials", "audience", TIMESHEETS);
			var post = server.token("grant_type", "client_credentials", "client_id", POST_ONLY.clientId(),
					"client_secret", POST_ONLY.secret(), "audience", TIMESHEETS);

			assertThat(basic.status()).isEqualTo(401);
			assertThat(basic.error()).isEqualTo("invalid_client");
			assertThat(basic.description()).contains("client_secret_basic").contains("client_secret_post");
			assertThat(post.status()).isEqualTo(200);
		}

		@Test
		void aMalformedBasicHeaderIsInvalidRequest() {
			var answer = server.post("/oauth/token", "Basic !!!not-base64", "application/x-www-form-urlencoded",
					"grant_type=client_credentials");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("base64");
		}

	}

	@Nested
	class AudienceAndScopes {

		@Test
		void withoutScopeTheTokenCarriesEveryScopeOfTheGrant() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(answer.json()).containsEntry("scope", "batch:upload create:timesheets");
			assertThat(claims(answer.accessToken())).containsEntry("scope", "batch:upload create:timesheets");
		}

		@Test
		void aSubsetOfTheGrantIsIssuedAsAsked() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"scope", "create:timesheets");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json()).containsEntry("scope", "create:timesheets");
			assertThat(claims(answer.accessToken())).containsEntry("scope", "create:timesheets");
		}

		@Test
		void aScopeOutsideTheGrantIsInvalidScope() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"scope", "batch:upload delete:timesheets");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_scope");
			assertThat(answer.description()).contains("delete:timesheets")
				.doesNotContain("not granted to this " + "client for \"" + TIMESHEETS + "\": batch:upload");
		}

		@Test
		void aScopeTheApiDoesNotDefineIsInvalidScope() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"scope", "read:payroll");

			assertThat(answer.error()).isEqualTo("invalid_scope");
		}

		@Test
		void resourceIsASynonymOfAudience() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "resource", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(200);
			assertThat(claims(answer.accessToken())).containsEntry("aud", TIMESHEETS);
		}

		@Test
		void audienceAndResourceNamingDifferentApisAreRefused() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"resource", PAYROLL);

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
		}

		@Test
		void withoutAudienceTheClientsDefaultAudienceIsUsed() {
			var answer = server.tokenWithBasic(READER, "grant_type", "client_credentials");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(claims(answer.accessToken())).containsEntry("aud", TIMESHEETS)
				.containsEntry("scope", "read:timesheets");
		}

		@Test
		void withoutAudienceOrDefaultTheRequestIsInvalid() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("audience");
		}

		@Test
		void anApiWithoutAGrantIsAccessDeniedAsAuth0SaysIt() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", PAYROLL);

			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.error()).isEqualTo("access_denied");
			assertThat(answer.description()).startsWith("Client is not authorized to access \"" + PAYROLL + "\".");
		}

		@Test
		void aClientWithNoGrantAtAllIsAccessDenied() {
			var answer = server.tokenWithBasic(NO_GRANT, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.error()).isEqualTo("access_denied");
			assertThat(answer.description()).contains("\"" + TIMESHEETS + "\"").contains("client-grant");
		}

		@Test
		void anUnknownAudienceIsAccessDenied() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience",
					"https://api.exampleco.com/unknown");

			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.error()).isEqualTo("access_denied");
			assertThat(answer.description()).isEqualTo("Service not found: https://api.exampleco.com/unknown");
		}

	}

	@Nested
	class Organizations {

		@Test
		void aMemberOrganizationByNameIsCarriedInTheToken() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "acme");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(claims(answer.accessToken())).containsEntry("org_id", "org_acme")
				.containsEntry("org_name", "acme");
		}

		@Test
		void anOrganizationCanBeNamedByItsId() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "org_acme");

			assertThat(claims(answer.accessToken())).containsEntry("org_id", "org_acme");
		}

		@Test
		void anOrganizationTheClientIsNotAMemberOfIsAccessDenied() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "globex");

			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.error()).isEqualTo("access_denied");
			assertThat(answer.description()).contains("not a member").contains("globex");
		}

		@Test
		void anUnknownOrganizationIsAccessDenied() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "initech");

			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.description()).contains("initech");
		}

		@Test
		void withoutOrganizationAnAllowGrantIssuesAPlainToken() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(claims(answer.accessToken())).doesNotContainKeys("org_id", "org_name");
		}

		@Test
		void aDenyGrantRefusesAnyOrganization() {
			var answer = server.tokenWithBasic(READER, "grant_type", "client_credentials", "organization", "acme");

			assertThat(answer.status()).isEqualTo(403);
			assertThat(answer.error()).isEqualTo("access_denied");
			assertThat(answer.description()).contains("organization_usage: deny");
		}

		@Test
		void aRequireGrantRefusesARequestWithoutOrganization() {
			var answer = server.tokenWithBasic(ORG_REQUIRED, "grant_type", "client_credentials", "audience",
					TIMESHEETS);

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("organization");
		}

		@Test
		void aRequireGrantWithAnyOrganizationAllowedIssuesForEach() {
			var acme = server.tokenWithBasic(ORG_REQUIRED, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "acme");
			var globex = server.tokenWithBasic(ORG_REQUIRED, "grant_type", "client_credentials", "audience", TIMESHEETS,
					"organization", "globex");

			assertThat(claims(acme.accessToken())).containsEntry("org_id", "org_acme");
			assertThat(claims(globex.accessToken())).containsEntry("org_id", "org_globex");
		}

		@Test
		void aDefaultOrganizationIsUsedWhenTheRequestNamesNone() {
			var answer = server.tokenWithBasic(ORG_DEFAULT, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(claims(answer.accessToken())).containsEntry("org_id", "org_globex")
				.containsEntry("org_name", "globex");
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class MalformedRequests {

		@Test
		void aJsonBodyWorksAsAuth0Accepts() {
			var answer = server.post("/oauth/token", null, "application/json", """
					{"grant_type": "client_credentials", "client_id": "%s", "client_secret": "%s",
					 "audience": "%s", "scope": "batch:upload", "organization": "acme"}
					""".formatted(IMPORT_JOB.clientId(), IMPORT_JOB.secret(), TIMESHEETS));

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json()).containsEntry("scope", "batch:upload");
			assertThat(claims(answer.accessToken())).containsEntry("org_id", "org_acme");
		}

		@Test
		void invalidJsonIsInvalidRequest() {
			var answer = server.post("/oauth/token", null, "application/json", "{\"grant_type\": ");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("not valid JSON");
		}

		@Test
		void aJsonFieldThatIsNotAStringIsInvalidRequest() {
			var answer = server.post("/oauth/token", null, "application/json",
					"{\"grant_type\": \"client_credentials\", \"audience\": {\"x\": 1}}");

			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("'audience'");
		}

		@Test
		void anUnsupportedContentTypeIsInvalidRequest() {
			var answer = server.post("/oauth/token", null, "text/plain", "grant_type=client_credentials");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("text/plain");
		}

		@ParameterizedTest
		@ValueSource(strings = { "grant_type", "audience", "scope", "client_id", "organization", "resource" })
		void aRepeatedParameterIsInvalidRequest(String parameter) {
			String body = TokenEndpointClient.form("grant_type", "client_credentials", "client_id",
					IMPORT_JOB.clientId(), "client_secret", IMPORT_JOB.secret(), "audience", TIMESHEETS) + "&"
					+ TokenEndpointClient.form(parameter, "x", parameter, "y");
			var answer = server.post("/oauth/token", null, "application/x-www-form-urlencoded", body);

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("'" + parameter + "'").contains("more than once");
		}

		@Test
		void aRepeatedFieldInJsonIsInvalidRequest() {
			var answer = server.post("/oauth/token", null, "application/json",
					"{\"grant_type\": \"client_credentials\", \"scope\": [\"a\", \"b\"]}");

			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("'scope'");
		}

		@Test
		void aMissingGrantTypeIsInvalidRequest() {
			var answer = server.tokenWithBasic(IMPORT_JOB, "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("grant_type");
		}

		@ParameterizedTest
		@ValueSource(strings = { "password", "authorization_code", "refresh_token", "made_up" })
		void anyOtherGrantTypeIsUnsupported(String grantType) {
			var answer = server.tokenWithBasic(IMPORT_JOB, "grant_type", grantType, "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("unsupported_grant_type");
			assertThat(answer.description()).contains(grantType).contains("client_credentials");
		}

		@Test
		void aClientNotAllowedTheClientCredentialsGrantIsUnauthorizedClient() {
			var answer = server.tokenWithBasic(DEVICE_APP, "grant_type", "client_credentials", "audience", TIMESHEETS);

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("unauthorized_client");
		}

		@Test
		void aSecretInTheUrlIsRefusedSoSecretsStayOutOfAccessLogs() {
			var answer = server.post("/oauth/token?client_secret=" + IMPORT_JOB.secret(), null,
					"application/x-www-form-urlencoded", TokenEndpointClient.form("grant_type", "client_credentials",
							"client_id", IMPORT_JOB.clientId(), "audience", TIMESHEETS));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("client_secret").contains("never in the URL");
		}

		@Test
		void audienceInTheQueryIsAcceptedAsSwaggerUiSendsIt() {
			var answer = server.post("/oauth/token?audience=" + TIMESHEETS,
					TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()),
					"application/x-www-form-urlencoded", "grant_type=client_credentials");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(claims(answer.accessToken())).containsEntry("aud", TIMESHEETS);
		}

		@Test
		void aParameterInBothQueryAndJsonBodyIsRepeated() {
			var answer = server.post("/oauth/token?audience=" + TIMESHEETS,
					TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()), "application/json",
					"{\"grant_type\":\"client_credentials\",\"audience\":\"" + TIMESHEETS + "\"}");

			assertThat(answer.error()).isEqualTo("invalid_request");
			assertThat(answer.description()).contains("'audience'").contains("more than once");
		}

		@Test
		void aBrowserOnAnAllowedOriginMayAskForATokenAndOthersMayNot() {
			var preflight = server.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/oauth/token"))
				.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
				.header("Origin", "http://localhost:8080")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization,content-type"));
			var foreign = server.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/oauth/token"))
				.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "POST"));

			assertThat(preflight.status()).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8080");
			assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
			assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
		}

		/**
		 * The refusals written before Spring Security's CORS filter are readable by an
		 * allowed page, only.
		 */
		@ParameterizedTest
		@ValueSource(strings = { "GET", "POST" })
		void anEarlyRefusalCarriesCorsHeadersForAnAllowedOriginOnly(String method) {
			// GET is a 405; a POST with a text body is a 400: both answered by the first
			// filter of the chain.
			String allowed = method + " /oauth/token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ "Origin: http://localhost:8080\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx";

			RawHttp.Answer fromAllowed = RawHttp.exchange(port, allowed);
			RawHttp.Answer fromForeign = RawHttp.exchange(port,
					allowed.replace("http://localhost:8080", "https://evil.example"));

			assertThat(fromAllowed.status()).isEqualTo("GET".equals(method) ? 405 : 400);
			assertThat(fromAllowed.error()).isEqualTo("invalid_request");
			assertThat(fromAllowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8080");
			// so that a browser client can read when to retry a 429 or 503
			assertThat(fromAllowed.header("Access-Control-Expose-Headers")).contains("Retry-After");
			assertThat(fromForeign.status()).isEqualTo(fromAllowed.status());
			assertThat(fromForeign.error()).isEqualTo("invalid_request");
			assertThat(fromForeign.header("Access-Control-Allow-Origin")).isNull();
		}

		@Test
		void getIsMethodNotAllowedInJson() {
			var answer = server.get("/oauth/token");

			assertThat(answer.status()).isEqualTo(405);
			assertThat(answer.header("Allow")).isEqualTo("POST");
			assertThat(answer.error()).isEqualTo("invalid_request");
		}

		@Test
		void springsTokenPathBehavesTheSame() {
			var ok = server.post("/oauth2/token", TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()),
					"application/json", "{\"grant_type\":\"client_credentials\",\"audience\":\"" + TIMESHEETS + "\"}");
			var denied = server.post("/oauth2/token", TokenEndpointClient.basic(NO_GRANT.clientId(), NO_GRANT.secret()),
					"application/x-www-form-urlencoded", "grant_type=client_credentials&audience=" + TIMESHEETS);
			var get = server.get("/oauth2/token");

			assertThat(ok.status()).isEqualTo(200);
			assertThat(claims(ok.accessToken())).containsEntry("aud", TIMESHEETS);
			assertThat(denied.status()).isEqualTo(403);
			assertThat(denied.error()).isEqualTo("access_denied");
			assertThat(get.status()).isEqualTo(405);
		}

		@Test
		void endpointsThisServerDoesNotOfferAreJson404s() {
			var answer = server.post("/oauth2/introspect", null, "application/x-www-form-urlencoded", "token=x");

			assertThat(answer.status()).isEqualTo(404);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(answer.body()).doesNotContain("Exception").doesNotContain("<html");
		}

		/**
		 * A media range is no type a body can have (RFC 9110 §8.3): the client's error,
		 * never a 500.
		 */
		@ParameterizedTest
		@ValueSource(strings = { "/oauth/token/", "/nothing", "/oauth2/introspect" })
		void aWildcardContentTypeOnAnUnknownPathIsAJson415AndNoStackTraceInTheLog(String path, CapturedOutput output) {
			var answer = server.post(path, null, "*/*", "grant_type=client_credentials");

			assertThat(answer.status()).isEqualTo(415);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(answer.body()).doesNotContain("Exception").doesNotContain("<html");
			assertThat(output).as("a client's mistake, not a server failure to log with its stack trace")
				.doesNotContain("Content-Type cannot contain wildcard")
				.doesNotContain("threw exception");
		}

	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> claims(String jwt) {
		assertThat(jwt).as("access token").isNotNull();
		String payload = jwt.split("\\.")[1];
		return JsonMapper.builder()
			.build()
			.readValue(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), Map.class);
	}

}
