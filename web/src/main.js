import { showClassroom } from './classroom/classroom-view.js';
import { mintDevToken } from './session/dev-tokens.js';
import { claimsOf, forgetSession, loadSession, saveSession, takeSessionFromUrl } from './session/session.js';
import { showSignIn } from './session/sign-in-view.js';

const app = document.getElementById('app');

function signIn(notice = null) {
  showSignIn(app, {
    notice,
    onSignedIn: (session, token) => {
      saveSession(session);
      enter(session, token);
    },
  });
}

function leave() {
  forgetSession();
  signIn();
}

/** Enters the session's classroom; a development session gets fresh tokens from /dev/token when one expires. */
function enter(session, token) {
  if (session.kind === 'dev') {
    const me = { user: session.user, name: session.name, role: session.role };
    showClassroom(app, { classroom: session.classroom, token, getToken: () => mintDevToken(session), me, onLeave: leave });
    return;
  }
  showClassroom(app, { classroom: session.classroom, token: session.token, me: claimsOf(session.token), onLeave: leave });
}

async function start() {
  const fromUrl = takeSessionFromUrl();
  if (fromUrl?.error) {
    signIn(fromUrl.error);
    return;
  }
  if (fromUrl) {
    saveSession(fromUrl);
    enter(fromUrl);
    return;
  }
  const stored = loadSession();
  if (stored?.kind === 'token' && typeof stored.token === 'string') {
    enter(stored);
    return;
  }
  if (stored?.kind === 'dev') {
    try {
      enter(stored, await mintDevToken(stored));
      return;
    } catch (error) {
      forgetSession();
      signIn(error.message);
      return;
    }
  }
  signIn();
}

// A classroom link opened in a tab that already shows the app changes only the fragment: start over with it.
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(window.location.hash.replace(/^#/, '')).has('token')) {
    window.location.reload();
  }
});

void start();
