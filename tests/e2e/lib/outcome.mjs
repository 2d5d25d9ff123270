import { until, withTimeout } from './timeout.mjs';

/** Resolves with `{ ok: true, data }` or `{ ok: false, code, message }`: the outcome of an SDK call (rpc, publish). */
export async function outcome(promise, what) {
  try {
    const result = await withTimeout(promise, 10_000, what);
    return { ok: true, data: result?.data ?? null };
  } catch (error) {
    return { ok: false, code: error?.code ?? null, message: error?.message ?? String(error) };
  }
}

/**
 * Publishes to `channel` every 100 ms until the outcome satisfies `wanted` or `ms` pass (moderation reaches the
 * publisher's edge a moment after the rpc). Resolves with `{ settled, last, attempts }`; never rejects on a deadline.
 */
export async function publishUntil(client, channel, wanted, ms) {
  const attempts = [];
  const publish = async () => {
    const attempt = await outcome(client.centrifuge.publish(channel, { from: client.label, n: attempts.length }), `${client.label} publishes`);
    attempts.push(attempt);
    return wanted(attempt);
  };
  const settled = await until(publish, ms, `${client.label}'s publish outcome changes`, 100).then(() => true, () => false);
  return { settled, last: attempts.at(-1) ?? null, attempts: attempts.length };
}
