// Presence and join/leave of one classroom across both edges. A teacher (edge 0) and a student (edge 1) subscribe
// with joinLeave; another student opens two tabs (one socket on each edge) without it. Reports what presence and
// presence_stats answer on each edge, the join/leave events each subscriber saw, and presence after two leave
// (one unsubscribes, one disconnects).
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, RUN_ID.

import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

const EVENT_TIMEOUT_MS = 10_000;

run(async () => {
  const gateway = gatewayUrl();
  const [edge0, edge1] = edgeUrls();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const suffix = runId();

  const people = {
    teacher: { user: `teacher-${suffix}`, name: 'Ms Teacher', role: 'teacher' },
    twoTabs: { user: `two-tabs-${suffix}`, name: 'Tab Student', role: 'student' },
    listener: { user: `listener-${suffix}`, name: 'Listening Student', role: 'student' },
  };
  const tokens = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([key, person]) =>
    [key, await mintDevToken(gateway, { ...person, classrooms: [classroom] })])));

  const open = async (label, person, url, joinLeave) => {
    const client = new TestClient(label, websocketUrl(url), { token: tokens[person] });
    await client.connect();
    const subscription = await client.subscribe(channel, 10_000, { joinLeave });
    if (!subscription.subscribed) {
      throw new Error(`${label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
    return client;
  };

  // Watchers first, so they see everyone else join.
  const teacher = await open('teacher', 'teacher', edge0, true);
  const listener = await open('listener', 'listener', edge1, true);
  const tabA = await open('tabA', 'twoTabs', edge0, false);
  const tabB = await open('tabB', 'twoTabs', edge1, false);
  const clients = { teacher: teacher.client, listener: listener.client, tabA: tabA.client, tabB: tabB.client };

  const joinsOf = (watcher) => watcher.subscriptions.get(channel).joins;
  const leavesOf = (watcher) => watcher.subscriptions.get(channel).leaves;
  const sawAll = (events, expected) => expected.every((client) => events.some((event) => event.client === client));

  let joinError = null;
  try {
    await until(() => sawAll(joinsOf(teacher), [listener.client, tabA.client, tabB.client]) && sawAll(joinsOf(listener), [tabA.client, tabB.client]),
      EVENT_TIMEOUT_MS, 'the watchers see everyone who subscribed after them join');
  } catch (error) {
    joinError = error.message;
  }

  const presenceOn = async (client) => {
    const presence = await withTimeout(client.centrifuge.presence(channel), 10_000, `${client.label} presence`);
    const stats = await withTimeout(client.centrifuge.presenceStats(channel), 10_000, `${client.label} presence stats`);
    return { clients: presence.clients, stats };
  };
  const before = { edge0: await presenceOn(teacher), edge1: await presenceOn(listener) };

  // One tab unsubscribes (its socket stays), the listener closes its connection.
  tabB.subscriptions.get(channel).sub.unsubscribe();
  listener.disconnect();

  let leaveError = null;
  try {
    await until(() => sawAll(leavesOf(teacher), [tabB.client, listener.client]), EVENT_TIMEOUT_MS, 'the teacher sees the tab and the listener leave');
  } catch (error) {
    leaveError = error.message;
  }
  const after = await presenceOn(teacher);

  const result = {
    channel,
    users: Object.fromEntries(Object.entries(people).map(([key, person]) => [key, person.user])),
    clients,
    joinError,
    leaveError,
    before,
    after,
    joins: { teacher: joinsOf(teacher), listener: joinsOf(listener) },
    leaves: { teacher: leavesOf(teacher), listener: leavesOf(listener) },
    // What reached the sockets that did not ask for join/leave.
    unaskedPresencePushes: {
      tabA: tabA.pushes.filter((push) => push.join !== undefined || push.leave !== undefined).length,
      tabB: tabB.pushes.filter((push) => push.join !== undefined || push.leave !== undefined).length,
    },
  };
  for (const client of [teacher, tabA, tabB]) {
    client.disconnect();
  }
  return result;
});
