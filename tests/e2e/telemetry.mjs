// Traffic for the telemetry tests: a teacher connected directly to edge 0 and a student directly to edge 1 (so
// both edges deliver), the teacher publishes bodies carrying MARKER, the server API publishes one through the
// gateway with the API key (and is refused one with a wrong key), a forged token is refused, and the student
// drops and recovers. A visitor connects through the gateway and subscribes to a classroom of its own (so the
// deliveries above keep one subscriber per edge). The C# test then looks for MARKER, the tokens and the keys in every
// log line, span and metric label the cluster produced, follows each publish's trace and the visitor's connect trace.
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, RUN_ID, MARKER, API_KEY, PUBLICATIONS (default 3). No checkpoints.
// Result: { channel, clients, secrets, published, deliveryError, visitor: { client, node, channel } }.

import { randomBytes } from 'node:crypto';
import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { memberClaims, mintDevToken, signHs256 } from './lib/tokens.mjs';

async function apiPublish(gateway, apiKey, channel, data) {
  const response = await fetch(new URL('/api/publish', gateway), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ channel, data }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}

run(async () => {
  const gateway = gatewayUrl();
  const [edge0, edge1] = edgeUrls();
  const classroom = required('CLASSROOM');
  const marker = required('MARKER');
  const apiKey = required('API_KEY');
  const publications = optionalInt('PUBLICATIONS', 3);
  const channel = `classroom:${classroom}`;
  const suffix = runId();

  const join = async (label, role, url, room = classroom) => {
    const token = await mintDevToken(gateway, { user: `${label}-${suffix}`, name: label, role, classrooms: [room] });
    const client = new TestClient(label, url, { token });
    await client.connect();
    const subscription = await client.subscribe(`classroom:${room}`);
    if (!subscription.subscribed) {
      throw new Error(`${label} could not subscribe to classroom:${room}: ${JSON.stringify(subscription)}`);
    }
    return { label, token, client };
  };
  const teacher = await join('teacher', 'teacher', websocketUrl(edge0));
  const student = await join('student', 'student', websocketUrl(edge1));
  const members = [teacher, student];

  const published = [];
  const publish = async (n) => {
    const id = `${marker}-client-${n}`;
    await withTimeout(teacher.client.centrifuge.publish(channel, { id, text: `${marker} said in class, ${n}` }), 10_000, `publish ${id}`);
    published.push(id);
  };
  const received = (member, id) => member.client.publications(channel).some((publication) => publication.data?.id === id);
  const everyoneHas = (ids) => until(() => members.every((member) => ids.every((id) => received(member, id))), 10_000, `every member receives ${ids.join(', ')}`);

  let deliveryError = null;
  try {
    for (let n = 0; n < publications; n++) {
      await publish(n);
    }
    await everyoneHas(published);

    const apiId = `${marker}-api`;
    const accepted = await apiPublish(gateway, apiKey, channel, { id: apiId, text: `${marker} from the school's backend` });
    if (accepted.status !== 200 || accepted.body.includes('"error"')) {
      throw new Error(`/api/publish answered ${accepted.status}: ${accepted.body}`);
    }
    await everyoneHas([apiId]);
    const refused = await apiPublish(gateway, `${apiKey}-wrong`, channel, { id: `${marker}-forged-api`, text: marker });
    if (refused.status !== 401) {
      throw new Error(`/api/publish with a wrong key answered ${refused.status}: ${refused.body}`);
    }

    // Recovery on reconnect: the student is away for one publication.
    student.client.disconnect();
    await publish(publications);
    await student.client.connect();
    await everyoneHas(published);
  } catch (error) {
    deliveryError = error.message;
  }

  // A token signed with a key auth does not know: refused, and must not be logged either.
  const forgedToken = signHs256(memberClaims({ user: `forger-${suffix}`, name: 'forger', role: 'teacher', classrooms: [classroom] }), randomBytes(32).toString('hex'));
  const forger = new TestClient('forger', websocketUrl(edge0), { token: forgedToken });
  const forgedAttempt = await forger.attempt();
  forger.disconnect();

  // The way real clients come in: through the gateway, whose upgrade request starts the connection's trace.
  const visitorClassroom = `${classroom}-visit`;
  const visitor = await join('visitor', 'student', websocketUrl(gateway, { classroom: visitorClassroom }), visitorClassroom);

  const clients = [...members, visitor].flatMap((member) => member.client.clientIds);
  for (const member of [...members, visitor]) {
    member.client.disconnect();
  }
  return {
    channel,
    clients,
    secrets: { tokens: [teacher.token, student.token, visitor.token, forgedToken], apiKeys: [apiKey, `${apiKey}-wrong`] },
    published,
    forgedAttempt,
    deliveryError,
    visitor: { client: visitor.client.client, node: visitor.client.nodes.at(-1) ?? null, channel: `classroom:${visitorClassroom}` },
  };
});
