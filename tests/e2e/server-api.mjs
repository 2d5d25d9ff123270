// The server API as a school's backend uses it: the real npm client `cent.js` (CentClient) against the gateway's
// /api, with members of one classroom connected through the real centrifuge SDK on both edges.
//
// Members: a teacher (through the gateway), two students (one directly on each edge), and a student who is about
// to be removed, connected twice (once on each edge). Then, with cent.js: publish; publish twice with one
// idempotency key; broadcast; batch (/api/batch) and cent.js pipeline() (the older /api format); presence and
// presence_stats; info with every edge's counts, as seen through each edge; channels; history (and a stale epoch);
// an unknown channel and a wrong key; history_remove (position kept, a since-offset now answers 112); unsubscribe of
// one student; connections of the removed student (one on each edge), and again after its disconnect (none); disconnect of the removed student; refresh with `expired` of a student on the second edge, called on
// the first edge, while another student on the second edge looks on. A final marker publication bounds "exactly
// once": deliveries are in offset order, so once the marker arrived nothing earlier is still on its way.
//
// Env: GATEWAY_URL, EDGE_URLS, API_URL, API_KEY, CLASSROOM, RUN_ID. No checkpoints; one result line.

import { CentClient } from 'cent.js';
import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

// Control commands reach other edges through the fanout: a moment, not an instant.
const SETTLE_MS = 10_000;

/** Resolves with `{ ok: true, result }` or `{ ok: false, error }`: how a cent.js call ended. */
async function attempt(promise, what) {
  try {
    return { ok: true, result: await withTimeout(promise, 10_000, what) };
  } catch (error) {
    return { ok: false, error: error?.message ?? String(error), name: error?.constructor?.name ?? null };
  }
}

/**
 * The same call as raw HTTP, for what cent.js hides: it throws `new CentException(res.error)`, whose message
 * is "[object Object]", so the error code and the HTTP status are read here.
 */
async function raw(apiUrl, method, params, apiKey) {
  const response = await fetch(`${apiUrl}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(params),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, code: body?.error?.code ?? null, body };
}

/** Waits for `condition`; reports whether it held instead of failing the whole scenario. */
async function settles(condition, ms, what) {
  try {
    await until(condition, ms, what);
    return null;
  } catch (error) {
    return error.message;
  }
}

run(async () => {
  const gateway = gatewayUrl();
  const [edge0, edge1] = edgeUrls();
  const apiKey = required('API_KEY');
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const suffix = runId();
  const userOf = (label) => `${label}-${suffix}`;
  const apiUrl = new URL('/api', gateway).toString();
  // The api service itself, as an internal caller reaches it (the gateway's /api goes to the same service).
  const apiService = required('API_URL');

  const join = async (label, role, url, user = userOf(label)) => {
    const token = await mintDevToken(gateway, { user, name: label, role, classrooms: [classroom] });
    const client = new TestClient(label, url, { token });
    await client.connect();
    const subscription = await client.subscribe(channel);
    if (!subscription.subscribed) {
      throw new Error(`${label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
    return { label, user, client };
  };

  const members = [
    await join('teacher', 'teacher', websocketUrl(gateway, { classroom })),
    await join('student0', 'student', websocketUrl(edge0)),
    await join('student1', 'student', websocketUrl(edge1)),
    await join('removed0', 'student', websocketUrl(edge0), userOf('removed')),
    await join('removed1', 'student', websocketUrl(edge1), userOf('removed')),
  ];
  const [teacher, student0, student1] = members;
  const removed = members.filter((member) => member.user === userOf('removed'));

  // The connections as presence must list them (a connection that later reconnects gets a new id).
  const clients = Object.fromEntries(members.map((member) => [member.label, member.client.client]));
  const api = new CentClient({ url: apiUrl, apiKey });

  // Presence first, while every member is subscribed.
  const presence = await attempt(api.getPresence({ channel }), 'presence');
  const presenceStats = await attempt(api.getPresenceStats({ channel }), 'presence_stats');

  const published = await attempt(api.publish({ channel, data: { kind: 'notice', text: 'class starts in 5 minutes' } }), 'publish');
  const idempotencyKey = `notice-${suffix}`;
  const idempotentFirst = await attempt(api.publish({ channel, data: { kind: 'once' }, idempotency_key: idempotencyKey }), 'idempotent publish');
  const idempotentSecond = await attempt(api.publish({ channel, data: { kind: 'once' }, idempotency_key: idempotencyKey }), 'idempotent publish, again');
  const broadcast = await attempt(api.broadcast({ channels: [channel, `personal:#${teacher.user}`], data: { kind: 'broadcast' } }), 'broadcast');
  // A batch as Centrifugo's /api/batch takes it (cent.js 6.1.0 has no batch method), and cent.js's own pipeline().
  const batch = await raw(apiUrl, 'batch', {
    commands: [
      { publish: { channel, data: { kind: 'batch' } } },
      { presence_stats: { channel } },
      { publish: { channel: `lobby:${classroom}`, data: {} } },
    ],
  }, apiKey);
  const pipeline = await attempt(api.pipeline([
    { method: 'publish', params: { channel, data: { kind: 'pipeline' } } },
    { method: 'presence_stats', params: { channel } },
  ]), 'pipeline');
  const marker = await attempt(api.publish({ channel, data: { kind: 'marker' } }), 'marker publish');

  const kindsOf = (member) => member.client.publications(channel).map((publication) => publication.data?.kind);
  const deliveryError = await settles(
    () => members.every((member) => kindsOf(member).includes('marker')), SETTLE_MS, 'every member receives the marker');
  const deliveries = members.map((member) => {
    const received = member.client.publications(channel);
    const count = (kind) => received.filter((publication) => publication.data?.kind === kind).length;
    return {
      label: member.label,
      client: member.client.client,
      notices: count('notice'),
      once: count('once'),
      broadcasts: count('broadcast'),
      batches: count('batch'),
      pipelines: count('pipeline'),
      markers: count('marker'),
      withPublisher: received.filter((publication) => publication.user !== undefined || publication.client !== undefined).length,
      offsets: received.map((publication) => Number(publication.offset)),
    };
  });

  const history = await attempt(api.getHistory({ channel, limit: 10 }), 'history');
  const historyPosition = await attempt(api.getHistory({ channel }), 'history without a limit');
  const epoch = marker.ok ? marker.result.epoch : '';
  const staleEpoch = await raw(apiUrl, 'history', { channel, limit: 10, since: { offset: 1, epoch: `${epoch}-stale` } }, apiKey);
  const info = await attempt(api.getInfo(), 'info');

  // Every edge reports its own numbers with its lease heartbeat: whichever edge answers, it must list both edges
  // with their members (each edge holds at least student + removed student; the teacher is on one of them).
  const countsHold = (nodes) => nodes.length >= 2
    && nodes.every((node) => node.num_clients >= 2 && node.num_users >= 2 && node.num_subs >= 2 && node.num_channels >= 1)
    && nodes.reduce((sum, node) => sum + node.num_clients, 0) >= 5;
  const infoThrough = async (url) => {
    const edgeApi = new CentClient({ url: new URL('/api', url).toString(), apiKey });
    let last = null;
    const deadline = Date.now() + SETTLE_MS;
    do {
      last = await attempt(edgeApi.getInfo(), `info through ${url}`);
      if (last.ok && countsHold(last.result.nodes)) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    return last;
  };
  const infoByEdge = [await infoThrough(gateway), await infoThrough(apiService)];

  const channels = await attempt(api.getChannels({ pattern: channel }), 'channels');
  const channelsAll = await attempt(api.getChannels({ pattern: `classroom:${classroom}*` }), 'channels by pattern');
  const channelsNone = await attempt(api.getChannels({ pattern: `classroom:${classroom}-none-*` }), 'channels matching nothing');
  const channelsBadPattern = await raw(apiUrl, 'channels', { pattern: 'classroom:[' }, apiKey);

  // connections: the removed student's two connections, one on each edge, from the registry's per-user index.
  const connections = await raw(apiUrl, 'connections', { user: userOf('removed') }, apiKey);

  const unknownChannel = {
    centJs: await attempt(api.publish({ channel: `lobby:${classroom}`, data: { kind: 'lost' } }), 'publish to an unknown channel'),
    raw: await raw(apiUrl, 'publish', { channel: `lobby:${classroom}`, data: {} }, apiKey),
  };
  const wrongKey = {
    centJs: await attempt(new CentClient({ url: apiUrl, apiKey: `${apiKey}-wrong` }).publish({ channel, data: { kind: 'forged' } }), 'publish with a wrong key'),
    raw: await raw(apiUrl, 'publish', { channel, data: { kind: 'forged' } }, `${apiKey}-wrong`),
  };

  // history_remove keeps the position: history is empty at the same offset and epoch, a since-offset from before
  // the removal answers 112 (never a silent gap), and the next publication continues the offsets.
  const historyRemove = await attempt(api.removeHistory({ channel }), 'history_remove');
  const historyAfterRemove = await attempt(api.getHistory({ channel, limit: 10 }), 'history after history_remove');
  const sinceRemoved = await raw(apiUrl, 'history', { channel, limit: 10, since: { offset: marker.ok ? marker.result.offset - 1 : 1, epoch } }, apiKey);
  const afterRemove = await attempt(api.publish({ channel, data: { kind: 'after-remove' } }), 'publish after history_remove');

  // Unsubscribe one student, on the edge other than the one the API call lands on, or the same: either way.
  const unsubscribe = await attempt(api.unsubscribe({ user: student1.user, channel }), 'unsubscribe');
  const unsubscribeError = await settles(
    () => (student1.client.subscriptions.get(channel)?.unsubscribes.length ?? 0) > 0, SETTLE_MS, 'student1 sees a server unsubscribe');

  const disconnect = await attempt(api.disconnect({ user: userOf('removed') }), 'disconnect');
  const disconnectError = await settles(
    () => removed.every((member) => member.client.disconnects.length > 0), SETTLE_MS, 'both connections of the removed student are disconnected');
  // The registry forgets a connection once its edge has seen the socket close: poll until it has (or time is up).
  const gone = [student1, ...removed].map((member) => clients[member.label]);
  let presenceAfter = null;
  const deadline = Date.now() + SETTLE_MS;
  do {
    presenceAfter = await attempt(api.getPresence({ channel }), 'presence after unsubscribe and disconnect');
    if (!presenceAfter.ok || gone.every((client) => !(client in presenceAfter.result.presence))) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);

  // After the disconnect the registry forgets both connections (once each edge has seen its socket close).
  let connectionsAfter = null;
  const connectionsDeadline = Date.now() + SETTLE_MS;
  do {
    connectionsAfter = await raw(apiUrl, 'connections', { user: userOf('removed') }, apiKey);
    if (connectionsAfter.status !== 200 || Object.keys(connectionsAfter.body?.result?.connections ?? {}).length === 0) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < connectionsDeadline);

  // refresh {user, expired: true} taken by the first edge for a student connected to the second: the control command
  // crosses the fanout, and the second edge closes the connection with 3005 once its grace (Edge:ExpiredCloseDelay)
  // has passed, since the SDK does not refresh its token. The other student on that edge is left alone.
  const expiring = await join('expiring1', 'student', websocketUrl(edge1));
  const bystander = await join('bystander1', 'student', websocketUrl(edge1));
  const edge0Api = new CentClient({ url: new URL('/api', apiService).toString(), apiKey });
  const refreshStarted = Date.now();
  const refreshCall = await attempt(edge0Api.refresh({ user: expiring.user, expired: true }), 'refresh with expired');
  const refreshError = await settles(() => expiring.client.closeCodes.length > 0, SETTLE_MS, 'the expired connection is closed');
  const closedAfterMs = Date.now() - refreshStarted;
  const connection = (member) => ({
    label: member.label,
    user: member.user,
    nodes: [...member.client.nodes],
    closeCodes: [...member.client.closeCodes],
    state: member.client.centrifuge.state,
  });
  const refresh = { call: refreshCall, error: refreshError, closedAfterMs, expiring: connection(expiring), bystander: connection(bystander) };

  // Copies: the clients are disconnected below, before the result is printed.
  const describe = (member) => ({
    label: member.label,
    user: member.user,
    client: member.client.client,
    clientIds: [...member.client.clientIds],
    closeCodes: [...member.client.closeCodes],
    state: member.client.centrifuge.state,
    disconnects: [...member.client.disconnects],
    unsubscribes: [...(member.client.subscriptions.get(channel)?.unsubscribes ?? [])],
  });
  const result = {
    channel,
    clients,
    users: Object.fromEntries(members.map((member) => [member.label, member.user])),
    presence,
    presenceStats,
    published,
    idempotentFirst,
    idempotentSecond,
    broadcast,
    marker,
    deliveryError,
    deliveries,
    history,
    historyPosition,
    staleEpoch: { status: staleEpoch.status, code: staleEpoch.code },
    info,
    infoByEdge,
    batch: { status: batch.status, body: batch.body },
    pipeline,
    channels,
    channelsAll,
    channelsNone,
    channelsBadPattern: { status: channelsBadPattern.status, code: channelsBadPattern.code },
    connections: { status: connections.status, body: connections.body },
    connectionsAfter: { status: connectionsAfter.status, body: connectionsAfter.body },
    historyRemove,
    historyAfterRemove,
    sinceRemoved: { status: sinceRemoved.status, code: sinceRemoved.code },
    afterRemove,
    unknownChannel: { centJs: unknownChannel.centJs, status: unknownChannel.raw.status, code: unknownChannel.raw.code },
    wrongKey: { centJs: wrongKey.centJs, status: wrongKey.raw.status, code: wrongKey.raw.code },
    unsubscribe: { call: unsubscribe, error: unsubscribeError },
    disconnect: { call: disconnect, error: disconnectError },
    presenceAfter,
    refresh,
    members: members.map(describe),
  };
  for (const member of [...members, expiring, bystander]) {
    member.client.disconnect();
  }
  return result;
});
