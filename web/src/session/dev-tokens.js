// POST /dev/token: the local run's token issuer (auth serves it through the gateway only when
// Auth:DevTokens:Enabled is on; otherwise the path does not exist and answers 404).

const TIMEOUT_MS = 10_000;

/** 'enabled', 'disabled' (404: this deployment expects tokens from the school's backend) or 'unreachable'. */
export async function devTokensAvailability() {
  try {
    // A token for no classroom opens nothing; asking for one is the plainest test that the endpoint works.
    const response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'sign-in-probe', classrooms: [] }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 404 || response.status === 405) {
      return 'disabled';
    }
    return response.ok ? 'enabled' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

/** Mints a token for `{user, name, role, classroom}`; throws an Error with a message fit to show. */
export async function mintDevToken({ user, name, role, classroom }) {
  let response;
  try {
    response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, name, role, classrooms: [classroom] }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new Error('The sign-in service did not answer. Is the system running?');
  }
  if (response.status === 404) {
    throw new Error('Development sign-in is turned off on this server.');
  }
  if (!response.ok) {
    throw new Error(`Sign-in failed (HTTP ${response.status}).`);
  }
  const body = await response.json().catch(() => ({}));
  if (typeof body.token !== 'string' || body.token === '') {
    throw new Error('Sign-in answered without a token.');
  }
  return body.token;
}

/** A user id for a development sign-in: readable, and unique per browser tab. */
export function devUserId(name) {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24) || 'user';
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return `dev-${slug}-${random}`;
}
