package com.exampleco.timesheets.api.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.exampleco.timesheets.api.support.AccessTokens;
import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;
import com.exampleco.timesheets.api.support.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint, called with the right scope, another scope, no token, and each kind of
 * token the API must refuse.
 */
class ScopeMatrixTest extends ApiIntegrationTest {

	enum Endpoint {

		CREATE("POST", "/timesheets", "create:timesheets", 201),
		UPLOAD("POST", "/timesheets/upload", "batch:upload", 200), LIST("GET", "/timesheets", "read:timesheets", 200),
		READ("GET", "/timesheets/{id}", "read:timesheets", 200),
		DELETE("DELETE", "/timesheets/{id}", "delete:timesheets", 204),
		PENDING("GET", "/approvals", "approve:timesheets", 200),
		APPROVE("PUT", "/approvals/{id}", "approve:timesheets", 200);

		final String method;

		final String path;

		final String scope;

		final int success;

		Endpoint(String method, String path, String scope, int success) {
			this.method = method;
			this.path = path;
			this.scope = scope;
			this.success = success;
		}

	}

	/**
	 * How each refused token is made, from the defaults of a good token with the
	 * endpoint's scope.
	 */
	enum BadToken {

		EXPIRED((tokens) -> tokens.issuedAt(Instant.now().minusSeconds(7200))
			.expiresAt(Instant.now().minusSeconds(3600))
			.rs256(), "Jwt expired"),
		WRONG_AUDIENCE((tokens) -> tokens.audience("https://api.exampleco.com/payroll").rs256(), "aud"),
		WRONG_ISSUER((tokens) -> tokens.issuer("https://evil.example.com/").rs256(), "issuer"),
		WRONG_KEY((tokens) -> tokens.signedWith(TestAuthorizationServer.newKey("key-1")).rs256(), "signature"),
		ALG_NONE(AccessTokens::unsigned, "signature"),
		HS256_WITH_PUBLIC_KEY(AccessTokens::hs256WithPublicKeyBytes, "signature");

		final Function<AccessTokens, String> make;

		final String described;

		BadToken(Function<AccessTokens, String> make, String described) {
			this.make = make;
			this.described = described;
		}

	}

	static Stream<Endpoint> endpoints() {
		return Arrays.stream(Endpoint.values());
	}

	static Stream<Arguments> badTokens() {
		return endpoints()
			.flatMap((endpoint) -> Arrays.stream(BadToken.values()).map((bad) -> Arguments.of(endpoint, bad)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpoints")
	void withTheRightScopeTheCallSucceeds(Endpoint endpoint) {
		ApiClient.Response response = call(endpoint, token(endpoint.scope));

		assertThat(response.status()).as(response.toString()).isEqualTo(endpoint.success);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpoints")
	void withEveryOtherScopeTheCallIsForbiddenAndTheNeededScopeIsNamed(Endpoint endpoint) {
		String otherScopes = Arrays.stream(Scope.values())
			.map(Scope::value)
			.filter((scope) -> !scope.equals(endpoint.scope))
			.collect(Collectors.joining(" "));

		ApiClient.Response response = call(endpoint, token(otherScopes));

		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer ")
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"" + endpoint.scope + "\"");
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	@ParameterizedTest(name = "HEAD {0}")
	@EnumSource(value = Endpoint.class, names = { "LIST", "READ" })
	void aHeadRequestNeedsTheScopeOfItsGet(Endpoint endpoint) {
		String otherScopes = Arrays.stream(Scope.values())
			.map(Scope::value)
			.filter((scope) -> !scope.equals(endpoint.scope))
			.collect(Collectors.joining(" "));
		String path = endpoint.path.replace("{id}", existingEntry());

		ApiClient.Response withOtherScopes = this.api.call("HEAD", path).bearer(token(otherScopes)).send();
		ApiClient.Response withTheScope = this.api.call("HEAD", path).bearer(token(endpoint.scope)).send();

		assertThat(withOtherScopes.status()).as(withOtherScopes.toString()).isEqualTo(403);
		assertThat(withOtherScopes.header("WWW-Authenticate")).contains("scope=\"" + endpoint.scope + "\"");
		assertThat(withTheScope.status()).as(withTheScope.toString()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpoints")
	void withoutATokenTheCallIsUnauthorizedWithoutAnErrorCode(Endpoint endpoint) {
		ApiClient.Response response = call(endpoint, null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"timesheets-api\"");
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("badTokens")
	void aTokenThatFailsValidationIsAnInvalidToken(Endpoint endpoint, BadToken bad) {
		String token = bad.make.apply(tokens().scope(endpoint.scope));

		ApiClient.Response response = call(endpoint, token);

		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer ")
			.contains("error=\"invalid_token\"")
			.contains("error_description=\"")
			.contains(bad.described);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).doesNotContain(token).doesNotContain("Exception").doesNotContain("at com.");
	}

	private ApiClient.Response call(Endpoint endpoint, String token) {
		String path = endpoint.path.replace("{id}", endpoint.path.contains("{id}") ? existingEntry() : "");
		ApiClient.Call call = this.api.call(endpoint.method, path);
		if (token != null) {
			call.bearer(token);
		}
		if (endpoint == Endpoint.CREATE) {
			call.json(entry("E-100", "2026-11-02", "apollo", 7.5));
		}
		if (endpoint == Endpoint.UPLOAD) {
			call.json(List.of(Map.of("idempotency_key", UUID.randomUUID().toString(), "employee_id", "E-100", "date",
					"2026-11-02", "project", "apollo", "hours", 7.5)));
		}
		return call.send();
	}

	private String existingEntry() {
		ApiClient.Response created = this.api.post("/timesheets")
			.bearer(token("create:timesheets"))
			.json(entry("E-100", "2026-11-03", "apollo", 8))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
