// Who is in which classroom, and with what token. Two ways in:
// - a real deployment opens the app as /#token=<jwt>&classroom=<id>: the school's backend minted the token;
// - local development signs in through POST /dev/token (see dev-sign-in.js).
// The session lives in this tab's sessionStorage so a reload stays in the class; it never leaves the browser
// except as the connect command's token, and nothing here logs it.

const STORAGE_KEY = 'classroom-micro.session';
export const CLASSROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The token's claims as the app shows them (name, role). The server checks the token; this only reads it. */
export function claimsOf(token) {
  try {
    const payload = token.split('.')[1];
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return {
      user: typeof claims.sub === 'string' ? claims.sub : '',
      name: typeof claims.name === 'string' && claims.name !== '' ? claims.name : (claims.sub ?? 'you'),
      role: claims.role === 'teacher' ? 'teacher' : 'student',
    };
  } catch {
    return { user: '', name: 'you', role: 'student' };
  }
}

/**
 * A session handed over in the URL fragment (`#token=…&classroom=…`), or null. The fragment is removed from the
 * address bar at once, so the token is not left in the tab's history or in a copied link.
 */
export function takeSessionFromUrl(location = window.location, history = window.history) {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  const classroom = fragment.get('classroom');
  if (!token) {
    return null;
  }
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (!classroom || !CLASSROOM_ID.test(classroom)) {
    return { error: 'The link has a token but no valid classroom id.' };
  }
  return { kind: 'token', token, classroom };
}

/** A classroom id suggested by the URL fragment (`#classroom=…`) for the sign-in form, or null. */
export function classroomHint(location = window.location) {
  const classroom = new URLSearchParams(location.hash.replace(/^#/, '')).get('classroom');
  return classroom && CLASSROOM_ID.test(classroom) ? classroom : null;
}

export function saveSession(session) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage can be off (private modes): the session then lasts until the page is reloaded.
  }
}

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return session && CLASSROOM_ID.test(session.classroom ?? '') ? session : null;
  } catch {
    return null;
  }
}

export function forgetSession() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}
