// A channel past the read budgets: a student who was away while the teacher published more than the edge's recovery
// budget (Edge:Reads:RecoveryMaxBytes, 8 MiB) and more than one gRPC message may carry (16 MiB) is told honestly
// `recovered: false` at once, never error 100 in a loop; history of the whole stream answers 106; a bounded history
// and a subscriber that stayed get every publication.
//
// Env: GATEWAY_URL, CLASSROOM, RUN_ID, PUBLICATIONS (300), PAD_BYTES (60000).
// Result: the away student's resubscribe and subscribe errors, both history outcomes, the present student's offsets.

import { RecordingClient } from './lib/recorder.mjs';
import { gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

run(async () => {
  const gateway = gatewayUrl();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const count = optionalInt('PUBLICATIONS', 300);
  const pad = 'x'.repeat(optionalInt('PAD_BYTES', 60_000));
  const suffix = runId();
  const tokenFor = (label, role) => mintDevToken(gateway, { user: `${label}-${suffix}`, name: label, role, classrooms: [classroom] });

  const teacher = new RecordingClient('teacher', websocketUrl(gateway), { token: await tokenFor('teacher', 'teacher') });
  const away = new RecordingClient('away-student', websocketUrl(gateway), { token: await tokenFor('away-student', 'student') });
  const present = new RecordingClient('present-student', websocketUrl(gateway), { token: await tokenFor('present-student', 'student') });
  await Promise.all([teacher.connect(), away.connect(), present.connect()]);
  await Promise.all([away.subscribe(channel), present.subscribe(channel)]);
  await withTimeout(teacher.centrifuge.publish(channel, { id: 'before', n: -1 }), 10_000, 'publish before');
  await until(() => away.sdk[channel].length === 1, 10_000, 'the away student has the first publication');

  const sub = away.subs.get(channel);
  const resubscribed = new Promise((resolve) => sub.once('subscribed', resolve));
  away.centrifuge.disconnect();
  for (let n = 0; n < count; n++) {
    await withTimeout(teacher.centrifuge.publish(channel, { id: `big#${n}`, n, pad }), 10_000, `publish big#${n}`);
  }
  await until(() => present.sdk[channel].length === count + 1, 60_000, 'the present student has every publication');

  away.centrifuge.connect();
  const context = await withTimeout(resubscribed, 30_000, 'the away student resubscribes');
  const subscribeErrors = away.sockets.flatMap((socket) => socket.events).filter((event) => event.k === 'subscribeError').map((event) => event.code);

  const historyOutcome = async (options) => {
    try {
      const read = await withTimeout(sub.history(options), 30_000, `history ${JSON.stringify(options)}`);
      return { ok: true, offsets: read.publications.map((pub) => Number(pub.offset)), offset: Number(read.offset) };
    } catch (error) {
      return { ok: false, code: error?.code ?? null };
    }
  };
  const whole = await historyOutcome({ limit: -1 });
  const newest = await historyOutcome({ limit: 5, reverse: true });

  for (const client of [teacher, away, present]) {
    client.centrifuge.disconnect();
  }
  return {
    resubscribed: { recovered: context.recovered === true, wasRecovering: context.wasRecovering === true },
    subscribeErrors,
    whole,
    newest,
    present: present.sdk[channel].map((pub) => Number(pub.o)),
    timeline: away.sockets.map((socket) => ({ url: socket.url, opened: socket.openedAt, closed: socket.closedAt, code: socket.closeCode,
      events: socket.events.filter((event) => event.k !== 'pub').map(({ pubs, ...event }) => ({ ...event, pubs: pubs?.length })) })),
  };
});
