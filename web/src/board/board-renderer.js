/** The board's shape: every window shows the same 16:10 board, so normalised coordinates agree everywhere. */
export const BOARD_ASPECT = 16 / 10;
export const BACKGROUND = '#ffffff';

/**
 * Traces one stroke with quadratic curves through the midpoints of its points (smooth at any sampling rate),
 * in a `width` × `height` pixel space. Stroke widths are thousandths of the board width.
 */
export function drawStroke(context, stroke, width, height) {
  const points = stroke.points;
  if (points.length === 0) {
    return;
  }
  context.strokeStyle = stroke.color;
  context.lineWidth = Math.max(0.5, (stroke.width / 1000) * width);
  context.beginPath();
  const [x0, y0] = points[0];
  context.moveTo(x0 * width, y0 * height);
  if (points.length === 1) {
    // A tap: a zero-length line with round caps is a dot.
    context.lineTo(x0 * width + 0.01, y0 * height);
  } else {
    for (let i = 1; i < points.length - 1; i++) {
      const [x, y] = points[i];
      const [nextX, nextY] = points[i + 1];
      context.quadraticCurveTo(x * width, y * height, ((x + nextX) / 2) * width, ((y + nextY) / 2) * height);
    }
    const [lastX, lastY] = points[points.length - 1];
    context.lineTo(lastX * width, lastY * height);
  }
  context.stroke();
}

/** Paints the background and `strokes` in order onto a context whose user space is `width` × `height`. */
export function drawBoard(context, strokes, width, height) {
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, width, height);
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    drawStroke(context, stroke, width, height);
  }
}

/**
 * Keeps a canvas showing the strokes `source()` returns: sized to the largest 16:10 rectangle that fits its
 * frame, at the device's pixel ratio (sharp on high-density screens), redrawn at most once per animation frame.
 */
export class BoardRenderer {
  #canvas;
  #frame;
  #source;
  #context;
  #cssWidth = 0;
  #cssHeight = 0;
  #frameRequested = false;
  #observer;

  constructor(canvas, frame, source) {
    this.#canvas = canvas;
    this.#frame = frame;
    this.#source = source;
    this.#context = canvas.getContext('2d');
    this.#observer = new ResizeObserver(() => this.#resize());
    this.#observer.observe(frame);
    // A window dragged to a screen of another density changes devicePixelRatio without resizing the frame.
    window.addEventListener('resize', () => this.#resize());
    this.#resize();
  }

  /** The canvas's size in CSS pixels. */
  get size() {
    return { width: this.#cssWidth, height: this.#cssHeight };
  }

  /** Asks for a redraw on the next animation frame. */
  invalidate() {
    if (this.#frameRequested) {
      return;
    }
    this.#frameRequested = true;
    requestAnimationFrame(() => {
      this.#frameRequested = false;
      this.#draw();
    });
  }

  /** Draws now (tests read pixels right after asking). */
  drawNow() {
    this.#draw();
  }

  dispose() {
    this.#observer.disconnect();
  }

  #resize() {
    const available = this.#frame.getBoundingClientRect();
    let width = available.width;
    let height = width / BOARD_ASPECT;
    if (height > available.height && available.height > 0) {
      height = available.height;
      width = height * BOARD_ASPECT;
    }
    width = Math.max(1, Math.floor(width));
    height = Math.max(1, Math.floor(height));
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (width === this.#cssWidth && height === this.#cssHeight && this.#canvas.width === pixelWidth && this.#canvas.height === pixelHeight) {
      return;
    }
    this.#cssWidth = width;
    this.#cssHeight = height;
    this.#canvas.style.width = `${width}px`;
    this.#canvas.style.height = `${height}px`;
    this.#canvas.width = pixelWidth;
    this.#canvas.height = pixelHeight;
    this.#draw();
  }

  #draw() {
    const ratio = this.#canvas.width / this.#cssWidth || 1;
    this.#context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawBoard(this.#context, this.#source(), this.#cssWidth, this.#cssHeight);
  }
}
