package com.exampleco.authserver.action;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Action contract with Actions written in Java: Spring beans implementing
 * {@link CredentialsExchangeAction}, bound by bean name, doing what
 * {@code actions/cost-center.js}, {@code actions/probe.js} and {@code actions/second.js}
 * do.
 */
@ActiveProfiles({ "test", "actions", "actions-java" })
class JavaActionsTest extends ActionContractTest {

	@Override
	Map<String, Object> customClaimsBeforeTheProbe() {
		return Map.of("https://exampleco.com/cost_center", "CC-4711");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class JavaActions {

		@Bean
		CredentialsExchangeAction costCenterAction() {
			return (event, api) -> {
				Map<String, String> metadata = event.client().metadata();
				if ("true".equals(metadata.get("suspended"))) {
					api.access().deny("invalid_request", "Client " + event.client().clientId() + " is suspended.");
					return;
				}
				if (metadata.get("cost_center") != null) {
					api.accessToken().setCustomClaim("https://exampleco.com/cost_center", metadata.get("cost_center"));
				}
			};
		}

		@Bean
		CredentialsExchangeAction probeAction() {
			return new ProbeAction();
		}

		@Bean
		CredentialsExchangeAction secondAction() {
			return (event, api) -> {
				if ("chain".equals(event.client().metadata().get("probe"))) {
					api.accessToken().setCustomClaim("https://test/seen", event.accessToken().customClaims());
				}
			};
		}

	}

	/** {@code actions/probe.js} in Java. */
	static class ProbeAction implements CredentialsExchangeAction {

		static final String NS = "https://test/";

		@Override
		public void onExecuteCredentialsExchange(CredentialsExchangeEvent event, ActionApi api) {
			switch (event.client().metadata().getOrDefault("probe", "")) {
				case "claims" -> api.accessToken()
					.setCustomClaim(NS + "string", "text")
					.accessToken()
					.setCustomClaim(NS + "number", 42)
					.accessToken()
					.setCustomClaim(NS + "object", Map.of("tier", "gold", "regions", List.of("eu", "us")))
					.accessToken()
					.setCustomClaim("plain_claim", true);
				case "event" -> api.accessToken()
					.setCustomClaim(NS + "event", new CredentialsExchangeEvent(event.client(), event.resourceServer(),
							event.request(), event.transaction(), event.organization(), event.tenant(),
							event.secrets().keySet().stream().collect(Collectors.toMap(key -> key, key -> "present")),
							event.accessToken()));
				case "secrets" -> api.accessToken()
					.setCustomClaim(NS + "api_key_matches", API_KEY.equals(event.secrets().get("API_KEY")));
				case "cache" -> {
					ActionCache.CacheRecord before = api.cache().get("counter");
					ActionCache.CacheWriteResult write = api.cache()
						.set("counter", String.valueOf((before == null ? 0 : Integer.parseInt(before.value())) + 1),
								60_000L, null);
					ActionCache.CacheWriteResult tooLarge = api.cache().set("large", "x".repeat(5000), null, null);
					Map<String, Object> claim = new java.util.LinkedHashMap<>();
					claim.put("before", before == null ? null : before.value());
					claim.put("expiresInTheFuture",
							before == null ? null : before.expiresAt() > System.currentTimeMillis());
					claim.put("write", write);
					claim.put("tooLarge", tooLarge);
					api.accessToken().setCustomClaim(NS + "cache", claim);
				}
				case "cache-delete" -> api.accessToken()
					.setCustomClaim(NS + "deleted",
							List.of(api.cache().delete("counter"), api.cache().delete("counter")));
				case "reserved" -> {
					for (String name : List.of("iss", "sub", "aud", "exp", "iat", "scope", "gty", "azp", "client_id",
							"org_id", "jti", "permissions", "sip_date", "urn:auth0:role")) {
						api.accessToken().setCustomClaim(name, "forged");
					}
					api.accessToken().setCustomClaim(NS + "allowed", "yes");
				}
				case "chain" -> api.accessToken().setCustomClaim(NS + "first", "from probe");
				case "throw" -> throw new IllegalStateException("The probe failed on purpose");
				case "throw-secret" ->
					throw new IllegalStateException("Rejected key " + event.secrets().get("API_KEY"));
				case "deny-scope" -> api.access().deny("invalid_scope", "This client may not have these scopes.");
				case "deny-request" -> api.access().deny("invalid_request", "This client is not welcome.");
				case "deny-server" -> api.access().deny("server_error", "The ledger is down.");
				case "deny-bad-code" -> api.access().deny("access_denied", "Not a code Auth0 accepts.");
				case "big-claims" -> api.accessToken().setCustomClaim(NS + "big", "x".repeat(101 * 1024));
				default -> {
				}
			}
		}

	}

}
