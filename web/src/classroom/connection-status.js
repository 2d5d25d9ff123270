const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  recovered: 'Connected — recovered',
  rebuilt: 'History lost — rebuilt',
  disconnected: 'Disconnected',
};

/** How the transport is named next to the indicator: the fallbacks say so, for the school's IT to notice. */
const TRANSPORTS = {
  websocket: 'WebSocket',
  http_stream: 'HTTP streaming (WebSocket blocked)',
  sse: 'Server-sent events (WebSocket blocked)',
};

/** How long the notes about a reconnect stay before the indicator says plainly "Connected". */
const TRANSIENT_MS = { recovered: 4_000, rebuilt: 10_000 };

/** The connection indicator: a coloured dot and a word, announced politely to screen readers. */
export class ConnectionStatus {
  #element;
  #text;
  #transport;
  #timer = null;

  constructor(element, text, transport = null) {
    this.#element = element;
    this.#text = text;
    this.#transport = transport;
  }

  /** Shows which transport the connection uses (`websocket`, `http_stream`, `sse`). */
  showTransport(name) {
    if (this.#transport) {
      this.#transport.dataset.transport = name ?? '';
      this.#transport.textContent = name ? `via ${TRANSPORTS[name] ?? name}` : '';
    }
  }

  get state() {
    return this.#element.dataset.state;
  }

  show(state, detail = '') {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#element.dataset.state = state;
    this.#text.textContent = detail ? `${LABELS[state]} (${detail})` : LABELS[state];
    if (TRANSIENT_MS[state]) {
      this.#timer = setTimeout(() => this.show('connected'), TRANSIENT_MS[state]);
    }
  }
}
