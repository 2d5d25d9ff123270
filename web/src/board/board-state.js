import { readMessage, senderOf } from './messages.js';

/** Chat messages kept for display; older ones scroll out. */
const CHAT_KEPT = 500;

/**
 * The classroom's shared state — strokes on the board and the chat — as a fold over the channel's publications
 * in offset order. The same publications in the same order give the same state in every browser: nothing here
 * reads the clock, the network or the window.
 *
 * Offsets are the channel stream's (gap-free within an epoch); a publication at or below the last applied offset
 * is ignored, so history and live deliveries may overlap without drawing anything twice. Stroke batches are
 * keyed by publisher and stroke id and by their seq, so a batch published twice (a retry after a lost reply)
 * changes nothing either.
 */
export class BoardState {
  constructor() {
    this.reset('');
  }

  /** Forgets everything: a new epoch, or history that has to be read again from the start. */
  reset(epoch) {
    this.epoch = epoch;
    this.lastOffset = 0;
    /** Insertion order is drawing order: the offset of each stroke's first batch. */
    this.strokes = new Map();
    /** Keys of strokes undone or cleared: later batches of them (retries, late pens) stay off the board. */
    this.removed = new Set();
    this.chat = [];
    this.chatIds = new Set();
    this.version = 0;
  }

  /**
   * Applies one publication `{offset, data, info}` (the SDK's publication context). Returns true when it was
   * applied (its offset was new), whether or not it changed what is shown.
   */
  apply(publication) {
    const offset = Number(publication.offset);
    if (!Number.isSafeInteger(offset) || offset <= this.lastOffset) {
      return false;
    }
    this.lastOffset = offset;
    const message = readMessage(publication.data);
    if (message !== null) {
      this.#applyMessage(message, senderOf(publication.info), offset);
    }
    return true;
  }

  /** Every stroke on the board, in drawing order. */
  strokeList() {
    return [...this.strokes.values()];
  }

  /** Keys (`user/id`) of the strokes on the board, in drawing order. */
  strokeIds() {
    return [...this.strokes.keys()];
  }

  /** The key of `user`'s newest stroke still on the board, or null. */
  lastStrokeOf(user) {
    let last = null;
    for (const stroke of this.strokes.values()) {
      if (stroke.user === user) {
        last = stroke;
      }
    }
    return last;
  }

  /** A short fingerprint of the board (strokes, their points, colours and widths), for comparing browsers. */
  digest() {
    let hash = 0x811c9dc5;
    const mix = (text) => {
      for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
      }
    };
    for (const stroke of this.strokes.values()) {
      mix(`${stroke.key}|${stroke.color}|${stroke.width}|${stroke.done}|`);
      for (const [x, y] of stroke.points) {
        mix(`${x},${y};`);
      }
    }
    return `${this.strokes.size}:${hash.toString(16).padStart(8, '0')}`;
  }

  #applyMessage(message, sender, offset) {
    switch (message.t) {
      case 'stroke':
        this.#applyStroke(message, sender);
        break;
      case 'undo':
        this.#remove(strokeKey(sender.user, message.id));
        break;
      case 'clear':
        // Publishing is open to every member; only a teacher's clear counts (role as the server stamped it).
        if (sender.role === 'teacher') {
          for (const key of this.strokes.keys()) {
            this.removed.add(key);
          }
          this.strokes.clear();
          this.version++;
        }
        break;
      case 'chat':
        this.#applyChat(message, sender, offset);
        break;
      default:
        break;
    }
  }

  #applyStroke(message, sender) {
    const key = strokeKey(sender.user, message.id);
    if (this.removed.has(key)) {
      return;
    }
    let stroke = this.strokes.get(key);
    if (stroke === undefined) {
      // The first batch to arrive fixes the look: a stroke cannot change colour halfway.
      stroke = { key, id: message.id, user: sender.user, color: message.color, width: message.width, segments: new Map(), maxSeq: -1, points: [], done: false };
      this.strokes.set(key, stroke);
    }
    if (stroke.segments.has(message.seq)) {
      return;
    }
    stroke.segments.set(message.seq, message.points);
    if (message.seq > stroke.maxSeq) {
      stroke.maxSeq = message.seq;
      stroke.points.push(...message.points);
    } else {
      stroke.points = [...stroke.segments.entries()].sort(([a], [b]) => a - b).flatMap(([, points]) => points);
    }
    stroke.done ||= message.done;
    this.version++;
  }

  #remove(key) {
    this.removed.add(key);
    if (this.strokes.delete(key)) {
      this.version++;
    }
  }

  #applyChat(message, sender, offset) {
    if (message.id !== null) {
      const id = `${sender.user}/${message.id}`;
      if (this.chatIds.has(id)) {
        return;
      }
      this.chatIds.add(id);
    }
    this.chat.push({ offset, user: sender.user, name: sender.name, role: sender.role, text: message.text });
    if (this.chat.length > CHAT_KEPT) {
      this.chat.splice(0, this.chat.length - CHAT_KEPT);
    }
    this.version++;
  }
}

/** A stroke's key: its publisher (server-stamped) and the publisher's own id, so nobody can touch another's stroke. */
export const strokeKey = (user, id) => `${user}/${id}`;
