// The publications of a classroom channel. Anything in `data` comes from another browser and is untrusted:
// these readers accept only well-formed messages and return null for the rest. Who sent a publication is never
// read from `data`: the server stamps `info` (user, client, conn_info) and clients cannot forge it.

/** Stroke widths are in thousandths of the board's width, so every window size draws the same line. */
export const MIN_WIDTH = 1;
export const MAX_WIDTH = 60;
/** A stroke batch carries at most this many points. */
export const MAX_POINTS_PER_BATCH = 200;
export const MAX_CHAT_LENGTH = 500;
export const MAX_ID_LENGTH = 64;

const COLOUR = /^#[0-9a-f]{6}$/i;

const isId = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

/** A coordinate normalised to the board: 0..1, four decimals (a 10,000 px board needs no more). */
export const normalise = (value) => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;

function readPoints(points) {
  if (!Array.isArray(points) || points.length === 0 || points.length > MAX_POINTS_PER_BATCH) {
    return null;
  }
  const read = [];
  for (const point of points) {
    if (!Array.isArray(point) || point.length !== 2) {
      return null;
    }
    const [x, y] = point;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return null;
    }
    read.push([normalise(x), normalise(y)]);
  }
  return read;
}

/** The sender as the server stamped it on the publication. */
export function senderOf(info) {
  const connInfo = info?.connInfo ?? {};
  return {
    user: typeof info?.user === 'string' ? info.user : '',
    client: typeof info?.client === 'string' ? info.client : '',
    name: typeof connInfo.name === 'string' && connInfo.name !== '' ? connInfo.name : (info?.user || 'unknown'),
    role: connInfo.role === 'teacher' ? 'teacher' : 'student',
  };
}

/** The message of a publication's data, or null when it is not one this app understands. */
export function readMessage(data) {
  if (data === null || typeof data !== 'object') {
    return null;
  }
  switch (data.t) {
    case 'stroke': {
      const points = readPoints(data.points);
      const width = Number(data.width);
      if (!isId(data.id) || !COLOUR.test(data.color) || !points || !Number.isInteger(data.seq) || data.seq < 0 ||
          !Number.isFinite(width) || width < MIN_WIDTH || width > MAX_WIDTH) {
        return null;
      }
      return { t: 'stroke', id: data.id, color: data.color.toLowerCase(), width, points, seq: data.seq, done: data.done === true };
    }
    case 'undo':
      return isId(data.id) ? { t: 'undo', id: data.id } : null;
    case 'clear':
      return { t: 'clear' };
    case 'chat': {
      const text = typeof data.text === 'string' ? data.text.trim() : '';
      if (text === '' || text.length > MAX_CHAT_LENGTH || (data.id !== undefined && !isId(data.id))) {
        return null;
      }
      return { t: 'chat', id: data.id ?? null, text };
    }
    default:
      return null;
  }
}
