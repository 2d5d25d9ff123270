import { h } from '../dom.js';
import { MAX_CHAT_LENGTH } from '../board/messages.js';

/**
 * The chat: messages come from the board state (so a reload or a late join shows the conversation so far),
 * sender names from the server-stamped `conn_info`, never from the message.
 */
export class ChatPanel {
  #refs;
  #me;
  #renderedOffsets = [];
  #counter = 0;

  /** @param {{ send: (message: object) => void }} options */
  constructor(refs, me, { send }) {
    this.#refs = refs;
    this.#me = me;
    const idPrefix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
    refs['chat-form'].addEventListener('submit', (event) => {
      event.preventDefault();
      const text = refs['chat-input'].value.trim();
      if (text === '') {
        return;
      }
      if (text.length > MAX_CHAT_LENGTH) {
        this.showError(`Messages can be up to ${MAX_CHAT_LENGTH} characters.`);
        return;
      }
      this.showError('');
      send({ t: 'chat', id: `${idPrefix}-${(++this.#counter).toString(36)}`, text });
      refs['chat-input'].value = '';
    });
  }

  showError(text) {
    this.#refs['chat-error'].textContent = text;
  }

  /** Shows `messages` (`{offset, user, name, role, text}` in offset order), appending when it can. */
  render(messages) {
    const log = this.#refs['chat-log'];
    const rendered = this.#renderedOffsets;
    const lastRendered = rendered.at(-1);
    const keepsPrefix = rendered.length === 0 ||
      (messages.length >= rendered.length && messages[rendered.length - 1]?.offset === lastRendered && messages[0]?.offset === rendered[0]);
    if (!keepsPrefix) {
      log.replaceChildren();
      rendered.length = 0;
    }
    const stuckToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const fresh = messages.slice(rendered.length);
    if (fresh.length === 0) {
      return;
    }
    log.append(...fresh.map((message) => this.#item(message)));
    rendered.push(...fresh.map((message) => message.offset));
    if (stuckToBottom || fresh.some((message) => message.user === this.#me.user)) {
      log.scrollTop = log.scrollHeight;
    }
  }

  #item(message) {
    const mine = message.user === this.#me.user;
    return h('li', { className: `chat__message${mine ? ' chat__message--mine' : ''}` },
      h('span', { className: 'chat__sender' }, message.name),
      message.role === 'teacher' ? h('span', { className: 'badge badge--teacher' }, 'teacher') : null,
      h('span', { className: 'chat__text' }, message.text));
  }
}
