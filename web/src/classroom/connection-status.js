const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  recovered: 'Connected — recovered',
  rebuilt: 'History lost — rebuilt',
  disconnected: 'Disconnected',
};

/** How long the notes about a reconnect stay before the indicator says plainly "Connected". */
const TRANSIENT_MS = { recovered: 4_000, rebuilt: 10_000 };

/** The connection indicator: a coloured dot and a word, announced politely to screen readers. */
export class ConnectionStatus {
  #element;
  #text;
  #timer = null;

  constructor(element, text) {
    this.#element = element;
    this.#text = text;
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
