package com.exampleco.authserver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.core.ManagementApiException;
import com.auth0.client.mgmt.types.ClientAppTypeEnum;
import com.auth0.client.mgmt.types.ClientTokenEndpointAuthMethodEnum;
import com.auth0.client.mgmt.types.CreateClientGrantRequestContent;
import com.auth0.client.mgmt.types.CreateClientRequestContent;
import com.auth0.client.mgmt.types.ListLogsRequestParameters;
import com.auth0.client.mgmt.types.Log;
import com.auth0.client.mgmt.types.SigningKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Auth0's own Java SDK ({@code com.auth0:auth0}, its {@code ManagementApi}) against this
 * server, as a team's existing script would use it: create a client and a grant, get a
 * token for the new client, rotate its secret, rotate the signing key, read the tenant
 * log.
 */
class ManagementSdkTest extends AuthServerIntegrationTest {

	@Test
	void aScriptWrittenForAuth0ManagesThisServer() {
		ManagementApi auth0 = ManagementApi.builder()
			.url("http://127.0.0.1:" + port + "/api/v2")
			.token(ManagementApiClient.token(server, MANAGEMENT, null))
			.build();

		var created = auth0.clients()
			.create(CreateClientRequestContent.builder()
				.name("Created with Auth0's SDK")
				.appType(ClientAppTypeEnum.NON_INTERACTIVE)
				.grantTypes(List.of("client_credentials"))
				.tokenEndpointAuthMethod(ClientTokenEndpointAuthMethodEnum.CLIENT_SECRET_POST)
				.clientMetadata(Map.of("team", "payroll"))
				.build());
		String clientId = created.getClientId().orElseThrow();
		String secret = created.getClientSecret().orElseThrow();

		var grant = auth0.clientGrants()
			.create(CreateClientGrantRequestContent.builder()
				.clientId(clientId)
				.audience(TIMESHEETS)
				.scope(List.of("read:timesheets"))
				.build());
		assertThat(grant.getScope()).contains(List.of("read:timesheets"));

		var token = token(clientId, secret);
		assertThat(token.status()).isEqualTo(200);
		assertThat(token.json()).containsEntry("scope", "read:timesheets");

		String rotatedSecret = auth0.clients().rotateSecret(clientId).getClientSecret().orElseThrow();
		assertThat(token(clientId, rotatedSecret).status()).isEqualTo(200);
		assertThat(token(clientId, secret).status()).isEqualTo(401);

		String signingBefore = kid(token(clientId, rotatedSecret).accessToken());
		var nextKey = auth0.keys().signing().rotate();
		String signingAfter = kid(token(clientId, rotatedSecret).accessToken());
		assertThat(signingAfter).isNotEqualTo(signingBefore).isNotEqualTo(nextKey.getKid());
		List<SigningKeys> keys = auth0.keys().signing().list();
		assertThat(keys).anySatisfy(k -> {
			assertThat(k.getKid()).isEqualTo(signingAfter);
			assertThat(k.getCurrent()).contains(true);
		});
		assertThat(keys).anySatisfy(k -> {
			assertThat(k.getKid()).isEqualTo(signingBefore);
			assertThat(k.getPrevious()).contains(true);
		});

		assertThat(auth0.clients().get(clientId).getClientMetadata()).contains(Map.of("team", "payroll"));
		assertThatThrownBy(() -> auth0.clients().get("no-such-client"))
			.isInstanceOfSatisfying(ManagementApiException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

		// The tenant log, through the SDK: the exchanges of the new client, issued and
		// refused (the rotated-out secret). Events are written in the background within a
		// fraction of a second: poll briefly.
		String search = "client_id:\"" + clientId + "\"";
		List<Log> events = List.of();
		for (int attempt = 0; attempt < 50; attempt++) {
			events = auth0.logs()
				.list(ListLogsRequestParameters.builder().search(search).perPage(100).build())
				.streamItems()
				.toList();
			if (events.stream().anyMatch(e -> e.getType().orElse("").equals("feccft"))) {
				break;
			}
			sleep(100);
		}
		assertThat(events).extracting(e -> e.getType().orElse(null)).contains("seccft", "feccft");
		assertThat(events).allSatisfy(e -> assertThat(e.getClientId()).contains(clientId));
		String logId = events.get(0).getLogId().orElseThrow();
		assertThat(auth0.logs().get(logId).getLogId()).contains(logId);
		assertThat(events.toString()).doesNotContain(secret).doesNotContain(rotatedSecret);
	}

	private TokenEndpointClient.Answer token(String clientId, String secret) {
		return server.token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
				"audience", TIMESHEETS);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	@SuppressWarnings("unchecked")
	private static String kid(String jwt) {
		String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
				StandardCharsets.UTF_8);
		return (String) JsonMapper.builder().build().readValue(header, Map.class).get("kid");
	}

}
