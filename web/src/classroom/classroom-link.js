import { Centrifuge } from 'centrifuge';

/** History is read in pages of this many publications (the server keeps up to 20,000 per channel). */
const HISTORY_PAGE = 2_000;
const UNRECOVERABLE_POSITION = 112;
const RESYNC_RETRY_MS = 1_000;
/** How often the board's position is compared with the stream's, to notice a publication that never arrived. */
const POSITION_CHECK_MS = 5_000;

/**
 * How the page reaches its gateway: WebSocket first, then HTTP-streaming, then SSE (Centrifugo's bidirectional
 * emulation), for schools whose web filter or proxy breaks WebSockets. The SDK tries them in this order, and keeps the
 * first that connected for its reconnects. `classroom` lets the gateway seat a class on one edge, whatever the transport.
 */
export function transportEndpoints(classroom, location = window.location) {
  const endpoint = (path) => {
    const url = new URL(path, location.href);
    url.searchParams.set('classroom', classroom);
    return url.toString();
  };
  return {
    url: [
      { transport: 'websocket', endpoint: websocketUrl(classroom, location) },
      { transport: 'http_stream', endpoint: endpoint('/connection/http_stream') },
      { transport: 'sse', endpoint: endpoint('/connection/sse') },
    ],
    emulationEndpoint: new URL('/emulation', location.href).toString(),
  };
}

/** The websocket endpoint of this page's gateway; `classroom` lets the gateway seat a class on one edge. */
export function websocketUrl(classroom, location = window.location) {
  const url = new URL('/connection/websocket', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('classroom', classroom);
  return url.toString();
}

/**
 * The classroom's connection: one centrifuge client, one recoverable subscription to `classroom:<id>`, and the
 * rule that keeps `board` (a {@link BoardState}) equal to the fold of the channel's publications:
 *
 * - on a first subscribe, or a resubscribe the server could not recover (`recovered: false`), the board is
 *   rebuilt from the channel's history (from offset 0), then continues with live publications;
 * - live publications that arrive while history is read wait, and are applied after it, skipping offsets
 *   history already brought;
 * - after a successful recovery the missed publications arrive as ordinary publications, in order;
 * - a publication beyond the next expected offset (a gap) makes the link read the missing range from history;
 * - every few seconds the stream's position is compared with the board's: a board still behind a position seen one
 *   check earlier (a last publication that never arrived, which no later one would reveal as a gap) reads the rest
 *   from history.
 *
 * It reports through callbacks: `onStatus(state, detail)`, `onTransport(name)` (each connect), `onChange()` (the board changed), `onPresence()`
 * (someone joined or left), `onUnsubscribed(ctx)` and `onError(message)`.
 */
export class ClassroomLink {
  #board;
  #callbacks;
  #syncing = false;
  #waiting = [];
  #generation = 0;
  #everConnected = false;
  #connectedWaiters = [];
  #positionTimer = null;
  #behindAt = null;

  /**
   * @param {{ url: string | object[], emulationEndpoint?: string, classroom: string, token: string,
   *           getToken?: () => Promise<string>, board: import('../board/board-state.js').BoardState, client?: object }} options
   *        `url` is one WebSocket endpoint or a list of transports ({@link transportEndpoints}); `client` replaces the
   *        centrifuge client (unit tests pass a fake).
   * @param {object} callbacks
   */
  constructor({ url, emulationEndpoint, classroom, token, getToken, board, client }, callbacks) {
    this.#board = board;
    this.#callbacks = callbacks;
    this.classroom = classroom;
    this.channel = `classroom:${classroom}`;
    /** The transport of the current connection (`websocket`, `http_stream`, `sse`), null before the first. */
    this.transport = null;
    /** What happened, in order, for the browser test and for debugging (no tokens, no message bodies). */
    this.events = [];
    this.centrifuge = client ?? new Centrifuge(url, {
      token,
      ...(getToken ? { getToken } : {}),
      ...(emulationEndpoint ? { emulationEndpoint } : {}),
      name: 'classroom-micro-web',
      minReconnectDelay: 300,
      maxReconnectDelay: 5_000,
      timeout: 10_000,
    });
    this.subscription = this.centrifuge.newSubscription(this.channel, { recoverable: true, positioned: true, joinLeave: true });
    this.#wire();
  }

  /** Whether the board is being rebuilt from history right now. */
  get syncing() {
    return this.#syncing;
  }

  start() {
    this.subscription.subscribe();
    this.centrifuge.connect();
    this.#positionTimer = setInterval(() => void this.checkPosition(), POSITION_CHECK_MS);
  }

  stop() {
    clearInterval(this.#positionTimer);
    this.#generation++;
    this.centrifuge.disconnect();
  }

  /** Resolves when the client is connected (at once if it is). */
  whenConnected() {
    if (this.centrifuge.state === 'connected') {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#connectedWaiters.push(resolve));
  }

  publish(data) {
    return this.centrifuge.publish(this.channel, data);
  }

  rpc(method, data) {
    return this.centrifuge.rpc(method, data);
  }

  presence() {
    return this.subscription.presence();
  }

  #record(type, detail = {}) {
    this.events.push({ type, at: Date.now(), ...detail });
    if (this.events.length > 200) {
      this.events.shift();
    }
  }

  #wire() {
    const client = this.centrifuge;
    const sub = this.subscription;

    client.on('connecting', (ctx) => {
      this.#record('connecting', { code: ctx.code });
      this.#callbacks.onStatus(this.#everConnected ? 'reconnecting' : 'connecting');
    });
    client.on('connected', (ctx) => {
      this.#everConnected = true;
      this.transport = ctx?.transport ?? null;
      this.#record('connected', { transport: this.transport });
      this.#callbacks.onTransport?.(this.transport);
      this.#callbacks.onStatus('connected');
      for (const resolve of this.#connectedWaiters.splice(0)) {
        resolve();
      }
    });
    client.on('disconnected', (ctx) => {
      this.#record('disconnected', { code: ctx.code, reason: ctx.reason });
      this.#callbacks.onStatus('disconnected', ctx.reason);
    });
    // The SDK's emitter throws on an 'error' event nobody listens to; transport errors are followed by reconnects.
    client.on('error', (ctx) => this.#record('client-error', { errorType: ctx.type, code: ctx.error?.code }));

    sub.on('subscribed', (ctx) => this.#subscribed(ctx));
    sub.on('publication', (ctx) => this.#publication(ctx));
    sub.on('join', () => this.#callbacks.onPresence());
    sub.on('leave', () => this.#callbacks.onPresence());
    sub.on('error', (ctx) => this.#record('subscription-error', { errorType: ctx.type, code: ctx.error?.code }));
    sub.on('unsubscribed', (ctx) => {
      this.#record('unsubscribed', { code: ctx.code, reason: ctx.reason });
      this.#callbacks.onUnsubscribed(ctx);
    });
  }

  #subscribed(ctx) {
    const epoch = ctx.streamPosition?.epoch ?? '';
    this.#record('subscribed', { wasRecovering: ctx.wasRecovering, recovered: ctx.recovered, offset: ctx.streamPosition?.offset, epochChanged: epoch !== this.#board.epoch });
    this.#callbacks.onPresence();
    if (ctx.wasRecovering && ctx.recovered && epoch === this.#board.epoch) {
      // The missed publications follow as publication events; an unfinished rebuild picks up where it was.
      this.#callbacks.onStatus('recovered');
      if (this.#syncing) {
        void this.#sync(false);
      }
      return;
    }
    const lost = ctx.wasRecovering;
    this.#waiting.length = 0;
    this.#board.reset(epoch);
    this.#callbacks.onChange();
    void this.#sync(true).then((done) => {
      if (done && lost) {
        this.#callbacks.onStatus('rebuilt');
      }
    });
  }

  #publication(ctx) {
    if (this.#syncing) {
      this.#waiting.push(ctx);
      return;
    }
    const offset = Number(ctx.offset);
    if (offset <= this.#board.lastOffset) {
      return;
    }
    if (offset > this.#board.lastOffset + 1) {
      this.#record('gap', { expected: this.#board.lastOffset + 1, got: offset });
      this.#waiting.push(ctx);
      void this.#sync(false);
      return;
    }
    if (this.#board.apply(ctx)) {
      this.#callbacks.onChange();
    }
  }

  /** Compares the board's position with the stream's (runs every few seconds; tests call it directly). */
  async checkPosition() {
    if (this.#syncing || this.subscription.state !== 'subscribed') {
      this.#behindAt = null;
      return;
    }
    let position;
    try {
      position = await this.subscription.history({ limit: 0 });
    } catch {
      return;
    }
    if (this.#syncing) {
      return;
    }
    if (position.epoch !== this.#board.epoch) {
      this.#record('epoch-changed');
      this.#waiting.length = 0;
      this.#board.reset(position.epoch);
      this.#callbacks.onChange();
      void this.#sync(true).then((done) => done && this.#callbacks.onStatus('rebuilt'));
      return;
    }
    // A publication appended a moment ago may still be on its way: only a position seen one check earlier counts.
    if (this.#behindAt !== null && this.#board.lastOffset < this.#behindAt) {
      this.#record('stale', { lastOffset: this.#board.lastOffset, streamOffset: this.#behindAt });
      this.#behindAt = null;
      void this.#sync(false);
      return;
    }
    this.#behindAt = position.offset > this.#board.lastOffset ? position.offset : null;
  }

  /**
   * Reads history after the board's last offset until the stream's end, then applies what arrived live meanwhile.
   * A newer call supersedes an older one. Resolves true when this call brought the board up to date.
   */
  async #sync(fromStart) {
    const generation = ++this.#generation;
    this.#syncing = true;
    this.#record('sync', { fromStart });
    let stalledAt = -1;
    for (;;) {
      try {
        await this.#readHistory(generation);
        if (generation !== this.#generation) {
          return false;
        }
        // History that cannot fill a gap (the stream no longer has those offsets) is not asked again forever.
        const acceptGaps = stalledAt === this.#board.lastOffset;
        stalledAt = this.#board.lastOffset;
        if (this.#applyWaiting(acceptGaps)) {
          this.#syncing = false;
          this.#record('synced', { lastOffset: this.#board.lastOffset });
          this.#callbacks.onChange();
          return true;
        }
      } catch (error) {
        if (generation !== this.#generation) {
          return false;
        }
        this.#record('sync-error', { code: error?.code });
        if (error?.code === UNRECOVERABLE_POSITION) {
          // The stream has a new epoch: what this board holds no longer exists anywhere.
          this.#board.reset('');
          this.#callbacks.onStatus('rebuilt');
        } else {
          await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS));
          await this.whenConnected();
        }
        if (generation !== this.#generation) {
          return false;
        }
      }
    }
  }

  /**
   * Applies the publications that arrived during a history read, in offset order. Stops at a gap (a missing
   * offset), keeping the rest waiting, and returns false then: history has to be read again — unless
   * `acceptGaps`, when history was just read and had nothing more to give.
   */
  #applyWaiting(acceptGaps) {
    const waiting = this.#waiting.splice(0).sort((a, b) => Number(a.offset) - Number(b.offset));
    for (let i = 0; i < waiting.length; i++) {
      const offset = Number(waiting[i].offset);
      if (offset > this.#board.lastOffset + 1 && !acceptGaps) {
        this.#waiting.push(...waiting.slice(i));
        return false;
      }
      this.#board.apply(waiting[i]);
    }
    return true;
  }

  async #readHistory(generation) {
    for (;;) {
      const since = { offset: this.#board.lastOffset, epoch: this.#board.epoch };
      const page = await this.subscription.history({ since, limit: HISTORY_PAGE });
      if (generation !== this.#generation) {
        return;
      }
      if (this.#board.epoch === '') {
        this.#board.epoch = page.epoch;
      }
      let applied = false;
      for (const publication of page.publications) {
        applied = this.#board.apply(publication) || applied;
      }
      if (applied) {
        this.#callbacks.onChange();
      }
      if (page.publications.length < HISTORY_PAGE || this.#board.lastOffset >= page.offset) {
        return;
      }
    }
  }
}
