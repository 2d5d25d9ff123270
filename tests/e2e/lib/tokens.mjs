import { createHmac } from 'node:crypto';

// Tokens either come from the cluster's /dev/token endpoint (the normal way) or are crafted here with the
// test secret, so scenarios can present tokens the dev endpoint would never issue (expired, forged, alg none).

/** Asks the gateway's /dev/token endpoint (proxied to auth) for a connection token; `ttlSeconds` is optional. */
export async function mintDevToken(gatewayUrl, { user, name, role, classrooms, ttlSeconds }) {
  const response = await fetch(new URL('/dev/token', gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, name, role, classrooms, ttlSeconds }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST /dev/token answered ${response.status}: ${text}`);
  }
  const token = JSON.parse(text).token;
  if (typeof token !== 'string' || token === '') {
    throw new Error(`POST /dev/token answered without a token: ${text}`);
  }
  return token;
}

const base64url = (value) => Buffer.from(value).toString('base64url');

function encode(header, claims) {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
}

/** A compact JWT signed with HS256 and the given secret. */
export function signHs256(claims, secret) {
  const unsigned = encode({ alg: 'HS256', typ: 'JWT' }, claims);
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

/** An unsigned JWT (`alg: none`): must never be accepted. */
export function unsignedToken(claims) {
  return `${encode({ alg: 'none', typ: 'JWT' }, claims)}.`;
}

/** Standard claims of a classroom member whose token expires `lifetimeSeconds` from now (negative: already expired). */
export function memberClaims({ user, name, role, classrooms }, lifetimeSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: user, name, role, classrooms, iat: now - 60, exp: now + lifetimeSeconds };
}
