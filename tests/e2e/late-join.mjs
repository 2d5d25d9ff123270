// A student who joins after PUBLICATIONS publications reads every one of them from history, in order.
//
// Env: GATEWAY_URL, CLASSROOM, RUN_ID, PUBLICATIONS (500).
// Result: the joiner's subscribe position, its history read (limit -1) and a read since offset 0 of the same epoch.

import { RecordingClient } from './lib/recorder.mjs';
import { gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

run(async () => {
  const gateway = gatewayUrl();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const count = optionalInt('PUBLICATIONS', 500);
  const suffix = runId();
  const tokenFor = (label, role) => mintDevToken(gateway, { user: `${label}-${suffix}`, name: label, role, classrooms: [classroom] });

  const teacher = new RecordingClient('teacher', websocketUrl(gateway), { token: await tokenFor('teacher', 'teacher') });
  await teacher.connect();
  const started = Date.now();
  const published = [];
  for (let n = 0; n < count; n++) {
    const id = `late#${n}`;
    await withTimeout(teacher.centrifuge.publish(channel, { id, n }), 10_000, `publish ${id}`);
    published.push(id);
  }
  const publishMs = Date.now() - started;

  const student = new RecordingClient('late-student', websocketUrl(gateway), { token: await tokenFor('late-student', 'student') });
  await student.connect();
  const subscribed = await student.subscribe(channel);
  const sub = student.subs.get(channel);
  const all = await withTimeout(sub.history({ limit: -1 }), 20_000, 'history limit -1');
  const since = await withTimeout(sub.history({ limit: -1, since: { offset: 0, epoch: all.epoch } }), 20_000, 'history since offset 0');
  const view = (read) => ({ epoch: read.epoch, offset: Number(read.offset), publications: read.publications.map((pub) => ({ o: Number(pub.offset), b: pub.data?.id ?? null })) });

  teacher.centrifuge.disconnect();
  student.centrifuge.disconnect();
  return {
    published,
    publishMs,
    subscribed: { epoch: subscribed.streamPosition?.epoch ?? null, offset: Number(subscribed.streamPosition?.offset ?? 0), recovered: subscribed.recovered === true },
    all: view(all),
    since: view(since),
  };
});
