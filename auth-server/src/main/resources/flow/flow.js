// The flow page: events from /flow/events, rendered as text through textContent and never parsed as markup: events carry
// strings that clients chose (client names, user agents, scopes as sent). No library, no build step.
'use strict';

(function () {
  const MAX_ENTRIES = 500;
  const SEQUENCE_STEPS = 10;

  const CLAIMS = {
    iss: 'Issuer: who issued the token. The API accepts only its own authorization server, compared as an exact string.',
    sub: 'Subject: the client itself (client_id@clients): no user is involved in this grant.',
    aud: 'Audience: the API the token is for. An API refuses a token for another audience (wrong_audience).',
    azp: 'Authorized party: the client the token was issued to; the API names its caller from it.',
    gty: 'Grant type (Auth0): client-credentials, so the caller is a machine acting as itself.',
    scope: 'Scopes granted: what the token allows. The API needs one per endpoint, else 403 insufficient_scope.',
    exp: 'Expiry (seconds since 1970): after it the API answers 401 invalid_token; clients cache the token until just before.',
    iat: 'Issued at: when the token was made.',
    nbf: 'Not before: the token is not valid earlier.',
    jti: 'Token identifier: unique per token; this page links API calls to the token request by it.',
    org_id: 'Organization: the tenant whose data the token may touch; the API filters by it.',
    client_id: 'The client the token was issued to (RFC 9068).',
    alg: 'Signature algorithm: RS256, an RSA signature the API verifies with the published public key.',
    kid: 'Key id: which published key (/.well-known/jwks.json) verifies the signature; an unknown kid is refused.',
    typ: 'Type: at+jwt, an access token (RFC 9068), so that an ID token cannot be replayed as one.'
  };

  const TOKEN_ADVICE = {
    invalid_client: 'Check the client_id and secret (and how they are sent: Basic header or form, not both).',
    invalid_request: 'Send each parameter once, in the body (form or JSON), never in the URL.',
    invalid_scope: 'Ask only for scopes of the client\'s grant for this audience, or omit scope to get them all.',
    unauthorized_client: 'The client may not use this grant type: enable client_credentials for it.',
    access_denied: 'The client has no grant for this audience: add a client grant, or ask for the right audience.',
    unsupported_grant_type: 'Use grant_type=client_credentials.',
    temporarily_unavailable: 'The server is busy: retry after the Retry-After delay.',
    too_many_requests: 'Too many failures from this client or address: wait for Retry-After, then fix the credentials.',
    invalid_organization: 'Ask for an organization the client grant allows, or none.'
  };

  const API_ADVICE = {
    expired: 'Request a new token (cache it until shortly before exp, not longer).',
    wrong_audience: 'Request the token with this API\'s audience (https://api.exampleco.com/timesheets).',
    wrong_issuer: 'Use a token from the authorization server the API trusts.',
    bad_signature: 'Send the token exactly as issued: it was altered or not signed by the server.',
    unknown_key: 'Use a token from this server; a token signed with a withdrawn key must be replaced.',
    malformed: 'Send Authorization: Bearer <access_token>, the JWT as received.',
    scope_missing: 'Ask the token with the scope named, and make sure the client grant includes it.',
    keys_unavailable: 'Retry later: the API could not fetch the server\'s keys.'
  };

  const state = {
    paused: false,
    pending: [],
    count: 0,
    clients: new Set(),
    tokens: new Map(),      // jti -> entry element of the token request
    sequence: []            // newest last
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fields(pairs) {
    const dl = el('dl', 'fields');
    for (const [name, value] of pairs) {
      if (value === undefined || value === null || value === '') continue;
      dl.append(el('dt', null, name));
      const dd = el('dd');
      if (value instanceof Node) dd.append(value); else dd.textContent = String(value);
      dl.append(dd);
    }
    return dl;
  }

  function claimsTable(title, object) {
    const table = el('table', 'claims');
    table.append(el('caption', 'visually-hidden', title));
    const head = el('tr');
    head.append(el('th', null, title), el('th', null, 'Value'), el('th', null, 'What it means'));
    table.append(head);
    for (const [name, value] of Object.entries(object || {})) {
      const row = el('tr');
      let shown = Array.isArray(value) ? value.join(', ') : (typeof value === 'object' ? JSON.stringify(value) : String(value));
      if ((name === 'exp' || name === 'iat' || name === 'nbf') && typeof value === 'number') {
        shown += ' (' + new Date(value * 1000).toISOString() + ')';
      }
      row.append(el('th', 'mono', name), el('td', 'value mono', shown), el('td', null, CLAIMS[name] || ''));
      table.append(row);
    }
    return table;
  }

  function timeOf(text) {
    const date = text ? new Date(text) : new Date();
    return isNaN(date) ? '' : date.toLocaleTimeString();
  }

  function header(title, outcome, badgeText, source, date) {
    const head = el('header');
    head.append(el('h3', null, title), el('span', 'badge ' + outcome, badgeText), el('span', 'source-name', source),
      el('time', 'time', timeOf(date)));
    return head;
  }

  // --- the three kinds of events ---

  function tokenRequest(data) {
    const details = data.details || {};
    const success = data.type === 'seccft' || (Boolean(details.token) && !details.error);
    const outcome = success ? 'success' : 'refused';
    const client = data.client_id || details.client_id || '(unknown client)';
    const entry = el('article');
    const error = details.error || (success ? null : data.type);
    entry.append(header(success ? 'Token issued to ' + client : 'Token refused for ' + client, outcome,
      success ? 'issued' : (error || 'refused'), 'authorization server', data.date));
    const method = details.client_authentication_method || details.auth_method || details.authentication_method;
    entry.append(fields([
      ['Client', data.client_name ? client + ' (' + data.client_name + ')' : client],
      ['Authenticated with', method ? method + ' (secret ••••••, never shown)' : null],
      ['Audience', data.audience || details.audience],
      ['Scopes asked', success ? null : ((details.request && details.request.scope)
        || '(none: the grant\'s scopes are the default)')],
      ['Scopes granted', success ? (Array.isArray(details.scopes) ? details.scopes.join(' ') : data.scope) : null],
      ['Organization', details.organization ? (details.organization.name || details.organization.id)
        : (details.request && details.request.organization)],
      ['HTTP status', details.status],
      ['Token id (jti)', details.jti],
      ['Expires in', details.expires_in ? details.expires_in + ' s' : null],
      ['From', data.ip],
      ['User agent', data.user_agent]
    ]));
    if (success && details.token) {
      const more = el('details');
      more.append(el('summary', null, 'Decoded token: header and claims, each explained'));
      more.append(claimsTable('Header', details.token.header), claimsTable('Claim', details.token.claims));
      entry.append(more);
    }
    if (!success) {
      entry.append(el('p', 'reason', (error ? error + ': ' : '') + (details.error_description || data.description || '')));
      const advice = TOKEN_ADVICE[error];
      if (advice) entry.append(el('p', 'advice', 'What to change: ' + advice));
    }
    return { entry, outcome, client, jti: details.jti };
  }

  function apiCall(data) {
    const ok = data.verdict === 'ok';
    const outcome = ok ? 'success' : 'refused';
    const client = data.client_id || '(no verified token)';
    const entry = el('article');
    entry.append(header(data.method + ' ' + data.path + ' → ' + data.status, outcome,
      ok ? String(data.status) : data.status + ' ' + data.verdict, 'Timesheets API', data.date));
    let tokenLink = null;
    if (data.jti) {
      tokenLink = el('span', 'mono', data.jti);
      const issued = state.tokens.get(data.jti);
      if (issued) {
        tokenLink = el('a', 'mono', data.jti + ' (see its token request)');
        tokenLink.href = '#' + issued.id;
        tokenLink.addEventListener('click', () => {
          issued.classList.add('linked');
          setTimeout(() => issued.classList.remove('linked'), 2000);
        });
      }
    }
    entry.append(fields([
      ['Client', data.client_id],
      ['Token scopes', data.scope],
      ['Token (jti)', tokenLink],
      ['Organization', data.org_id],
      ['Scope this endpoint needs', data.scope_needed],
      ['Took', data.duration_ms !== undefined ? data.duration_ms + ' ms' : null]
    ]));
    if (!ok) {
      entry.append(el('p', 'reason', (data.reason ? data.reason + ': ' : '') + (data.description || '')));
      const advice = API_ADVICE[data.reason];
      if (advice) entry.append(el('p', 'advice', 'What to change: ' + advice));
    }
    return { entry, outcome, client };
  }

  const RUN_TITLES = {
    run_started: 'Import run started', run_finished: 'Import run finished', file_picked: 'File picked up',
    file_delivered: 'File delivered', file_failed: 'File not delivered', chunk_sent: 'Chunk sent',
    chunk_accepted: 'Chunk accepted', chunk_retried: 'Chunk retried', chunk_failed: 'Chunk failed',
    token_obtained: 'Token obtained (cached for the next chunks and runs)', token_failed: 'Token request failed'
  };

  function runEvent(data) {
    const failed = /failed|retried/.test(data.type);
    const outcome = failed ? 'refused' : (data.type === 'file_delivered' || data.type === 'chunk_accepted' ? 'success' : 'info');
    const entry = el('article');
    entry.append(header(RUN_TITLES[data.type] || data.type, outcome, data.type.replace('_', ' '), 'import job', data.date));
    entry.append(fields([
      ['File', data.file],
      ['Chunk', data.first_line ? 'from line ' + data.first_line + (data.entries ? ', ' + data.entries + ' entries' : '') : null],
      ['Entries', !data.first_line && data.entries ? data.entries : null],
      ['Token (jti)', data.jti],
      ['Attempt', data.attempt],
      ['', data.detail]
    ]));
    if (data.reason) entry.append(el('p', failed ? 'reason' : 'advice', data.reason));
    return { entry, outcome, client: 'timesheets-import-job' };
  }

  // --- list, filters, pause ---

  function add(message) {
    let rendered;
    // The tenant log also holds management API operations: this page shows the token requests.
    if (message.source === 'auth' && !/^(seccft|feccft|limit_|api_limit)/.test(String(message.data.type))) return;
    if (message.source === 'auth') rendered = tokenRequest(message.data);
    else if (message.source === 'api') rendered = apiCall(message.data);
    else if (message.source === 'batch') rendered = runEvent(message.data);
    else return;
    const item = el('li', 'entry ' + rendered.outcome);
    state.count++;
    item.id = 'event-' + state.count;
    item.dataset.source = message.source;
    item.dataset.outcome = rendered.outcome === 'info' ? 'success' : rendered.outcome;
    item.dataset.client = rendered.client;
    item.append(rendered.entry);
    if (rendered.jti) state.tokens.set(rendered.jti, item);
    if (rendered.client && !state.clients.has(rendered.client) && !rendered.client.startsWith('(')) {
      state.clients.add(rendered.client);
      const option = el('option', null, rendered.client);
      option.value = rendered.client;
      $('filter-client').append(option);
    }
    applyFilter(item);
    const list = $('events');
    list.prepend(item);
    while (list.children.length > MAX_ENTRIES) list.lastElementChild.remove();
    if (message.source !== 'batch') {
      state.sequence.push({ message, outcome: rendered.outcome, client: rendered.client });
      if (state.sequence.length > 50) state.sequence.shift();
    }
    updateCounter();
  }

  function applyFilter(item) {
    const client = $('filter-client').value;
    const outcome = $('filter-outcome').value;
    const source = $('filter-source').value;
    item.hidden = (client && item.dataset.client !== client) || (outcome && item.dataset.outcome !== outcome)
      || (source && item.dataset.source !== source);
  }

  function refilter() {
    for (const item of $('events').children) applyFilter(item);
    drawSequence();
    updateCounter();
  }

  function updateCounter() {
    const shown = [...$('events').children].filter((item) => !item.hidden).length;
    let text = shown + ' event' + (shown === 1 ? '' : 's') + ' shown';
    if (state.paused) text += '; paused, ' + state.pending.length + ' waiting';
    $('counter').textContent = text;
  }

  function receive(message) {
    if (state.paused) {
      state.pending.push(message);
      updateCounter();
      return;
    }
    add(message);
    drawSequence();
  }

  // --- the sequence view ---

  function drawSequence() {
    const NS = 'http://www.w3.org/2000/svg';
    const client = $('filter-client').value;
    const outcome = $('filter-outcome').value;
    const source = $('filter-source').value;
    const steps = state.sequence.filter((step) => (!client || step.client === client)
      && (!outcome || step.outcome === outcome) && (!source || step.message.source === source)).slice(-SEQUENCE_STEPS);
    const width = 480, top = 40, rowHeight = 54;
    const lanes = { client: 70, auth: 240, api: 410 };
    const height = top + Math.max(1, steps.length) * rowHeight + 10;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Sequence of the latest ' + steps.length + ' requests between clients, the authorization server and the API');
    const defs = document.createElementNS(NS, 'defs');
    const marker = document.createElementNS(NS, 'marker');
    marker.setAttribute('id', 'arrow'); marker.setAttribute('markerWidth', '8'); marker.setAttribute('markerHeight', '8');
    marker.setAttribute('refX', '7'); marker.setAttribute('refY', '4'); marker.setAttribute('orient', 'auto');
    const tip = document.createElementNS(NS, 'path');
    tip.setAttribute('d', 'M0,0 L8,4 L0,8 z'); tip.setAttribute('fill', '#333');
    marker.append(tip); defs.append(marker); svg.append(defs);
    const text = (x, y, value, cls, anchor) => {
      const t = document.createElementNS(NS, 'text');
      t.setAttribute('x', x); t.setAttribute('y', y); t.setAttribute('class', cls);
      t.setAttribute('text-anchor', anchor || 'middle');
      t.textContent = value.length > 46 ? value.slice(0, 45) + '…' : value;
      svg.append(t);
    };
    const line = (x1, y1, x2, y2, cls) => {
      const l = document.createElementNS(NS, 'line');
      l.setAttribute('x1', x1); l.setAttribute('y1', y1); l.setAttribute('x2', x2); l.setAttribute('y2', y2);
      l.setAttribute('class', cls);
      if (cls.startsWith('msg')) l.setAttribute('marker-end', 'url(#arrow)');
      svg.append(l);
    };
    text(lanes.client, 18, 'Client', 'lane-title');
    text(lanes.auth, 18, 'Authorization server', 'lane-title');
    text(lanes.api, 18, 'Timesheets API', 'lane-title');
    for (const x of Object.values(lanes)) line(x, 26, x, height - 4, 'lane');
    steps.forEach((step, index) => {
      const y = top + index * rowHeight;
      const data = step.message.data;
      const target = step.message.source === 'auth' ? lanes.auth : lanes.api;
      const request = step.message.source === 'auth'
        ? 'POST /oauth/token (' + step.client + ')'
        : data.method + ' ' + data.path + (data.client_id ? ' (' + data.client_id + ')' : '');
      const answer = step.message.source === 'auth'
        ? (step.outcome === 'success' ? '200 access token' : ((data.details && data.details.error) || 'refused'))
        : data.status + (data.verdict && data.verdict !== 'ok' ? ' ' + (data.reason || data.verdict) : '');
      line(lanes.client, y + 12, target - 4, y + 12, 'msg request');
      text((lanes.client + target) / 2, y + 8, request, 'label');
      line(target, y + 34, lanes.client + 4, y + 34, 'msg ' + step.outcome);
      text((lanes.client + target) / 2, y + 30, answer, 'label');
    });
    if (!steps.length) text(width / 2, top + 20, 'No request yet', 'label');
    $('sequence').replaceChildren(svg);
  }

  // --- a pasted token, decoded here and sent nowhere ---

  function base64UrlJson(part) {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4);
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function decodePasted() {
    const out = $('decoded');
    const token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    const parts = token.split('.');
    try {
      if (parts.length !== 3) throw new Error('a JWT has three parts separated by dots');
      out.replaceChildren(claimsTable('Header', base64UrlJson(parts[0])), claimsTable('Claim', base64UrlJson(parts[1])));
    } catch (error) {
      out.replaceChildren(el('p', 'reason', 'Not a JWT: ' + error.message));
    }
  }

  // --- connection ---

  function setSource(status) {
    const item = document.querySelector('#sources li[data-source="' + CSS.escape(status.source) + '"]');
    if (!item) return;
    item.className = status.state;
    item.querySelector('.state').textContent = status.state + (status.reason ? ' (' + status.reason + ')' : '');
  }

  function connect() {
    const events = new EventSource('/flow/events');
    events.addEventListener('flow', (event) => {
      try { receive(JSON.parse(event.data)); } catch (error) { /* not an event this page knows */ }
    });
    events.addEventListener('status', (event) => {
      try { setSource(JSON.parse(event.data)); } catch (error) { /* ignore */ }
    });
    events.addEventListener('open', () => { $('events').replaceChildren(); state.tokens.clear(); state.sequence = []; drawSequence(); });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('pause').addEventListener('click', () => {
      state.paused = !state.paused;
      $('pause').setAttribute('aria-pressed', String(state.paused));
      $('pause').textContent = state.paused ? 'Resume' : 'Pause';
      if (!state.paused) {
        const waiting = state.pending;
        state.pending = [];
        waiting.forEach(add);
        drawSequence();
      }
      updateCounter();
    });
    $('clear').addEventListener('click', () => { $('events').replaceChildren(); state.sequence = []; drawSequence(); updateCounter(); });
    for (const id of ['filter-client', 'filter-outcome', 'filter-source']) $(id).addEventListener('change', refilter);
    $('decode').addEventListener('click', decodePasted);
    drawSequence();
    connect();
  });
})();
