// The WebSocket fallbacks (HTTP-streaming and SSE, Centrifugo's bidirectional emulation) with the real SDK across two
// gateways and two edges. Members of one classroom connect over different transports: through gateway 0 with their
// /emulation requests sent to gateway 1 and the other way round (the wrong gateway must still reach the edge holding
// the session), directly on each edge, over WebSocket, and one whose WebSocket endpoint fails so the SDK falls back by
// itself. Four members publish concurrently; then history and presence over emulation; then the SSE and the
// HTTP-streaming member drop out while the teacher publishes and must come back recovered, with no gap and no
// duplicate. Finally emulation requests for an unknown session and an unknown node must get clear errors.
//
// Env: GATEWAY_URLS (two), EDGE_URLS (two), CLASSROOM, RUN_ID, MESSAGES (per publisher, default 20), MISSED (default 10).

import { TestClient } from './lib/client.mjs';
import { edgeUrls, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { FetchEventSource } from './lib/fetch-event-source.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

const endpoint = (base, path, query = {}) => {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, value);
  }
  return url.toString();
};

async function problem(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let title = null;
  try {
    title = JSON.parse(text).title ?? null;
  } catch {
    title = text.slice(0, 200);
  }
  return { status: response.status, contentType: response.headers.get('content-type'), title };
}

/** Calls `tap` with every line a stream carries, as the server sent it; the SDK reads the other branch of the body. */
function tappedFetch(tap) {
  return async (url, options) => {
    const response = await fetch(url, options);
    if (!response.body || !String(url).includes('/connection/http_stream')) {
      return response;
    }
    const [forSdk, forTap] = response.body.tee();
    (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of forTap) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
          tap(buffer.slice(0, end));
          buffer = buffer.slice(end + 1);
        }
      }
    })().catch(() => {});
    return new Response(forSdk, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** An EventSource whose every event's data also goes to `tap`. */
function tappedEventSource(tap) {
  return class TappedEventSource extends FetchEventSource {
    constructor(url, options) {
      super(url, options);
      this.addTap(tap);
    }
  };
}

run(async () => {
  const gateways = required('GATEWAY_URLS').split(',').filter((url) => url !== '');
  if (gateways.length < 2) {
    throw new Error('two gateways are needed');
  }
  const [edge0, edge1] = edgeUrls();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const messages = optionalInt('MESSAGES', 20);
  const missed = optionalInt('MISSED', 10);
  const suffix = runId();
  const query = { classroom };

  const members = [
    {
      label: 'teacher', role: 'teacher', publishes: true,
      transports: [{ transport: 'http_stream', endpoint: endpoint(gateways[0], '/connection/http_stream', query) }],
      emulationEndpoint: endpoint(gateways[1], '/emulation'),
    },
    {
      label: 'sseViaGateway', role: 'student', publishes: true,
      transports: [{ transport: 'sse', endpoint: endpoint(gateways[1], '/connection/sse', query) }],
      emulationEndpoint: endpoint(gateways[0], '/emulation'),
    },
    {
      label: 'streamOnEdge0', role: 'student', publishes: true,
      transports: [{ transport: 'http_stream', endpoint: endpoint(edge0, '/connection/http_stream') }],
      emulationEndpoint: endpoint(edge0, '/emulation'),
    },
    {
      label: 'sseOnEdge1', role: 'student', publishes: true,
      transports: [{ transport: 'sse', endpoint: endpoint(edge1, '/connection/sse') }],
      emulationEndpoint: endpoint(edge1, '/emulation'),
    },
    {
      label: 'websocket', role: 'student', publishes: false,
      transports: [{ transport: 'websocket', endpoint: websocketUrl(gateways[0], query) }],
      emulationEndpoint: endpoint(gateways[0], '/emulation'),
    },
    {
      // The WebSocket endpoint answers 404 (as a web filter's block page would): the SDK moves on to HTTP-streaming.
      label: 'fallback', role: 'student', publishes: false,
      transports: [
        { transport: 'websocket', endpoint: websocketUrl(gateways[1], query).replace('/connection/websocket', '/blocked/websocket') },
        { transport: 'http_stream', endpoint: endpoint(gateways[1], '/connection/http_stream', query) },
        { transport: 'sse', endpoint: endpoint(gateways[1], '/connection/sse', query) },
      ],
      emulationEndpoint: endpoint(gateways[1], '/emulation'),
    },
  ];

  const clients = await Promise.all(members.map(async (member) => {
    const user = `${member.label}-${suffix}`;
    const token = await mintDevToken(gateways[0], { user, name: member.label, role: member.role, classrooms: [classroom] });
    // The offsets of the pub pushes exactly as the server sent them on the stream (the SDK may emit publications of
    // one event-loop tick interleaved; the server's order is what the guarantee is about).
    const pushedOffsets = [];
    const tap = (data) => {
      for (const line of String(data).split('\n')) {
        try {
          const message = JSON.parse(line);
          if (message.push?.channel === channel && message.push.pub) {
            pushedOffsets.push(Number(message.push.pub.offset));
          }
        } catch {
          // Not a whole JSON message: nothing to record.
        }
      }
    };
    const client = new TestClient(member.label, member.transports, {
      token,
      emulationEndpoint: member.emulationEndpoint,
      eventsource: tappedEventSource(tap),
      fetch: tappedFetch(tap),
    });
    const transports = [];
    const recoveries = [];
    client.centrifuge.on('connected', (ctx) => transports.push(ctx.transport));
    await client.connect(20_000);
    const subscription = await client.subscribe(channel, 20_000, { joinLeave: true });
    if (!subscription.subscribed) {
      throw new Error(`${member.label} could not subscribe: ${JSON.stringify(subscription)}`);
    }
    const entry = client.subscriptions.get(channel);
    entry.sub.on('subscribed', (ctx) => recoveries.push({ recovered: ctx.recovered, wasRecovering: ctx.wasRecovering }));
    return { ...member, user, client, entry, transports, recoveries, pushedOffsets, node: client.centrifuge._node, session: client.centrifuge._session };
  }));
  const byLabel = Object.fromEntries(clients.map((member) => [member.label, member]));
  const publishers = clients.filter((member) => member.publishes);

  // Four members over three transports publish at once; every member must see every publication.
  await withTimeout(Promise.all(publishers.map(async (member) => {
    for (let n = 0; n < messages; n++) {
      await member.entry.sub.publish({ t: 'chat', key: `${member.label}-${n}` });
    }
  })), 60_000, 'every publish is acknowledged');
  const firstTotal = publishers.length * messages;
  await until(() => clients.every((member) => member.entry.publications.length >= firstTotal), 30_000, 'every member receives every publication');

  // History and presence over emulation.
  const history = await withTimeout(byLabel.streamOnEdge0.entry.sub.history({ limit: -1 }), 10_000, 'history over http_stream');
  const presence = await withTimeout(byLabel.sseViaGateway.entry.sub.presence(), 10_000, 'presence over sse');
  const presenceStats = await withTimeout(byLabel.teacher.entry.sub.presenceStats(), 10_000, 'presence stats over http_stream');

  // The SSE and the HTTP-streaming member drop out while the teacher publishes, then come back recovered.
  const droppers = [byLabel.sseViaGateway, byLabel.streamOnEdge0];
  for (const member of droppers) {
    member.client.centrifuge.disconnect();
  }
  for (let n = 0; n < missed; n++) {
    await withTimeout(byLabel.teacher.entry.sub.publish({ t: 'chat', key: `missed-${n}` }), 10_000, 'a publish while two members are away');
  }
  const total = firstTotal + missed;
  for (const member of droppers) {
    member.client.centrifuge.connect();
  }
  await until(() => clients.every((member) => member.entry.publications.length >= total), 30_000, 'every member, the returning ones too, has every publication');
  await until(() => droppers.every((member) => member.recoveries.length > 0), 10_000, 'the returning members resubscribed');

  // A refused token over SSE: the disconnect code travels as a push before the stream ends, and 3500 is terminal.
  const badToken = new TestClient('badToken', [{ transport: 'sse', endpoint: endpoint(gateways[0], '/connection/sse', query) }], {
    token: 'not-a-token',
    emulationEndpoint: endpoint(gateways[0], '/emulation'),
    eventsource: FetchEventSource,
  });
  const refused = await badToken.attempt(20_000);
  badToken.disconnect();

  // Clear errors for emulation requests nobody can serve.
  const teacher = byLabel.teacher;
  const unknownSession = await problem(endpoint(gateways[0], '/emulation'), { session: 'no-such-session', node: teacher.node, data: '{}' });
  const unknownNode = await problem(endpoint(gateways[1], '/emulation'), { session: teacher.session, node: 'e000000000000000000000000', data: '{}' });
  const unknownSessionOnEdge = await problem(endpoint(edge0, '/emulation'), { session: 'no-such-session', node: 'edge-0', data: '{}' });

  const result = {
    total,
    members: clients.map((member) => ({
      label: member.label,
      transports: member.transports,
      node: member.node,
      hasSession: typeof member.session === 'string' && member.session.length > 0,
      recoveries: member.recoveries,
      publications: member.entry.publications.map((pub) => ({ offset: Number(pub.offset), key: pub.data?.key })),
      pushedOffsets: member.pushedOffsets.length > 0
        ? member.pushedOffsets
        : member.client.rawPublications(channel).map((push) => Number(push.pub.offset)),
      disconnects: member.client.disconnects,
    })),
    history: { count: history.publications.length, offsets: history.publications.map((pub) => Number(pub.offset)) },
    presence: { clients: Object.keys(presence.clients).length },
    presenceStats: { numClients: presenceStats.numClients, numUsers: presenceStats.numUsers },
    refused,
    unknownSession,
    unknownNode,
    unknownSessionOnEdge,
  };
  for (const member of clients) {
    member.client.disconnect();
  }
  return result;
});
