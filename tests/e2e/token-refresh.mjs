// Connection token refresh. Three students connect with tokens that live TOKEN_TTL_SECONDS:
// - "refreshing": getToken mints a fresh token each time, so the SDK refreshes in place (the refresh command);
// - "stale": getToken hands back the same token, so the connection lapses;
// - "failing": getToken throws (the issuer is down), so the connection lapses.
// Reports, once the refreshing connection has outlived two lifetimes of its first token, what each one saw.
//
// Env: GATEWAY_URL, CLASSROOM, RUN_ID, TOKEN_TTL_SECONDS (default 5).

import { TestClient } from './lib/client.mjs';
import { gatewayUrl, optionalInt, required, runId, websocketUrl } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { until, withTimeout } from './lib/timeout.mjs';
import { mintDevToken } from './lib/tokens.mjs';

/** The `exp` claim of a compact JWT, in Unix seconds. */
const expiryOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp;

run(async () => {
  const gateway = gatewayUrl();
  const classroom = required('CLASSROOM');
  const channel = `classroom:${classroom}`;
  const ttlSeconds = optionalInt('TOKEN_TTL_SECONDS', 5);
  const suffix = runId();
  const mint = (label) => mintDevToken(gateway, { user: `${label}-${suffix}`, name: label, role: 'student', classrooms: [classroom], ttlSeconds });

  const start = async (label, getToken) => {
    const token = await mint(label);
    const calls = { count: 0 };
    const client = new TestClient(label, websocketUrl(gateway, { classroom }), {
      token,
      getToken: async () => {
        calls.count++;
        return getToken(token);
      },
    });
    await client.connect();
    const subscription = await client.subscribe(channel);
    if (!subscription.subscribed) {
      throw new Error(`${label} could not subscribe to ${channel}: ${JSON.stringify(subscription)}`);
    }
    return { label, client, calls, firstExpiry: expiryOf(token) };
  };

  const refreshing = await start('refreshing', () => mint('refreshing'));
  const stale = await start('stale', (token) => token);
  const failing = await start('failing', () => {
    throw new Error('the token issuer is unavailable');
  });

  // Outlive the first token twice over: at least two refreshes, and the lapsing ones have long been closed.
  const outlived = (refreshing.firstExpiry + ttlSeconds) * 1000 + 500;
  await until(() => Date.now() > outlived, (2 * ttlSeconds + 10) * 1000, 'the refreshing connection outlives two token lifetimes');
  // The SDK refreshes when the server-reported ttl runs out, so the second refresh lands around this moment, not before it.
  await until(() => refreshing.calls.count >= 2, (ttlSeconds + 10) * 1000, 'the SDK refreshes the token a second time');
  await until(() => [stale, failing].every((entry) => entry.client.closeCodes.length > 0), 15_000, 'the lapsing connections are closed')
    .catch(() => null);

  // The refreshed connection still works: it publishes and receives its own publication.
  let roundTrip = null;
  try {
    await withTimeout(refreshing.client.centrifuge.publish(channel, { from: 'refreshing', at: Date.now() }), 10_000, 'publish after refreshes');
    await until(() => refreshing.client.publications(channel).some((publication) => publication.data?.from === 'refreshing'), 10_000, 'the publication comes back');
    roundTrip = 'ok';
  } catch (error) {
    roundTrip = error.message;
  }

  const describe = (entry) => ({
    label: entry.label,
    firstExpiry: entry.firstExpiry,
    getTokenCalls: entry.calls.count,
    state: entry.client.centrifuge.state,
    clientIds: entry.client.clientIds,
    closeCodes: entry.client.closeCodes,
    disconnects: entry.client.disconnects,
    errors: entry.client.errors,
  });
  const result = {
    ttlSeconds,
    finishedAt: Math.floor(Date.now() / 1000),
    roundTrip,
    refreshing: describe(refreshing),
    stale: describe(stale),
    failing: describe(failing),
  };
  for (const entry of [refreshing, stale, failing]) {
    entry.client.disconnect();
  }
  return result;
});
