package com.exampleco.authserver.flow;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The flow page: a learner's live view of token requests, API calls and import runs
 * ({@code GET /flow}). An optional add-on: delete the package {@code flow} and these
 * properties, and the authorization server is as before.
 *
 * @param enabled whether the page and its streams run (the demo profile turns it on)
 * @param clientId the client the page authenticates as to read the three streams
 * @param clientSecret its secret (DEMO value in {@code application.yml})
 * @param tokenUri where the page gets its tokens; empty: this server, on its local port
 * @param logsUri the tenant log stream; empty: this server's {@code /api/v2/logs/stream},
 * on its local port
 * @param logsAudience the audience of the log stream; empty: {@code <issuer>api/v2/}
 * @param apiEventsUri the Timesheets API's event stream
 * @param apiAudience the Timesheets API's identifier
 * @param batchEventsUri the import job's event stream
 * @param batchAudience the import job's identifier
 */
@ConfigurationProperties("auth-server.flow-page")
public record FlowPageProperties(@DefaultValue("false") boolean enabled, @DefaultValue("flow-viewer") String clientId,
		String clientSecret, URI tokenUri, URI logsUri, String logsAudience,
		@DefaultValue("http://localhost:8080/events") URI apiEventsUri,
		@DefaultValue("https://api.exampleco.com/timesheets") String apiAudience,
		@DefaultValue("http://localhost:8081/events") URI batchEventsUri,
		@DefaultValue("urn:exampleco:timesheets-batch-client") String batchAudience, @DefaultValue( {
				"127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
				"fc00::/7" }) List<String> allowedAddresses){
}
