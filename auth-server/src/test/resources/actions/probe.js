// Test Action: does what the client's metadata.probe names. ActionContractTest.ProbeAction does the same in Java.
const NS = 'https://test/';

const probes = {
  claims: (event, api) => {
    // Each api method returns api, as Auth0's do.
    api.accessToken.setCustomClaim(NS + 'string', 'text')
      .accessToken.setCustomClaim(NS + 'number', 42)
      .accessToken.setCustomClaim(NS + 'object', { tier: 'gold', regions: ['eu', 'us'] })
      .accessToken.setCustomClaim('plain_claim', true);
  },
  event: (event, api) => {
    const secrets = Object.fromEntries(Object.keys(event.secrets).map((key) => [key, 'present']));
    api.accessToken.setCustomClaim(NS + 'event', { ...event, secrets });
  },
  secrets: (event, api) => {
    api.accessToken.setCustomClaim(NS + 'api_key_matches', event.secrets.API_KEY === 'test-api-key-Hx2Lw9Qv7Rk4');
  },
  cache: (event, api) => {
    const before = api.cache.get('counter');
    const write = api.cache.set('counter', String(Number(before?.value ?? 0) + 1), { ttl: 60000 });
    const tooLarge = api.cache.set('large', 'x'.repeat(5000));
    api.accessToken.setCustomClaim(NS + 'cache', {
      before: before?.value ?? null,
      expiresInTheFuture: before ? before.expires_at > Date.now() : null,
      write,
      tooLarge,
    });
  },
  'cache-delete': (event, api) => {
    api.accessToken.setCustomClaim(NS + 'deleted', [api.cache.delete('counter'), api.cache.delete('counter')]);
  },
  reserved: (event, api) => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'iat', 'scope', 'gty', 'azp', 'client_id', 'org_id', 'jti',
                        'permissions', 'sip_date', 'urn:auth0:role']) {
      api.accessToken.setCustomClaim(name, 'forged');
    }
    api.accessToken.setCustomClaim(NS + 'allowed', 'yes');
  },
  chain: (event, api) => {
    api.accessToken.setCustomClaim(NS + 'first', 'from probe');
  },
  throw: () => {
    throw new Error('The probe failed on purpose');
  },
  'throw-secret': (event) => {
    throw new Error('Rejected key ' + event.secrets.API_KEY);
  },
  'deny-scope': (event, api) => api.access.deny('invalid_scope', 'This client may not have these scopes.'),
  'deny-request': (event, api) => api.access.deny('invalid_request', 'This client is not welcome.'),
  'deny-server': (event, api) => api.access.deny('server_error', 'The ledger is down.'),
  'deny-bad-code': (event, api) => api.access.deny('access_denied', 'Not a code Auth0 accepts.'),
  'big-claims': (event, api) => api.accessToken.setCustomClaim(NS + 'big', 'x'.repeat(101 * 1024)),
  // The sandbox: each of these throws inside the Action.
  'require-fs': () => require('fs').readFileSync('/etc/passwd'),
  'java-type': () => Java.type('java.lang.Runtime').getRuntime().exec('true'),
  polyglot: () => Polyglot.eval('js', '1'),
  process: () => process.exit(1),
  fetch: async () => fetch('http://127.0.0.1:9/'),
  xhr: () => new XMLHttpRequest(),
  load: () => load('/etc/passwd'),
  // The limits.
  loop: () => { while (true) { /* spin */ } },
  memory: () => { const buffers = []; for (;;) { buffers.push(new ArrayBuffer(8 * 1024 * 1024)); } },
  'array-fill': () => new Array(1e9).fill(0),
  'string-doubling': () => { let s = 'x'; for (;;) { s += s; } },
  'never-settles': async () => { await new Promise(() => {}); },
};

exports.onExecuteCredentialsExchange = async (event, api) => {
  const probe = probes[event.client.metadata.probe];
  if (probe) {
    await probe(event, api);
  }
};
