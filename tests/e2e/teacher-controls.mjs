// A teacher's rpc methods through the real SDK: mute/unmute, kick, end of class, and the errors students and
// unknown methods get. Classroom CONTROL hosts the teacher, a student to mute and a student to kick; classroom END
// is ended by its own teacher (whose token lists only END, so the rpc names no classroom).
// Checkpoint "ended" once the ended class's members were disconnected; waits for a stdin line to go on.
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM_CONTROL, CLASSROOM_END, RUN_ID.

import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, required, runId, websocketUrl } from './lib/env.mjs';
import { outcome, publishUntil } from './lib/outcome.mjs';
import { checkpoint, nextInputLine, run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

// Moderation reaches other edges through the fanout: a moment, not an instant.
const SETTLE_MS = 10_000;

const describe = (client) => ({
  label: client.label,
  clientIds: client.clientIds,
  state: client.centrifuge.state,
  disconnects: client.disconnects,
  closeCodes: client.closeCodes,
});

run(async () => {
  const gateway = gatewayUrl();
  const [edge0, edge1] = edgeUrls();
  const control = required('CLASSROOM_CONTROL');
  const ended = required('CLASSROOM_END');
  const controlChannel = `classroom:${control}`;
  const endChannel = `classroom:${ended}`;
  const suffix = runId();
  const user = (label) => `${label}-${suffix}`;

  const join = async (label, role, classrooms, url, channel, token) => {
    const client = new TestClient(label, websocketUrl(url), {
      token: token ?? await mintDevToken(gateway, { user: user(label), name: label, role, classrooms }),
    });
    await client.connect();
    const subscription = await client.subscribe(channel);
    if (!subscription.subscribed) {
      throw new Error(`${label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
    return client;
  };

  const teacher = await join('teacher', 'teacher', [control], edge0, controlChannel);
  const muted = await join('muted', 'student', [control], edge1, controlChannel);
  const kickedToken = await mintDevToken(gateway, { user: user('kicked'), name: 'kicked', role: 'student', classrooms: [control] });
  const kicked = await join('kicked', 'student', [control], gateway, controlChannel, kickedToken);

  // Errors.
  const studentKicks = await outcome(muted.centrifuge.rpc('classroom.kick', { classroom: control, user: user('kicked') }), 'a student calls classroom.kick');
  const unknownMethod = await outcome(teacher.centrifuge.rpc('classroom.explode', { classroom: control }), 'an unknown rpc method');
  const kickWithoutUser = await outcome(teacher.centrifuge.rpc('classroom.kick', { classroom: control }), 'classroom.kick without a user');
  const foreignClassroom = await outcome(teacher.centrifuge.rpc('classroom.mute', { classroom: ended, user: user('muted') }), 'a teacher mutes in a classroom not theirs');

  // Mute, then unmute.
  const beforeMute = await outcome(muted.centrifuge.publish(controlChannel, { from: 'muted', n: -1 }), 'publish before the mute');
  const mute = await outcome(teacher.centrifuge.rpc('classroom.mute', { classroom: control, user: user('muted') }), 'classroom.mute');
  const whileMuted = await publishUntil(muted, controlChannel, (attempt) => !attempt.ok, SETTLE_MS);
  const teacherWhileMuted = await outcome(teacher.centrifuge.publish(controlChannel, { from: 'teacher', note: 'while muted' }), 'the teacher publishes while the student is muted');
  let mutedStillReceives = true;
  try {
    await until(() => muted.publications(controlChannel).some((publication) => publication.data?.note === 'while muted'), SETTLE_MS, 'the muted student still receives');
  } catch {
    mutedStillReceives = false;
  }
  const unmute = await outcome(teacher.centrifuge.rpc('classroom.unmute', { classroom: control, user: user('muted') }), 'classroom.unmute');
  const afterUnmute = await publishUntil(muted, controlChannel, (attempt) => attempt.ok, SETTLE_MS);

  // Kick: the socket is closed for good, the same token cannot rejoin, a token minted after the kick can.
  const kickedDisconnected = new Promise((resolve) => kicked.centrifuge.once('disconnected', resolve));
  const kick = await outcome(teacher.centrifuge.rpc('classroom.kick', { classroom: control, user: user('kicked') }), 'classroom.kick');
  const kickSecond = Math.floor(Date.now() / 1000);
  await withTimeout(kickedDisconnected, SETTLE_MS, 'the kicked student is disconnected').catch(() => null);
  const kickedAfter = describe(kicked);

  const sameToken = new TestClient('kicked-same-token', websocketUrl(gateway), { token: kickedToken });
  const sameTokenConnect = await sameToken.attempt();
  const sameTokenSubscribe = sameTokenConnect.outcome === 'connected' ? await sameToken.subscribe(controlChannel) : null;
  sameToken.disconnect();

  // Tokens carry whole seconds, and a token of the kick's own second counts as issued before it.
  await until(() => Math.floor(Date.now() / 1000) > kickSecond, 2_000, 'the second of the kick passes');
  const freshToken = await mintDevToken(gateway, { user: user('kicked'), name: 'kicked', role: 'student', classrooms: [control] });
  const fresh = new TestClient('kicked-fresh-token', websocketUrl(gateway), { token: freshToken });
  await fresh.connect();
  const freshSubscribe = await fresh.subscribe(controlChannel);
  const freshPublish = freshSubscribe.subscribed ? await outcome(fresh.centrifuge.publish(controlChannel, { from: 'fresh' }), 'the re-admitted student publishes') : null;
  fresh.disconnect();

  // End of class: everyone on the ended channel goes, with a terminal code; the other classroom is untouched.
  const endTeacher = await join('end-teacher', 'teacher', [ended], edge1, endChannel);
  const endStudents = [
    await join('end-student-edge0', 'student', [ended], edge0, endChannel),
    await join('end-student-gateway', 'student', [ended], gateway, endChannel),
  ];
  const endMembers = [endTeacher, ...endStudents];
  const endClients = Object.fromEntries(endMembers.map((member) => [member.label, member.client]));
  const allDisconnected = Promise.all(endMembers.map((member) => new Promise((resolve) => member.centrifuge.once('disconnected', resolve))));
  const end = await outcome(endTeacher.centrifuge.rpc('classroom.end', {}), 'classroom.end');
  const endError = await withTimeout(allDisconnected, SETTLE_MS, 'every member of the ended class is disconnected').then(() => null, (error) => error.message);
  // The C# side checks that the registry forgets the ended class while its members are still around, then goes on.
  checkpoint('ended', { channel: endChannel });
  await withTimeout(nextInputLine(), 60_000, 'the C# side inspects the registry');

  const result = {
    users: { teacher: user('teacher'), muted: user('muted'), kicked: user('kicked') },
    errors: { studentKicks, unknownMethod, kickWithoutUser, foreignClassroom },
    mute: { beforeMute, mute, whileMuted, teacherWhileMuted, mutedStillReceives, unmute, afterUnmute },
    kick: { kick, kickedAfter, sameTokenConnect, sameTokenSubscribe, freshSubscribe, freshPublish },
    end: {
      end,
      endError,
      clients: endClients,
      members: endMembers.map(describe),
      // Members of the other classroom stay connected.
      bystanders: [describe(teacher), describe(muted)],
    },
  };
  for (const client of [teacher, muted, kicked, ...endMembers]) {
    client.disconnect();
  }
  return result;
});
