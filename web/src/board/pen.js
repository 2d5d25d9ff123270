import { MAX_POINTS_PER_BATCH, normalise } from './messages.js';

/** A batch leaves this long after its first point at the latest… */
const BATCH_INTERVAL_MS = 50;
/** …or as soon as it holds this many points. */
const BATCH_POINTS = 20;
/** Points closer than this (CSS pixels) to the previous one add nothing visible. */
const MIN_STEP_PX = 1;

/**
 * Turns pointer input on the canvas (mouse, pen, touch) into stroke batches
 * `{t:"stroke", id, color, width, points, seq, done}` with coordinates normalised to the board, handed to
 * `onBatch` while the stroke is drawn. `onProgress` sees every point at once, for drawing locally without waiting
 * for the server.
 */
export class Pen {
  #canvas;
  #tool;
  #onBatch;
  #onProgress;
  #idPrefix;
  #counter = 0;
  #active = null;
  #timer = null;

  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{ tool: () => {color: string, width: number}, onBatch: (batch: object) => void,
   *           onProgress: (stroke: object) => void, idPrefix: string }} options
   */
  constructor(canvas, { tool, onBatch, onProgress, idPrefix }) {
    this.#canvas = canvas;
    this.#tool = tool;
    this.#onBatch = onBatch;
    this.#onProgress = onProgress;
    this.#idPrefix = idPrefix;
    canvas.addEventListener('pointerdown', (event) => this.#down(event));
    canvas.addEventListener('pointermove', (event) => this.#move(event));
    canvas.addEventListener('pointerup', (event) => this.#up(event));
    canvas.addEventListener('pointercancel', (event) => this.#up(event));
    canvas.addEventListener('lostpointercapture', (event) => this.#up(event));
  }

  /** Whether a stroke is being drawn right now. */
  get drawing() {
    return this.#active !== null;
  }

  #down(event) {
    if (this.#active !== null || (event.pointerType === 'mouse' && event.button !== 0)) {
      return;
    }
    event.preventDefault();
    this.#canvas.setPointerCapture(event.pointerId);
    const { color, width } = this.#tool();
    this.#active = {
      pointerId: event.pointerId,
      id: `${this.#idPrefix}${(++this.#counter).toString(36)}`,
      color,
      width,
      points: [],
      pending: [],
      seq: 0,
      last: null,
    };
    this.#add(event, true);
    this.#onProgress(this.#active);
  }

  #move(event) {
    const stroke = this.#active;
    if (stroke === null || event.pointerId !== stroke.pointerId) {
      return;
    }
    event.preventDefault();
    // Coalesced events carry the points the browser merged into this one: smooth lines on fast moves.
    const samples = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    for (const sample of samples.length > 0 ? samples : [event]) {
      this.#add(sample, false);
    }
    this.#onProgress(stroke);
  }

  #up(event) {
    const stroke = this.#active;
    if (stroke === null || event.pointerId !== stroke.pointerId) {
      return;
    }
    if (event.type === 'pointerup') {
      this.#add(event, false);
    }
    this.#active = null;
    this.#flush(stroke, true);
    this.#onProgress(stroke);
  }

  #add(event, force) {
    const stroke = this.#active;
    const rect = this.#canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) {
      return;
    }
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    if (!force && stroke.last !== null && Math.hypot(px - stroke.last[0], py - stroke.last[1]) < MIN_STEP_PX) {
      return;
    }
    stroke.last = [px, py];
    const point = [normalise(px / rect.width), normalise(py / rect.height)];
    stroke.points.push(point);
    stroke.pending.push(point);
    if (stroke.pending.length >= BATCH_POINTS) {
      this.#flush(stroke, false);
    } else if (this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (this.#active === stroke) {
          this.#flush(stroke, false);
        }
      }, BATCH_INTERVAL_MS);
    }
  }

  #flush(stroke, done) {
    if (this.#timer !== null && (done || stroke.pending.length >= BATCH_POINTS)) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (stroke.pending.length === 0) {
      if (!done) {
        return;
      }
      // The last batch must say the stroke is finished; it repeats the last point, which draws nothing new.
      stroke.pending.push(stroke.points[stroke.points.length - 1]);
    }
    while (stroke.pending.length > 0) {
      const points = stroke.pending.splice(0, MAX_POINTS_PER_BATCH);
      stroke.lastSeq = stroke.seq;
      this.#onBatch({
        t: 'stroke',
        id: stroke.id,
        color: stroke.color,
        width: stroke.width,
        points,
        seq: stroke.seq++,
        done: done && stroke.pending.length === 0,
      });
    }
    stroke.done = done;
  }
}
