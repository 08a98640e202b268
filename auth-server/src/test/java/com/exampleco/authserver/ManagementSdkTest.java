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
import com.auth0.client.mgmt.types.SigningKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.exampleco.authserver.TestClients.MANAGEMENT;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Auth0's own Java SDK ({@code com.auth0:auth0}, its {@code ManagementApi}) against this server, as a team's existing
 * script would use it: create a client and a grant, get a token for the new client, rotate its secret, rotate the
 * signing key.
 */
class ManagementSdkTest extends AuthServerIntegrationTest {

    @Test
    void aScriptWrittenForAuth0ManagesThisServer() {
        ManagementApi auth0 = ManagementApi.builder()
                .url("http://127.0.0.1:" + port + "/api/v2")
                .token(ManagementApiClient.token(server, MANAGEMENT, null))
                .build();

        var created = auth0.clients().create(CreateClientRequestContent.builder()
                .name("Created with Auth0's SDK")
                .appType(ClientAppTypeEnum.NON_INTERACTIVE)
                .grantTypes(List.of("client_credentials"))
                .tokenEndpointAuthMethod(ClientTokenEndpointAuthMethodEnum.CLIENT_SECRET_POST)
                .clientMetadata(Map.of("team", "payroll"))
                .build());
        String clientId = created.getClientId().orElseThrow();
        String secret = created.getClientSecret().orElseThrow();

        var grant = auth0.clientGrants().create(CreateClientGrantRequestContent.builder()
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

        // TODO(lead, at the merge of h-logs): read the logs through the SDK here, e.g.
        // assertThat(auth0.logs().list()).isNotEmpty(); /api/v2/logs is built on the other branch.
    }

    private TokenEndpointClient.Answer token(String clientId, String secret) {
        return server.token("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "audience", TIMESHEETS);
    }

    @SuppressWarnings("unchecked")
    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return (String) JsonMapper.builder().build().readValue(header, Map.class).get("kid");
    }
}
