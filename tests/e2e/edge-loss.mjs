// kill -9 of the edge a muted student is on. Two teachers watch the classroom with joinLeave, one directly on each
// edge, with a student beside each; the muted student connects through the gateway. At checkpoint "ready" the C#
// test kills the muted student's edge (named in the checkpoint) and writes a line. Then: the surviving teacher must
// see every connection of the dead edge leave and presence forget them within LEAVE_TIMEOUT_MS; the student must
// come back through the gateway on the surviving edge and still be muted, until that teacher unmutes them.
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, RUN_ID, LEAVE_TIMEOUT_MS (default 10000).

import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { outcome, publishUntil } from './lib/outcome.mjs';
import { checkpoint, nextInputLine, run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

const SETTLE_MS = 10_000;
const RECONNECT_MS = 30_000;

run(async () => {
  const gateway = gatewayUrl();
  const edges = edgeUrls();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const leaveTimeoutMs = optionalInt('LEAVE_TIMEOUT_MS', 10_000);
  const suffix = runId();
  const user = (label) => `${label}-${suffix}`;

  const join = async (label, role, url, joinLeave) => {
    const token = await mintDevToken(gateway, { user: user(label), name: label, role, classrooms: [classroom] });
    const client = new TestClient(label, url, { token });
    await client.connect();
    const subscription = await client.subscribe(channel, 10_000, { joinLeave });
    if (!subscription.subscribed) {
      throw new Error(`${label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
    return client;
  };

  const teachers = await Promise.all(edges.map((url, i) => join(`teacher${i}`, 'teacher', websocketUrl(url), true)));
  const students = await Promise.all(edges.map((url, i) => join(`student${i}`, 'student', websocketUrl(url), false)));
  const muted = await join('muted', 'student', websocketUrl(gateway), false);

  const mute = await outcome(teachers[0].centrifuge.rpc('classroom.mute', { classroom, user: user('muted') }), 'classroom.mute');
  const mutedBefore = await publishUntil(muted, channel, (attempt) => !attempt.ok, SETTLE_MS);

  const killedEdge = muted.nodes.at(-1);
  const killedIndex = teachers.findIndex((teacher) => teacher.nodes.at(-1) === killedEdge);
  if (killedIndex < 0) {
    throw new Error(`no teacher is on the muted student's edge ${killedEdge}: ${teachers.map((teacher) => teacher.nodes.at(-1))}`);
  }
  const survivor = teachers[1 - killedIndex];
  const gone = [teachers[killedIndex].client, students[killedIndex].client, muted.client];

  checkpoint('ready', { killedEdge, survivorEdge: survivor.nodes.at(-1), gone });
  await withTimeout(nextInputLine(), 60_000, 'the C# side kills the edge');
  const killedAt = Date.now();

  const leaves = () => survivor.subscriptions.get(channel).leaves;
  let leaveMs = null;
  let presenceMs = null;
  let lastPresence = null;
  const watchLeaves = until(() => gone.every((client) => leaves().some((leave) => leave.client === client)), leaveTimeoutMs, 'the surviving teacher sees every connection of the dead edge leave')
    .then(() => { leaveMs = Date.now() - killedAt; }, () => null);
  const watchPresence = (async () => {
    const deadline = killedAt + leaveTimeoutMs;
    while (Date.now() < deadline) {
      try {
        const listed = Object.keys((await withTimeout(survivor.centrifuge.presence(channel), 5_000, 'presence on the surviving edge')).clients);
        lastPresence = listed;
        if (!gone.some((client) => listed.includes(client))) {
          presenceMs = Date.now() - killedAt;
          return;
        }
      } catch (error) {
        lastPresence = error?.message ?? String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.all([watchLeaves, watchPresence]);

  // The muted student's SDK reconnects through the gateway, which now only has the surviving edge.
  let reconnectError = null;
  try {
    await until(() => muted.clientIds.length >= 2 && muted.centrifuge.state === 'connected', RECONNECT_MS, 'the muted student reconnects');
    await until(() => muted.subscriptions.get(channel).sub.state === 'subscribed', SETTLE_MS, 'the muted student is subscribed again');
  } catch (error) {
    reconnectError = error.message;
  }
  const mutedAfterRestart = reconnectError === null ? await outcome(muted.centrifuge.publish(channel, { from: 'muted', after: 'restart' }), 'publish after the restart') : null;
  const unmute = await outcome(survivor.centrifuge.rpc('classroom.unmute', { classroom, user: user('muted') }), 'classroom.unmute');
  const afterUnmute = reconnectError === null ? await publishUntil(muted, channel, (attempt) => attempt.ok, SETTLE_MS) : null;

  const result = {
    killedEdge,
    survivorEdge: survivor.nodes.at(-1),
    gone,
    mute,
    mutedBefore,
    leaveMs,
    leaves: leaves(),
    presenceMs,
    lastPresence,
    reconnectError,
    mutedNodes: muted.nodes,
    mutedClientIds: muted.clientIds,
    mutedAfterRestart,
    unmute,
    afterUnmute,
  };
  for (const client of [...teachers, ...students, muted]) {
    client.disconnect();
  }
  return result;
});
