import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { withTimeout } from './timeout.mjs';

// A client whose every socket is recorded on the wire, both directions, so a delivery-guarantee checker can judge
// what the server sent (per socket, in arrival order) independently of what the SDK chose to emit. Bodies are
// identified by `data.id`, which every scenario makes unique per publish attempt.
//
// Record shape (read by tests/Classroom.Micro.EndToEnd.Tests/Guarantees):
//   { label, sockets: [{ index, url, openedAt, closedAt, closeCode, events: [...] }], sdk: { channel: [{o, b}] } }
// Wire events (t = Date.now()):
//   { k: 'subscribe', t, channel, recover, offset, epoch }              subscribe command sent
//   { k: 'subscribed', t, channel, epoch, offset, recovered, wasRecovering, pubs: [{o, b}] }
//   { k: 'subscribeError', t, channel, code }
//   { k: 'pub', t, channel, o, b }                                       publication push
//   { k: 'unsubscribed', t, channel, code }                              server-side unsubscribe push
//   { k: 'disconnect', t, code }                                         disconnect push
//   { k: 'connected', t, client }

/** The body id of a publication's data, or a marker when the data carries none. */
const bodyOf = (data) => (data && typeof data === 'object' && typeof data.id === 'string' ? data.id : `?${JSON.stringify(data)}`);

export class RecordingClient {
  /**
   * @param label      a name for reports
   * @param url        where the SDK connects (and reconnects)
   * @param firstUrl   where the very first socket goes instead (e.g. one edge directly, reconnects via the gateway)
   */
  constructor(label, url, { token, firstUrl } = {}) {
    this.label = label;
    this.sockets = [];
    this.sdk = {};
    this.subs = new Map();
    const recorder = this;
    this.centrifuge = new Centrifuge(url, {
      websocket: class RecordedWebSocket extends WebSocket {
        constructor(target, protocols) {
          const socket = { index: recorder.sockets.length, url: '', openedAt: Date.now(), closedAt: null, closeCode: null, events: [], pending: new Map() };
          const actual = socket.index === 0 && firstUrl ? firstUrl : target;
          socket.url = actual;
          super(actual, protocols);
          recorder.sockets.push(socket);
          this.on('message', (data) => recorder.#incoming(socket, data.toString()));
          this.on('close', (code) => {
            socket.closedAt = Date.now();
            socket.closeCode = code;
          });
          const send = this.send.bind(this);
          this.send = (data, ...rest) => {
            recorder.#outgoing(socket, typeof data === 'string' ? data : Buffer.from(data).toString());
            return send(data, ...rest);
          };
        }
      },
      token,
      name: 'classroom-micro-guarantees',
      timeout: 10_000,
      minReconnectDelay: 100,
      maxReconnectDelay: 1_000,
      networkEventTarget: null,
    });
    this.centrifuge.on('error', () => {});
  }

  /** Connects and waits for the connect reply. */
  async connect(timeoutMs = 15_000) {
    const connected = new Promise((resolve) => this.centrifuge.once('connected', resolve));
    this.centrifuge.connect();
    await withTimeout(connected, timeoutMs, `${this.label} connects`);
  }

  /** Subscribes (recoverable, positioned by the server's reply) and waits until subscribed. */
  async subscribe(channel, timeoutMs = 15_000, options = {}) {
    const sub = this.centrifuge.newSubscription(channel, options);
    const emitted = [];
    this.sdk[channel] = emitted;
    sub.on('publication', (ctx) => emitted.push({ o: ctx.offset ?? null, b: bodyOf(ctx.data) }));
    sub.on('error', () => {});
    this.subs.set(channel, sub);
    const subscribed = new Promise((resolve) => sub.once('subscribed', resolve));
    sub.subscribe();
    return withTimeout(subscribed, timeoutMs, `${this.label} subscribes to ${channel}`);
  }

  /** True when the SDK says the channel's subscription is live right now. */
  isSubscribed(channel) {
    return this.centrifuge.state === 'connected' && this.subs.get(channel)?.state === 'subscribed';
  }

  /** Where the server last put this client on `channel`: the epoch of its last subscribe reply and the newest offset since. */
  wirePosition(channel) {
    let position = { epoch: null, offset: 0 };
    for (const socket of this.sockets) {
      for (const event of socket.events) {
        if (event.channel !== channel) {
          continue;
        }
        if (event.k === 'subscribed') {
          position = { epoch: event.epoch, offset: Math.max(event.offset, ...event.pubs.map((pub) => pub.o)) };
        } else if (event.k === 'pub') {
          position = { epoch: position.epoch, offset: Math.max(position.offset, event.o) };
        }
      }
    }
    return position;
  }

  /** The serializable record. */
  record() {
    return {
      label: this.label,
      sockets: this.sockets.map(({ pending, ...socket }) => socket),
      sdk: this.sdk,
    };
  }

  #outgoing(socket, frame) {
    for (const line of frame.split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      let command;
      try {
        command = JSON.parse(line);
      } catch {
        continue;
      }
      if (command.subscribe) {
        const request = command.subscribe;
        socket.pending.set(command.id, { kind: 'subscribe', channel: request.channel });
        socket.events.push({
          k: 'subscribe',
          t: Date.now(),
          channel: request.channel,
          recover: request.recover === true,
          offset: Number(request.offset ?? 0),
          epoch: request.epoch ?? '',
        });
      } else if (command.connect) {
        socket.pending.set(command.id, { kind: 'connect' });
      }
    }
  }

  #incoming(socket, frame) {
    const t = Date.now();
    for (const line of frame.split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      let reply;
      try {
        reply = JSON.parse(line);
      } catch {
        socket.events.push({ k: 'garbage', t, text: line.slice(0, 200) });
        continue;
      }
      if (reply.push) {
        const push = reply.push;
        if (push.pub) {
          socket.events.push({ k: 'pub', t, channel: push.channel, o: Number(push.pub.offset ?? 0), b: bodyOf(push.pub.data) });
        } else if (push.unsubscribe) {
          socket.events.push({ k: 'unsubscribed', t, channel: push.channel, code: push.unsubscribe.code ?? 0 });
        } else if (push.disconnect) {
          socket.events.push({ k: 'disconnect', t, code: push.disconnect.code ?? 0 });
        }
        continue;
      }
      const command = reply.id ? socket.pending.get(reply.id) : undefined;
      if (!command) {
        continue;
      }
      socket.pending.delete(reply.id);
      if (command.kind === 'connect' && reply.connect) {
        socket.events.push({ k: 'connected', t, client: reply.connect.client });
      } else if (command.kind === 'subscribe') {
        if (reply.error) {
          socket.events.push({ k: 'subscribeError', t, channel: command.channel, code: reply.error.code });
        } else {
          const result = reply.subscribe ?? {};
          socket.events.push({
            k: 'subscribed',
            t,
            channel: command.channel,
            epoch: result.epoch ?? '',
            offset: Number(result.offset ?? 0),
            recovered: result.recovered === true,
            wasRecovering: result.was_recovering === true,
            pubs: (result.publications ?? []).map((pub) => ({ o: Number(pub.offset ?? 0), b: bodyOf(pub.data) })),
          });
        }
      }
    }
  }
}
