// Bound after probe.js: shows what the Actions before it left in event.accessToken.
exports.onExecuteCredentialsExchange = async (event, api) => {
  if (event.client.metadata.probe === 'chain') {
    api.accessToken.setCustomClaim('https://test/seen', event.accessToken.customClaims);
  }
};
