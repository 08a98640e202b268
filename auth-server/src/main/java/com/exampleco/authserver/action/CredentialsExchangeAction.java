package com.exampleco.authserver.action;

/**
 * An Action on Auth0's credentials-exchange trigger: runs after the server has decided
 * the audience, the scopes and the organization of a client credentials token, and before
 * the token is signed. It may add custom claims, deny the token, and keep short-lived
 * values in its cache.
 * <p>
 * A JavaScript Action copied from an Auth0 tenant
 * ({@code exports.onExecuteCredentialsExchange = async (event, api)
 * => ...}) runs as {@link JavaScriptAction}. A team that prefers Java implements this
 * interface as a Spring bean and binds it by bean name
 * ({@code auth-server.actions.credentials-exchange[n].bean}); it gets the same
 * {@code event} and {@code api}. Java code is trusted: it runs in the server without the
 * JavaScript sandbox and its limits.
 */
@FunctionalInterface
public interface CredentialsExchangeAction {

	/**
	 * @throws RuntimeException to fail the token request, as an uncaught error in an
	 * Auth0 Action does ({@code access_denied}, with the message as the description)
	 */
	void onExecuteCredentialsExchange(CredentialsExchangeEvent event, ActionApi api);

}
