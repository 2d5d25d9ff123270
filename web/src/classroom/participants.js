import { h } from '../dom.js';
import { senderOf } from '../board/messages.js';

const REFRESH_MS = 5_000;

/**
 * Who is in the class, from the channel's presence (served by the registry): refreshed when the subscription is
 * (re)established, when a join or leave arrives, and every few seconds in case those pushes never come. People
 * seen earlier in this session who are no longer present stay in the list as offline.
 */
export class Participants {
  #refs;
  #me;
  #presence;
  #teacherActions;
  #people = new Map();
  #timer = null;
  #inFlight = null;
  #again = false;

  /**
   * @param {{ presence: () => Promise<{clients: Record<string, object>}>,
   *           teacherActions: null | { kick: (person: object) => void, mute: (person: object) => void } }} options
   */
  constructor(refs, me, { presence, teacherActions }) {
    this.#refs = refs;
    this.#me = me;
    this.#presence = presence;
    this.#teacherActions = teacherActions;
    this.#timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  /** Everyone listed: `{user, name, role, online, connections}`. */
  list() {
    return [...this.#people.values()].sort((a, b) =>
      Number(b.online) - Number(a.online) || (a.role === b.role ? 0 : a.role === 'teacher' ? -1 : 1) || a.name.localeCompare(b.name));
  }

  refresh() {
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#inFlight = this.#presence()
      .then((result) => this.#update(result.clients ?? {}))
      .catch(() => {
        // Not subscribed at the moment (reconnecting): the next refresh will tell.
      })
      .finally(() => {
        this.#inFlight = null;
        if (this.#again) {
          this.#again = false;
          void this.refresh();
        }
      });
    return this.#inFlight;
  }

  /** Marks `user` as muted or not (teacher's view only). */
  setMuted(user, muted) {
    const person = this.#people.get(user);
    if (person) {
      person.muted = muted;
      this.#render();
    }
  }

  dispose() {
    clearInterval(this.#timer);
  }

  #update(clients) {
    for (const person of this.#people.values()) {
      person.connections = 0;
    }
    for (const info of Object.values(clients)) {
      const sender = senderOf(info);
      if (sender.user === '') {
        continue;
      }
      const person = this.#people.get(sender.user) ?? { user: sender.user, muted: false };
      Object.assign(person, { name: sender.name, role: sender.role, connections: (person.connections ?? 0) + 1 });
      this.#people.set(sender.user, person);
    }
    for (const person of this.#people.values()) {
      person.online = person.connections > 0;
    }
    this.#render();
  }

  #render() {
    const people = this.list();
    const online = people.filter((person) => person.online).length;
    this.#refs['people-count'].textContent = `(${online} online)`;
    this.#refs.people.replaceChildren(...people.map((person) => this.#item(person)));
  }

  #item(person) {
    const isMe = person.user === this.#me.user;
    const actions = this.#teacherActions && person.role === 'student' && person.online
      ? h('span', { className: 'person__actions' },
        h('button', { type: 'button', className: 'button button--small', textContent: person.muted ? 'Unmute' : 'Mute', onclick: () => this.#teacherActions.mute(person), attrs: { 'aria-label': `${person.muted ? 'Unmute' : 'Mute'} ${person.name}` } }),
        h('button', { type: 'button', className: 'button button--small button--danger', textContent: 'Kick', onclick: () => this.#teacherActions.kick(person), attrs: { 'aria-label': `Remove ${person.name} from the class` } }))
      : null;
    return h('li', { className: `person${person.online ? '' : ' person--offline'}`, attrs: { 'data-user': person.user, 'data-role': person.role, 'data-online': String(person.online) } },
      h('span', { className: 'person__dot', attrs: { 'aria-hidden': 'true' } }),
      h('span', { className: 'person__name' }, person.name, isMe ? h('span', { className: 'person__me' }, ' (you)') : null),
      h('span', { className: `badge badge--${person.role}` }, person.role),
      h('span', { className: 'visually-hidden' }, person.online ? ', online' : ', offline'),
      actions);
  }
}
