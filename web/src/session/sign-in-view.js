import { instantiate } from '../dom.js';
import { devTokensAvailability, devUserId, mintDevToken } from './dev-tokens.js';
import { CLASSROOM_ID, classroomHint } from './session.js';

const BACKEND_NOTE =
  'This deployment signs people in through the school\'s own system: open the classroom link it gave you ' +
  '(it ends in #token=…&classroom=…).';

/**
 * The development sign-in: a name, a classroom and a role → a token from POST /dev/token → `onSignedIn(session)`.
 * When the server has no /dev/token (a real deployment) it only explains where tokens come from.
 */
export function showSignIn(container, { onSignedIn, notice = null }) {
  const { root, refs } = instantiate('sign-in-view');
  container.replaceChildren(root);
  document.title = 'Sign in · Classroom.Micro';

  const hint = classroomHint();
  if (hint) {
    refs.classroom.value = hint;
  }
  const showNotice = (text) => {
    refs.notice.textContent = text ?? '';
    refs.notice.hidden = !text;
  };
  showNotice(notice);

  void devTokensAvailability().then((availability) => {
    if (availability === 'disabled') {
      showNotice(notice ? `${notice} ${BACKEND_NOTE}` : BACKEND_NOTE);
      refs.fields.hidden = true;
      return;
    }
    if (availability === 'unreachable') {
      showNotice(`${notice ? `${notice} ` : ''}The sign-in service is not answering yet; you can still try.`);
    }
    refs.fields.disabled = false;
    refs.name.focus();
  });

  refs.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    refs.error.textContent = '';
    const name = refs.name.value.trim();
    const classroom = refs.classroom.value.trim();
    const role = refs.form.elements.role.value === 'teacher' ? 'teacher' : 'student';
    if (name === '') {
      refs.error.textContent = 'Please enter your name.';
      refs.name.focus();
      return;
    }
    if (!CLASSROOM_ID.test(classroom)) {
      refs.error.textContent = 'The classroom id may use letters, digits, - and _ (up to 64).';
      refs.classroom.focus();
      return;
    }
    refs.fields.disabled = true;
    refs.submit.textContent = 'Signing in…';
    const identity = { user: devUserId(name), name, role, classroom };
    try {
      const token = await mintDevToken(identity);
      onSignedIn({ kind: 'dev', ...identity }, token);
    } catch (error) {
      refs.error.textContent = error.message;
      refs.fields.disabled = false;
      refs.submit.textContent = 'Enter the classroom';
    }
  });
}
