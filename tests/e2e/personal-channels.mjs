// personal:#<user> channels: only the owner subscribes; a teacher of a classroom the owner is in writes to it,
// nobody else does. The owner and a classmate are in classroom P; one teacher teaches P, another only Q.
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, OTHER_CLASSROOM, RUN_ID.

import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

async function outcome(promise, what) {
  try {
    await withTimeout(promise, 10_000, what);
    return { ok: true };
  } catch (error) {
    return { ok: false, code: error?.code ?? null, message: error?.message ?? String(error) };
  }
}

run(async () => {
  const gateway = gatewayUrl();
  const [edge0, edge1] = edgeUrls();
  const classroom = required('CLASSROOM');
  const other = required('OTHER_CLASSROOM');
  const suffix = runId();
  const user = (label) => `${label}-${suffix}`;

  const open = async (label, role, classrooms, url) => {
    const token = await mintDevToken(gateway, { user: user(label), name: label, role, classrooms });
    const client = new TestClient(label, websocketUrl(url), { token });
    await client.connect();
    return client;
  };
  const subscribeOrFail = async (client, channel) => {
    const subscription = await client.subscribe(channel);
    if (!subscription.subscribed) {
      throw new Error(`${client.label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
  };

  const owner = await open('owner', 'student', [classroom], edge0);
  const classmate = await open('classmate', 'student', [classroom], edge1);
  const teacher = await open('teacher', 'teacher', [classroom], edge1);
  const otherTeacher = await open('other-teacher', 'teacher', [other], edge0);
  const personal = `personal:#${user('owner')}`;

  // The owner is in class (the teacher may only write to students attending one of their classrooms).
  await subscribeOrFail(owner, `classroom:${classroom}`);
  await subscribeOrFail(owner, personal);
  await subscribeOrFail(classmate, `classroom:${classroom}`);

  const classmateSubscribes = await classmate.subscribe(personal);
  const classmatePublishes = await outcome(classmate.centrifuge.publish(personal, { from: 'classmate' }), 'a classmate publishes to the personal channel');
  const ownerPublishes = await outcome(owner.centrifuge.publish(personal, { from: 'owner' }), 'the owner publishes to their own personal channel');
  const otherTeacherPublishes = await outcome(otherTeacher.centrifuge.publish(personal, { from: 'other-teacher' }), 'a teacher of another classroom publishes');
  const teacherPublishes = await outcome(teacher.centrifuge.publish(personal, { from: 'teacher', note: 'see me after class' }), 'the teacher publishes');

  let deliveryError = null;
  try {
    await until(() => owner.publications(personal).length >= 1, 10_000, 'the owner receives the teacher\'s message');
  } catch (error) {
    deliveryError = error.message;
  }

  const result = {
    channel: personal,
    users: { owner: user('owner'), teacher: user('teacher') },
    classmateSubscribes,
    classmatePublishes,
    ownerPublishes,
    otherTeacherPublishes,
    teacherPublishes,
    deliveryError,
    received: owner.publications(personal),
    classmatePushesOnPersonal: classmate.pushes.filter((push) => push.channel === personal).length,
  };
  for (const client of [owner, classmate, teacher, otherTeacher]) {
    client.disconnect();
  }
  return result;
});
