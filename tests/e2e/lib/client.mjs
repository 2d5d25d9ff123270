import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { withTimeout } from './timeout.mjs';

/**
 * A WebSocket class for the SDK that also hands every received frame to `onFrame`, so a scenario sees what
 * the server really sent (e.g. a push for a channel the client never subscribed to), not just what the SDK
 * chose to surface.
 */
function tappedWebSocket(onFrame, onClose) {
  return class TappedWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.on('message', (data) => onFrame(data.toString()));
      this.on('close', (code) => onClose(code));
    }
  };
}

/** One SDK client plus everything it observed: connection ids, disconnects, errors, raw pushes. */
export class TestClient {
  constructor(label, url, options = {}) {
    this.label = label;
    this.url = url;
    this.clientIds = [];
    this.disconnects = [];
    this.errors = [];
    this.closeCodes = [];
    this.pushes = [];
    /** The edge node of each connection, as its connect reply named it. */
    this.nodes = [];
    this.subscriptions = new Map();
    this.centrifuge = new Centrifuge(url, {
      websocket: tappedWebSocket((frame) => this.#onFrame(frame), (code) => this.closeCodes.push(code)),
      name: 'classroom-micro-e2e',
      timeout: 10_000,
      minReconnectDelay: 200,
      maxReconnectDelay: 2_000,
      networkEventTarget: null,
      ...options,
    });
    this.centrifuge.on('connected', (ctx) => this.clientIds.push(ctx.client));
    this.centrifuge.on('disconnected', (ctx) => this.disconnects.push({ code: ctx.code, reason: ctx.reason }));
    // The SDK's emitter throws on an 'error' event nobody listens to.
    this.centrifuge.on('error', (ctx) => this.errors.push({ type: ctx.type, code: ctx.error?.code, message: ctx.error?.message }));
  }

  /** The id of the current (last) connection. */
  get client() {
    return this.clientIds.at(-1) ?? null;
  }

  /** Connects and waits for the connect reply. */
  async connect(timeoutMs = 10_000) {
    const connected = new Promise((resolve, reject) => {
      this.centrifuge.once('connected', resolve);
      this.centrifuge.once('disconnected', (ctx) => reject(new Error(`${this.label} disconnected while connecting: ${ctx.code} ${ctx.reason}`)));
    });
    this.centrifuge.connect();
    await withTimeout(connected, timeoutMs, `${this.label} connects to ${this.url}`);
    return this.client;
  }

  /** Connects and resolves with how the attempt ended: connected, or disconnected with a code. */
  async attempt(timeoutMs = 10_000) {
    const outcome = new Promise((resolve) => {
      this.centrifuge.once('connected', (ctx) => resolve({ outcome: 'connected', client: ctx.client }));
      this.centrifuge.once('disconnected', (ctx) => resolve({ outcome: 'disconnected', code: ctx.code, reason: ctx.reason }));
    });
    this.centrifuge.connect();
    try {
      return await withTimeout(outcome, timeoutMs, `${this.label} connect attempt settles`);
    } catch {
      return { outcome: 'timeout', state: this.centrifuge.state };
    }
  }

  /**
   * Subscribes to `channel` and waits until subscribed, or until the server refused it. Resolves with
   * `{ subscribed: true, ... }` or `{ subscribed: false, code, reason }`; publications are collected in
   * `this.subscriptions.get(channel).publications`, join/leave events (with `options.joinLeave`) in `joins`/`leaves`.
   */
  async subscribe(channel, timeoutMs = 10_000, options = {}) {
    const sub = this.centrifuge.newSubscription(channel, options);
    const entry = { sub, publications: [], errors: [], unsubscribes: [], joins: [], leaves: [] };
    this.subscriptions.set(channel, entry);
    sub.on('publication', (ctx) => entry.publications.push({ data: ctx.data, offset: ctx.offset, user: ctx.info?.user, client: ctx.info?.client }));
    sub.on('join', (ctx) => entry.joins.push({ user: ctx.info?.user, client: ctx.info?.client, connInfo: ctx.info?.connInfo }));
    sub.on('leave', (ctx) => entry.leaves.push({ user: ctx.info?.user, client: ctx.info?.client, connInfo: ctx.info?.connInfo }));
    sub.on('error', (ctx) => entry.errors.push({ type: ctx.type, code: ctx.error?.code }));
    sub.on('unsubscribed', (ctx) => entry.unsubscribes.push({ code: ctx.code, reason: ctx.reason }));
    const settled = new Promise((resolve) => {
      sub.once('subscribed', (ctx) => resolve({ subscribed: true, epoch: ctx.streamPosition?.epoch, offset: ctx.streamPosition?.offset, recoverable: ctx.recoverable }));
      sub.once('unsubscribed', (ctx) => resolve({ subscribed: false, code: ctx.code, reason: ctx.reason }));
    });
    sub.subscribe();
    return withTimeout(settled, timeoutMs, `${this.label} subscription to ${channel} settles`);
  }

  /** Publications this client received on `channel`. */
  publications(channel) {
    return this.subscriptions.get(channel)?.publications ?? [];
  }

  /** Raw pub pushes the server sent this client for `channel`, whether or not the SDK surfaced them. */
  rawPublications(channel) {
    return this.pushes.filter((push) => push.channel === channel && push.pub !== undefined);
  }

  disconnect() {
    this.centrifuge.disconnect();
  }

  #onFrame(frame) {
    for (const line of frame.split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      try {
        const message = JSON.parse(line);
        if (message.push) {
          this.pushes.push(message.push);
        }
        if (message.connect?.node) {
          this.nodes.push(message.connect.node);
        }
      } catch {
        this.errors.push({ type: 'frame', message: `unparseable frame line: ${line.slice(0, 200)}` });
      }
    }
  }
}
