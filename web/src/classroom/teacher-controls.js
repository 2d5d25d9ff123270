const METHOD_NOT_FOUND = 104;

/**
 * The teacher's class controls, as RPCs the server may or may not offer yet: `classroom.end`,
 * `classroom.kick`, `classroom.mute` and `classroom.unmute` (each with `{classroom, user}`). The buttons are always there for a teacher; a server without the
 * method answers 104 and the teacher reads that it is not available, nothing else happens.
 */
export class TeacherControls {
  #rpc;
  #classroom;
  #message;
  #onMuted;

  /** @param {{ rpc: (method: string, data: object) => Promise<unknown>, classroom: string, message: HTMLElement, onMuted: (user: string, muted: boolean) => void }} options */
  constructor({ rpc, classroom, message, onMuted }) {
    this.#rpc = rpc;
    this.#classroom = classroom;
    this.#message = message;
    this.#onMuted = onMuted;
  }

  async endClass() {
    // A confirmation guards the one irreversible button.
    if (!window.confirm('End the class for everyone?')) {
      return;
    }
    await this.#call('classroom.end', { classroom: this.#classroom }, 'Ending the class', 'The class has ended.');
  }

  async kick(person) {
    await this.#call('classroom.kick', { classroom: this.#classroom, user: person.user }, `Removing ${person.name}`, `${person.name} was removed.`);
  }

  async mute(person) {
    const muted = !person.muted;
    const done = await this.#call(muted ? 'classroom.mute' : 'classroom.unmute', { classroom: this.#classroom, user: person.user },
      muted ? `Muting ${person.name}` : `Unmuting ${person.name}`, muted ? `${person.name} is muted.` : `${person.name} can write again.`);
    if (done) {
      this.#onMuted(person.user, muted);
    }
  }

  async #call(method, data, doing, done) {
    this.#say(`${doing}…`);
    try {
      await this.#rpc(method, data);
      this.#say(done);
      return true;
    } catch (error) {
      this.#say(error?.code === METHOD_NOT_FOUND
        ? `${doing} is not available on this server yet (${method}: method not found).`
        : `${doing} failed: ${error?.message || 'no answer'}${error?.code ? ` (code ${error.code})` : ''}.`, true);
      return false;
    }
  }

  #say(text, isError = false) {
    this.#message.textContent = text;
    this.#message.classList.toggle('panel__message--error', isError);
  }
}
