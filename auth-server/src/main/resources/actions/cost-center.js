/**
 * The demo's Action on the credentials-exchange trigger (Auth0: Actions > Triggers > Machine to Machine), written as
 * it would be pasted into an Auth0 tenant. It puts the client's cost center into the access token, so the Timesheets
 * API can book work to it, and refuses a client that is flagged as suspended in its metadata.
 *
 * @param {Event} event - Details about the client credentials grant request.
 * @param {CredentialsExchangeAPI} api - Methods that change the behavior of the client credentials grant.
 */
exports.onExecuteCredentialsExchange = async (event, api) => {
  const metadata = event.client.metadata ?? {};

  if (metadata.suspended === 'true') {
    api.access.deny('invalid_request', `Client ${event.client.client_id} is suspended.`);
    return;
  }

  if (metadata.cost_center) {
    api.accessToken.setCustomClaim('https://exampleco.com/cost_center', metadata.cost_center);
  }
};
