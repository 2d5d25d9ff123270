/** Server error codes after which sending the same publication again cannot succeed. */
const PERMANENT_CODES = new Set([101, 102, 103, 104, 106, 107, 108, 109, 110, 112]);
const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 4_000;
/** Publications waiting beyond this (minutes of drawing offline) are dropped, oldest first. */
const MAX_QUEUED = 5_000;

/**
 * Publishes one message at a time, in order, and keeps the unsent ones while the connection is down: a stroke
 * drawn offline reaches the class when the network is back. A publication whose reply was lost is sent again;
 * that is safe because every message is idempotent on the board (stroke batches by seq, chat by id).
 */
export class Outbox {
  #publish;
  #whenConnected;
  #onRefused;
  #queue = [];
  #pumping = false;
  #closed = false;

  /**
   * @param {{ publish: (data: object) => Promise<unknown>, whenConnected: () => Promise<void>,
   *           onRefused: (error: {code: number, message: string}, data: object) => void }} options
   */
  constructor({ publish, whenConnected, onRefused }) {
    this.#publish = publish;
    this.#whenConnected = whenConnected;
    this.#onRefused = onRefused;
  }

  /** Messages not yet acknowledged by the server. */
  get pending() {
    return this.#queue.length;
  }

  send(data) {
    if (this.#closed) {
      return;
    }
    this.#queue.push(data);
    if (this.#queue.length > MAX_QUEUED) {
      this.#queue.splice(0, this.#queue.length - MAX_QUEUED);
    }
    void this.#pump();
  }

  close() {
    this.#closed = true;
    this.#queue.length = 0;
  }

  async #pump() {
    if (this.#pumping) {
      return;
    }
    this.#pumping = true;
    let delay = MIN_RETRY_MS;
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        const data = this.#queue[0];
        try {
          await this.#publish(data);
          this.#queue.shift();
          delay = MIN_RETRY_MS;
        } catch (error) {
          if (PERMANENT_CODES.has(error?.code)) {
            this.#queue.shift();
            this.#onRefused(error, data);
            continue;
          }
          await this.#whenConnected();
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(MAX_RETRY_MS, delay * 2);
        }
      }
    } finally {
      this.#pumping = false;
    }
  }
}
