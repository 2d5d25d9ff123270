// Server-side subscriptions with the real SDK across two edges: the teacher publishes through edge 1, the student is
// on edge 0 and never subscribes to anything itself.
//  1. The token's `channels` claim subscribes the student to the classroom on connect; with the edge's
//     SubscribeToPersonal on, also to `personal:#<student>`. Both arrive as client-level `subscribed` events.
//  2. Publications arrive as client-level `publication` events, in order; a classmate's join and leave as
//     client-level `join`/`leave` events.
//  3. The student disconnects, misses publications, reconnects: the SDK sends its positions in `connect.subs`
//     and the server-side subscription is recovered (every missed publication once, in order).
//  4. Checkpoint "ready": the C# side announces the server API's subscribe (a SubscribeClients control command
//     through the fanout); the student gets a `subscribed` event for that channel, then its publications.
//
// Env: GATEWAY_URL, EDGE_URLS, HS256_SECRET, CLASSROOM, OTHER_CLASSROOM, RUN_ID.

import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, required, runId, websocketUrl } from './lib/env.mjs';
import { checkpoint, nextInputLine, run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { memberClaims, mintDevToken, signHs256 } from './lib/tokens.mjs';

run(async () => {
  const gateway = gatewayUrl();
  const [edge0, edge1] = edgeUrls();
  const secret = required('HS256_SECRET');
  const classroom = required('CLASSROOM');
  const other = required('OTHER_CLASSROOM');
  const suffix = runId();
  const channel = `classroom:${classroom}`;
  const pushed = `classroom:${other}`;
  const studentUser = `student-${suffix}`;
  const personal = `personal:#${studentUser}`;

  const teacherToken = await mintDevToken(gateway, { user: `teacher-${suffix}`, name: 'Ms Lee', role: 'teacher', classrooms: [classroom, other] });
  const teacher = new TestClient('teacher', websocketUrl(edge1), { token: teacherToken });
  await teacher.connect();
  const teacherSub = await teacher.subscribe(channel);
  if (!teacherSub.subscribed) {
    throw new Error(`the teacher could not subscribe to ${channel}: ${JSON.stringify(teacherSub)}`);
  }

  // The student's token names the classroom channel; nothing else is asked of the SDK.
  const token = signHs256({ ...memberClaims({ user: studentUser, name: 'Sam', role: 'student', classrooms: [classroom] }), channels: [channel] }, secret);
  const student = new TestClient('student', websocketUrl(edge0), { token });
  const subscribed = [];
  const unsubscribed = [];
  const received = {};
  student.centrifuge.on('subscribed', (ctx) => subscribed.push({ channel: ctx.channel, recovered: ctx.recovered ?? false, wasRecovering: ctx.wasRecovering ?? false, recoverable: ctx.recoverable ?? false, offset: ctx.streamPosition?.offset, data: ctx.data ?? null }));
  student.centrifuge.on('unsubscribed', (ctx) => unsubscribed.push({ channel: ctx.channel }));
  const presence = [];
  student.centrifuge.on('join', (ctx) => presence.push({ kind: 'join', channel: ctx.channel, user: ctx.info?.user }));
  student.centrifuge.on('leave', (ctx) => presence.push({ kind: 'leave', channel: ctx.channel, user: ctx.info?.user }));
  student.centrifuge.on('publication', (ctx) => (received[ctx.channel] ??= []).push({ n: ctx.data?.n, offset: ctx.offset, user: ctx.info?.user }));
  const got = (name) => received[name] ?? [];
  const publish = async (name, count, from) => {
    for (let n = from; n < from + count; n++) {
      await withTimeout(teacher.centrifuge.publish(name, { n }), 10_000, `the teacher publishes ${n} to ${name}`);
    }
  };

  await student.connect();
  await until(() => subscribed.some((s) => s.channel === channel) && subscribed.some((s) => s.channel === personal), 10_000, 'server-side subscriptions on connect');
  const onConnect = subscribed.map((s) => s.channel);

  await publish(channel, 5, 1);
  await until(() => got(channel).length >= 5, 10_000, 'the student receives 5 publications');
  await withTimeout(teacher.centrifuge.publish(personal, { note: 'see me after class' }), 10_000, 'the teacher writes to the personal channel');
  await until(() => got(personal).length >= 1, 10_000, 'the student receives the personal message');

  // Join/leave reach server-side subscribers too: a classmate comes and goes on the other edge.
  const classmateUser = `classmate-${suffix}`;
  const classmate = new TestClient('classmate', websocketUrl(edge1), { token: await mintDevToken(gateway, { user: classmateUser, name: 'Kim', role: 'student', classrooms: [classroom] }) });
  await classmate.connect();
  await classmate.subscribe(channel);
  const seen = (kind) => presence.some((event) => event.kind === kind && event.channel === channel && event.user === classmateUser);
  let presenceError = null;
  try {
    await until(() => seen('join'), 10_000, 'the student sees the classmate join');
    classmate.disconnect();
    await until(() => seen('leave'), 10_000, 'the student sees the classmate leave');
  } catch (error) {
    presenceError = error.message;
    classmate.disconnect();
  }

  // Recovery: gone while 6..10 are published, back on the same edge with its positions in connect.subs.
  const disconnected = new Promise((resolve) => student.centrifuge.once('disconnected', resolve));
  student.disconnect();
  await withTimeout(disconnected, 10_000, 'the student disconnects');
  await publish(channel, 5, 6);
  const before = subscribed.length;
  await student.connect();
  await until(() => subscribed.slice(before).some((s) => s.channel === channel), 10_000, 'the classroom subscription is reported again');
  await until(() => got(channel).length >= 10, 10_000, 'the missed publications are recovered');
  await publish(channel, 2, 11);
  await until(() => got(channel).length >= 12, 10_000, 'live publications after the recovery');
  const resubscribed = subscribed.slice(before).find((s) => s.channel === channel);

  // The server API's subscribe, announced by the C# side.
  const pushedBefore = subscribed.length;
  checkpoint('ready', { user: studentUser, client: student.client, channel: pushed });
  await withTimeout(nextInputLine(), 60_000, 'the C# side announces the subscribe');
  let pushError = null;
  try {
    await until(() => subscribed.slice(pushedBefore).some((s) => s.channel === pushed), 10_000, 'the subscribe push arrives');
    await publish(pushed, 3, 1);
    await until(() => got(pushed).length >= 3, 10_000, 'publications of the pushed channel arrive');
  } catch (error) {
    pushError = error.message;
  }

  const result = {
    channel,
    personal,
    pushed,
    onConnect,
    resubscribed: resubscribed ?? null,
    pushedSubscribed: subscribed.slice(pushedBefore).find((s) => s.channel === pushed) ?? null,
    pushError,
    presenceError,
    presence: [...presence],
    received: { classroom: got(channel).map((p) => p.n), personal: got(personal).length, pushed: got(pushed).map((p) => p.n) },
    rawClassroomPushes: student.rawPublications(channel).length,
    unsubscribed: [...unsubscribed],
    disconnects: [...student.disconnects],
    errors: [...student.errors],
  };
  student.disconnect();
  teacher.disconnect();
  return result;
});
