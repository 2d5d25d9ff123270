// The delivery guarantee under stress: a class of MEMBERS subscribes to its channel, PUBLISHERS of them publish a
// burst of at least MESSAGES publications with several in flight each, and something breaks in the middle of it.
// Every socket is recorded on the wire (lib/recorder.mjs); the C# checker judges the record (P1-P4).
//
// Env: GATEWAY_URL, EDGE_URLS, CLASSROOM, RUN_ID, RECORD_PATH (where the record is written)
//   MEMBERS (6), PUBLISHERS (3), MESSAGES (1200), IN_FLIGHT (4) per publisher
//   PLACEMENT: split (member i's first socket goes to edge i % edges directly, reconnects through the gateway) | gateway
//   ACTION: external (checkpoint "burst" once BREAK_AT publications are acknowledged; publishing goes on until a stdin
//           line arrives and MESSAGES were sent) | dropout (member DROPOUT_MEMBER disconnects at BREAK_AT and
//           reconnects once DROPOUT_FOR more publications are acknowledged) | none
//   BREAK_AT (MESSAGES / 3), AFTER_BREAK (150: publications sent after the stdin line, so traffic follows the break),
//   DROPOUT_MEMBER (MEMBERS - 1), DROPOUT_FOR (300), SETTLE_MS (45000)
// Checkpoints: "subscribed", then (ACTION=external) "burst". Result: a summary; the full record is in RECORD_PATH.

import { writeFileSync } from 'node:fs';
import { RecordingClient } from './lib/recorder.mjs';
import { edgeUrls, gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { checkpoint, nextInputLine, run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

const PUBLISH_TIMEOUT_MS = 12_000;

run(async () => {
  const gateway = gatewayUrl();
  const edges = edgeUrls();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const recordPath = required('RECORD_PATH');
  const memberCount = optionalInt('MEMBERS', 6);
  const publisherCount = optionalInt('PUBLISHERS', 3);
  const messages = optionalInt('MESSAGES', 1200);
  const inFlight = optionalInt('IN_FLIGHT', 4);
  const placement = process.env.PLACEMENT || 'split';
  const action = process.env.ACTION || 'none';
  const breakAt = optionalInt('BREAK_AT', Math.floor(messages / 3));
  const afterBreak = optionalInt('AFTER_BREAK', 150);
  const dropoutMember = optionalInt('DROPOUT_MEMBER', memberCount - 1);
  const dropoutFor = optionalInt('DROPOUT_FOR', 300);
  const settleMs = optionalInt('SETTLE_MS', 45_000);
  const suffix = runId();

  const tokenFor = (label, role) => mintDevToken(gateway, { user: `${label}-${suffix}`, name: label, role, classrooms: [classroom] });
  const members = await Promise.all(Array.from({ length: memberCount }, async (_, i) => {
    const label = i === 0 ? 'teacher' : `student${i}`;
    const token = await tokenFor(label, i === 0 ? 'teacher' : 'student');
    const firstUrl = placement === 'split' ? websocketUrl(edges[i % edges.length]) : undefined;
    const client = new RecordingClient(label, websocketUrl(gateway), { token, firstUrl });
    await client.connect();
    await client.subscribe(channel);
    return client;
  }));
  checkpoint('subscribed', { channel, members: members.map((member) => member.label) });

  const publishes = [];
  let acked = 0;
  let sent = 0;
  let stopRequested = action !== 'external';
  let actionAt = null;
  let sentAtAction = 0;
  let breakReachedAt = null;
  const breakReached = new Promise((resolve) => {
    const check = setInterval(() => {
      if (acked >= breakAt) {
        clearInterval(check);
        breakReachedAt = Date.now();
        resolve();
      }
    }, 5);
  });

  if (action === 'external') {
    breakReached.then(async () => {
      checkpoint('burst', { acked, sent });
      await withTimeout(nextInputLine(), 60_000, 'the C# side breaks something and lets the burst end');
      actionAt = Date.now();
      sentAtAction = sent;
      stopRequested = true;
    });
  }

  let dropout = null;
  if (action === 'dropout') {
    const member = members[dropoutMember];
    breakReached.then(async () => {
      dropout = { label: member.label, disconnectedAt: Date.now(), ackedAtDisconnect: acked };
      member.centrifuge.disconnect();
      await until(() => acked >= dropout.ackedAtDisconnect + dropoutFor || (stopRequested && sent >= messages), 60_000, 'publications go on while a member is away');
      dropout.reconnectedAt = Date.now();
      dropout.ackedAtReconnect = acked;
      member.centrifuge.connect();
    });
  }

  const publishOne = async (publisher, n) => {
    const body = `${publisher.label}#${n}`;
    const attempt = { client: publisher.label, channel, body, sentAt: Date.now(), settledAt: null, outcome: 'pending', code: null };
    publishes.push(attempt);
    try {
      await withTimeout(publisher.centrifuge.publish(channel, { id: body, n }), PUBLISH_TIMEOUT_MS, `publish ${body}`);
      attempt.outcome = 'ack';
      acked++;
    } catch (error) {
      const timedOut = String(error?.message ?? '').startsWith('timed out');
      attempt.outcome = timedOut ? 'timeout' : 'error';
      attempt.code = error?.code ?? null;
    }
    attempt.settledAt = Date.now();
  };

  const startedAt = Date.now();
  const publishers = members.slice(0, publisherCount);
  const done = () => sent >= messages && stopRequested
    && (action !== 'external' || sent >= sentAtAction + afterBreak)
    && (action !== 'dropout' || dropout?.reconnectedAt);
  await Promise.all(publishers.flatMap((publisher) => Array.from({ length: inFlight }, async () => {
    while (!done()) {
      const n = sent++;
      await publishOne(publisher, n);
    }
  })));
  const publishedAt = Date.now();

  // Quiescence: every member subscribed again and sent every acknowledged publication. The stream may end with
  // publications whose publish failed (e.g. unconfirmed by replicas): nothing promises their delivery until a later one.
  const auditorToken = await tokenFor('auditor', 'teacher');
  const auditor = new RecordingClient('auditor', websocketUrl(gateway), { token: auditorToken });
  await auditor.connect();
  const ackedBodies = new Set(publishes.filter((attempt) => attempt.outcome === 'ack').map((attempt) => attempt.body));
  let top = null;
  let owedOffset = null;
  let settleError = null;
  try {
    const deadline = Date.now() + settleMs;
    for (;;) {
      const read = await withTimeout(auditor.centrifuge.history(channel, { limit: -1 }), 10_000, 'read the stream');
      top = { epoch: read.epoch, offset: Number(read.offset) };
      owedOffset = read.publications.filter((pub) => ackedBodies.has(pub.data?.id)).reduce((max, pub) => Math.max(max, Number(pub.offset)), 0);
      const atTop = members.every((member) => member.isSubscribed(channel) && member.wirePosition(channel).epoch === top.epoch && member.wirePosition(channel).offset >= owedOffset);
      if (atTop) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`members did not reach ${owedOffset} of ${JSON.stringify(top)} within ${settleMs} ms: ${JSON.stringify(members.map((member) => ({ label: member.label, state: member.centrifuge.state, sub: member.subs.get(channel)?.state, at: member.wirePosition(channel) })))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    settleError = error.message;
  }
  const settledAt = Date.now();

  const history = await withTimeout(auditor.centrifuge.history(channel, { limit: -1 }), 20_000, 'read the whole history');
  const record = {
    channel,
    startedAt,
    publishedAt,
    settledAt,
    breakReachedAt,
    actionAt,
    dropout,
    settleError,
    top,
    owedOffset,
    history: {
      epoch: history.epoch,
      offset: Number(history.offset),
      publications: history.publications.map((pub) => ({ o: Number(pub.offset), b: pub.data?.id ?? null })),
    },
    publishes,
    clients: members.map((member) => member.record()),
  };
  writeFileSync(recordPath, JSON.stringify(record));

  for (const member of [...members, auditor]) {
    member.centrifuge.disconnect();
  }
  return {
    channel,
    attempts: publishes.length,
    acked,
    publishMs: publishedAt - startedAt,
    settleMs: settledAt - publishedAt,
    settleError,
    top,
  };
});
