// Auth0's example "Access control" (deny an access token based on custom logic), from
// https://auth0.com/docs/customize/actions/explore-triggers/machine-to-machine-trigger (credentials-exchange).
/**
 * @param {Event} event - Details about client credentials grant request.
 * @param {CredentialsExchangeAPI} api - Interface whose methods can be used to change the behavior of client credentials grant.
 */
exports.onExecuteCredentialsExchange = async (event, api) => {
  if (event.request.geoip.continentCode === "NA") {
    api.access.deny('invalid_request', "Access from North America is not allowed.");
  }
};
