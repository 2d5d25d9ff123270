import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoardState } from '../src/board/board-state.js';
import { ClassroomLink, transportEndpoints } from '../src/classroom/classroom-link.js';

const EPOCH = 'e1';
const info = { user: 't1', client: 'c1', connInfo: { name: 'Ann', role: 'teacher' } };
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A channel stream and a fake client whose subscription serves history from it, with history replies held on demand. */
function harness(published = 0) {
  const stream = { epoch: EPOCH, publications: [] };
  const append = () => {
    const offset = stream.publications.length + 1;
    const publication = { offset, info, data: { t: 'chat', text: `m${offset}` } };
    stream.publications.push(publication);
    return publication;
  };
  for (let i = 0; i < published; i++) {
    append();
  }
  const handlers = {};
  const held = [];
  const subscription = {
    state: 'subscribed',
    holdHistory: false,
    on(event, handler) {
      (handlers[event] ??= []).push(handler);
      return this;
    },
    emit(event, ctx) {
      for (const handler of handlers[event] ?? []) {
        handler(ctx);
      }
    },
    subscribe() {},
    presence: async () => ({ clients: {} }),
    async history({ since, limit }) {
      if (this.holdHistory) {
        await new Promise((resolve) => held.push(resolve));
      }
      if (since?.epoch && since.epoch !== stream.epoch) {
        throw Object.assign(new Error('unrecoverable position'), { code: 112 });
      }
      const top = stream.publications.length;
      const after = stream.publications.filter((publication) => publication.offset > (since?.offset ?? 0));
      return { publications: limit === 0 ? [] : after.slice(0, limit), offset: top, epoch: stream.epoch };
    },
  };
  const client = { state: 'connected', on() {}, newSubscription: () => subscription, connect() {}, disconnect() {}, publish: async () => ({}) };
  const board = new BoardState();
  const statuses = [];
  const link = new ClassroomLink({ url: 'ws://test', classroom: 'c', token: 't', board, client }, {
    onStatus: (state) => statuses.push(state), onChange() {}, onPresence() {}, onUnsubscribed() {},
  });
  const texts = () => board.chat.map((message) => message.text);
  const expected = () => stream.publications.map((publication) => publication.data.text);
  const release = () => held.splice(0).forEach((resolve) => resolve());
  return { stream, append, subscription, board, link, statuses, texts, expected, release };
}

test('A first subscribe reads history, then applies live publications that arrived meanwhile, once each', async () => {
  const h = harness(5);
  h.subscription.holdHistory = true;
  h.subscription.emit('subscribed', { wasRecovering: false, recovered: false, streamPosition: { offset: 5, epoch: EPOCH } });
  h.subscription.emit('publication', h.append());
  h.subscription.emit('publication', h.append());
  h.subscription.holdHistory = false;
  h.release();
  await flush();
  assert.deepEqual(h.texts(), h.expected());
  assert.equal(h.link.syncing, false);
  h.subscription.emit('publication', h.stream.publications[6]);
  h.subscription.emit('publication', h.append());
  assert.deepEqual(h.texts(), h.expected());
});

test('Publications surfaced out of order are put back in order through history', async () => {
  const h = harness(2);
  h.subscription.emit('subscribed', { wasRecovering: false, recovered: false, streamPosition: { offset: 2, epoch: EPOCH } });
  await flush();
  const third = h.append();
  const fourth = h.append();
  h.subscription.emit('publication', fourth);
  h.subscription.emit('publication', third);
  await flush();
  assert.deepEqual(h.texts(), ['m1', 'm2', 'm3', 'm4']);
  assert.ok(h.link.events.some((event) => event.type === 'gap'));
});

test('A recovered resubscribe keeps the board and takes the missed publications as they come', async () => {
  const h = harness(3);
  h.subscription.emit('subscribed', { wasRecovering: false, recovered: false, streamPosition: { offset: 3, epoch: EPOCH } });
  await flush();
  const missed = [h.append(), h.append()];
  h.subscription.emit('subscribed', { wasRecovering: true, recovered: true, streamPosition: { offset: 5, epoch: EPOCH } });
  for (const publication of missed) {
    h.subscription.emit('publication', publication);
  }
  await flush();
  assert.deepEqual(h.texts(), h.expected());
  assert.equal(h.statuses.at(-1), 'recovered');
});

test('An unrecovered resubscribe rebuilds the board from history and says so', async () => {
  const h = harness(3);
  h.subscription.emit('subscribed', { wasRecovering: false, recovered: false, streamPosition: { offset: 3, epoch: EPOCH } });
  await flush();
  // The stream was lost and started again under a new epoch.
  h.stream.epoch = 'e2';
  h.stream.publications.length = 0;
  h.append();
  h.subscription.emit('subscribed', { wasRecovering: true, recovered: false, streamPosition: { offset: 1, epoch: 'e2' } });
  await flush();
  assert.deepEqual(h.texts(), ['m1']);
  assert.equal(h.board.epoch, 'e2');
  assert.equal(h.statuses.at(-1), 'rebuilt');
});

test('A last publication that never arrives is fetched after two position checks', async () => {
  const h = harness(2);
  h.subscription.emit('subscribed', { wasRecovering: false, recovered: false, streamPosition: { offset: 2, epoch: EPOCH } });
  await flush();
  h.append();
  await h.link.checkPosition();
  assert.deepEqual(h.texts(), ['m1', 'm2'], 'one check may race a delivery still on its way');
  await h.link.checkPosition();
  await flush();
  assert.deepEqual(h.texts(), ['m1', 'm2', 'm3']);
  assert.ok(h.link.events.some((event) => event.type === 'stale'));
});

test('the link tries WebSocket, then HTTP-streaming, then SSE on the page\'s own gateway, each with the classroom', () => {
  const { url, emulationEndpoint } = transportEndpoints('42', new URL('https://classroom.example.org/some/page'));

  assert.deepEqual(url, [
    { transport: 'websocket', endpoint: 'wss://classroom.example.org/connection/websocket?classroom=42' },
    { transport: 'http_stream', endpoint: 'https://classroom.example.org/connection/http_stream?classroom=42' },
    { transport: 'sse', endpoint: 'https://classroom.example.org/connection/sse?classroom=42' },
  ]);
  assert.equal(emulationEndpoint, 'https://classroom.example.org/emulation');
});
