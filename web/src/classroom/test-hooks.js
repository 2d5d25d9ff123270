import { BACKGROUND, drawBoard } from '../board/board-renderer.js';

/** Counts the pixels of an RGBA buffer that differ from the board's background. */
function countInk(data) {
  const r = parseInt(BACKGROUND.slice(1, 3), 16);
  const g = parseInt(BACKGROUND.slice(3, 5), 16);
  const b = parseInt(BACKGROUND.slice(5, 7), 16);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 24) {
      ink++;
    }
  }
  return ink;
}

function hashBytes(data) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    hash ^= data[i];
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A read-only window onto the running class for the browser test and for debugging in the console:
 * `window.__board` (the reducer's state) and `window.__classroom` (the connection, pixels, participants).
 * It exposes nothing the page's own user does not already hold (the test publishes through `centrifuge` to show
 * that a hacked client gains nothing).
 */
export function exposeForTests({ link, board, renderer, outbox, participants, status, me, strokesToDraw }) {
  window.__board = {
    strokeIds: () => board.strokeIds(),
    digest: () => board.digest(),
    lastOffset: () => board.lastOffset,
    chat: () => board.chat.map(({ name, role, text }) => ({ name, role, text })),
    /** Each stroke's key, the batches (seq) it holds, its point count and whether it is finished. */
    describe: () => board.strokeList().map((stroke) => ({ key: stroke.key, seqs: [...stroke.segments.keys()], points: stroke.points.length, done: stroke.done })),
  };
  window.__classroom = {
    me: { ...me },
    channel: link.channel,
    centrifuge: link.centrifuge,
    events: link.events,
    status: () => status.state,
    /** The current connection's transport (`websocket`, `http_stream`, `sse`). */
    transport: () => link.transport,
    syncing: () => link.syncing,
    pendingPublications: () => outbox.pending,
    participants: () => participants.list().map(({ user, name, role, online }) => ({ user, name, role, online })),
    /** Ink pixels on the visible canvas, after drawing what is current. */
    canvasInk: () => {
      renderer.drawNow();
      const canvas = document.querySelector('canvas');
      return countInk(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data);
    },
    /** The board state (without strokes still in flight) rendered at a fixed size: equal boards give equal pictures. */
    snapshot: (width = 480, height = 300) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      drawBoard(context, board.strokeList(), width, height);
      const data = context.getImageData(0, 0, width, height).data;
      return { ink: countInk(data), hash: hashBytes(data) };
    },
    /** The colour at a point of the visible board, in normalised coordinates. */
    colourAt: (x, y) => {
      renderer.drawNow();
      const canvas = document.querySelector('canvas');
      const [r, g, b] = canvas.getContext('2d').getImageData(Math.floor(x * canvas.width), Math.floor(y * canvas.height), 1, 1).data;
      return `#${[r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
    },
    drawnStrokes: () => strokesToDraw().length,
  };
}
