// One hostile student in a class of 30 while the teacher publishes: the class must not notice.
// 29 students and the teacher (real SDK) are spread over both edges and subscribe to the classroom. Meanwhile the
// hostile user, on edge 0 (beside half the class), runs four raw WebSocket attacks at once:
//  - "hammer":     floods presence commands in large frames: 111s, then closed with 3013;
//  - "subscriber": subscribes to more channels than allowed (106), then floods malformed channel names (107) until
//                  closed with 3509;
//  - "tabs":       opens more connections of its user than allowed: the extra one is closed with 3504.
// The teacher publishes PUBLICATIONS messages throughout; every student must receive each once, in order, and never
// be disconnected.
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, RUN_ID, PUBLICATIONS (default 200), MAX_SUBSCRIPTIONS, MAX_PER_USER.

import WebSocket from 'ws';
import { TestClient } from './lib/client.mjs';
import { edgeUrls, gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

/** A raw protocol client: sends frames as given, records every reply and the close code. */
class RawSocket {
  constructor(url) {
    this.replies = [];
    this.closeCode = null;
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      for (const line of data.toString().split('\n')) {
        if (line.trim() !== '') {
          const message = JSON.parse(line);
          if (message.id !== undefined) {
            this.replies.push(message);
          } else if (Object.keys(message).length === 0) {
            this.send(['{}']);
          }
        }
      }
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code) => { this.closeCode = code; resolve(code); }));
    this.opened = new Promise((resolve, reject) => { this.socket.once('open', resolve); this.socket.once('error', reject); });
  }

  send(lines) {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(lines.join('\n'));
    }
  }

  async connect(token) {
    await withTimeout(this.opened, 10_000, 'a raw socket opens');
    this.send([JSON.stringify({ id: 1, connect: { token } })]);
    await until(() => this.reply(1) !== undefined || this.closeCode !== null, 10_000, 'the raw connect is answered');
    return this.reply(1);
  }

  reply(id) {
    return this.replies.find((reply) => reply.id === id);
  }

  errorCodes() {
    const counts = {};
    for (const reply of this.replies) {
      if (reply.error) {
        counts[reply.error.code] = (counts[reply.error.code] ?? 0) + 1;
      }
    }
    return counts;
  }

  close() {
    this.socket.terminate();
  }
}

run(async () => {
  const gateway = gatewayUrl();
  const edges = edgeUrls();
  const classroom = required('CLASSROOM');
  const publications = optionalInt('PUBLICATIONS', 200);
  const maxSubscriptions = optionalInt('MAX_SUBSCRIPTIONS', 4);
  const maxPerUser = optionalInt('MAX_PER_USER', 3);
  const suffix = runId();
  const channel = `classroom:${classroom}`;

  const teacherToken = await mintDevToken(gateway, { user: `teacher-${suffix}`, name: 'Ms Lee', role: 'teacher', classrooms: [classroom] });
  const teacher = new TestClient('teacher', websocketUrl(edges[1]), { token: teacherToken });
  await teacher.connect();

  const students = await Promise.all(Array.from({ length: 29 }, async (_, i) => {
    const token = await mintDevToken(gateway, { user: `student${i}-${suffix}`, name: `Student ${i}`, role: 'student', classrooms: [classroom] });
    const client = new TestClient(`student${i}`, websocketUrl(edges[i % edges.length]), { token });
    await client.connect();
    const subscription = await client.subscribe(channel);
    if (!subscription.subscribed) {
      throw new Error(`student${i} could not subscribe: ${JSON.stringify(subscription)}`);
    }
    return client;
  }));

  // The hostile user is a member of the class and of a few more classrooms (channels it may subscribe to).
  const extra = Array.from({ length: maxSubscriptions + 1 }, (_, i) => `${classroom}-x${i}`);
  // Each attack under a user of its own, so one attack's limit (the per-user rate, the per-user connections) does not
  // decide another's outcome.
  const hostile = (name) => mintDevToken(gateway, { user: `${name}-${suffix}`, name: 'Mallory', role: 'student', classrooms: [classroom, ...extra] });
  const hostileUrl = websocketUrl(edges[0]);

  const hammer = new RawSocket(hostileUrl);
  const subscriber = new RawSocket(hostileUrl);
  await hammer.connect(await hostile('hammer'));
  await subscriber.connect(await hostile('subscriber'));
  const tabsToken = await hostile('tabs');

  const attacks = [
    (async () => {
      let id = 2;
      for (let frame = 0; frame < 200 && hammer.closeCode === null; frame++) {
        hammer.send(Array.from({ length: 50 }, () => JSON.stringify({ id: id++, presence: { channel } })));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await withTimeout(hammer.closed, 20_000, 'the hammer is closed');
    })(),
    (async () => {
      const channels = [channel, ...extra.map((name) => `classroom:${name}`)];
      subscriber.send(channels.map((name, i) => JSON.stringify({ id: 2 + i, subscribe: { channel: name } })));
      await until(() => subscriber.replies.length >= channels.length || subscriber.closeCode !== null, 10_000, 'the subscribes are answered');
      let id = 100;
      for (let round = 0; round < 20 && subscriber.closeCode === null; round++) {
        subscriber.send(Array.from({ length: 5 }, () => JSON.stringify({ id: id++, subscribe: { channel: 'not a channel' } })));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await withTimeout(subscriber.closed, 20_000, 'the erring subscriber is closed');
    })(),
    (async () => {
      const tabs = [];
      for (let i = 0; i < maxPerUser + 1; i++) {
        const tab = new RawSocket(hostileUrl);
        tabs.push(tab);
        await tab.connect(tabsToken);
      }
      await withTimeout(tabs.at(-1).closed, 10_000, 'the tab past the limit is closed');
      return tabs;
    })(),
  ];

  const acked = [];
  const publishing = (async () => {
    for (let n = 1; n <= publications; n++) {
      await withTimeout(teacher.centrifuge.publish(channel, { n }), 10_000, `the teacher publishes ${n}`);
      acked.push(n);
      await new Promise((resolve) => setTimeout(resolve, 25)); // pacing: a person drawing, not a synchronisation
    }
  })();

  const [, , tabs] = await Promise.all(attacks);
  await publishing;
  let deliveryError = null;
  try {
    await until(() => students.every((student) => student.publications(channel).length >= publications), 20_000, 'every student receives every publication');
  } catch (error) {
    deliveryError = error.message;
  }

  const result = {
    acked: acked.length,
    deliveryError,
    students: students.map((student) => ({
      label: student.label,
      received: student.publications(channel).map((p) => p.data?.n),
      // What the server sent, in the order it arrived (the SDK may surface two frames' publications interleaved).
      sentOffsets: student.rawPublications(channel).map((push) => Number(push.pub.offset)),
      // Copies: the disconnects below would otherwise show up in the result.
      disconnects: [...student.disconnects],
      closeCodes: [...student.closeCodes],
    })),
    hammer: { closeCode: hammer.closeCode, errors: hammer.errorCodes(), replies: hammer.replies.length },
    subscriber: { closeCode: subscriber.closeCode, errors: subscriber.errorCodes(), subscribed: subscriber.replies.filter((reply) => reply.subscribe).length },
    tabs: tabs.map((tab) => ({ connected: tab.reply(1)?.connect !== undefined, closeCode: tab.closeCode })),
  };
  for (const tab of tabs) {
    tab.close();
  }
  for (const client of [teacher, ...students]) {
    client.disconnect();
  }
  return result;
});
