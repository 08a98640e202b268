// Auth0's example "Add custom claims to the access token", from
// https://auth0.com/docs/customize/actions/explore-triggers/machine-to-machine-trigger (credentials-exchange).
/**
 * @param {Event} event - Details about client credentials grant request.
 * @param {CredentialsExchangeAPI} api - Interface whose methods can be used to change the behavior of client credentials grant.
 */
exports.onExecuteCredentialsExchange = async (event, api) => {
  api.accessToken.setCustomClaim("https://my-api.exampleco.com/request-ip", event.request.ip);
};
