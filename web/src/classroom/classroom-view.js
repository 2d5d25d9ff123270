import { BoardState, strokeKey } from '../board/board-state.js';
import { BoardRenderer } from '../board/board-renderer.js';
import { Pen } from '../board/pen.js';
import { Toolbar } from '../board/toolbar.js';
import { instantiate } from '../dom.js';
import { ChatPanel } from './chat-panel.js';
import { ClassroomLink, transportEndpoints } from './classroom-link.js';
import { ConnectionStatus } from './connection-status.js';
import { Outbox } from './outbox.js';
import { Participants } from './participants.js';
import { TeacherControls } from './teacher-controls.js';
import { exposeForTests } from './test-hooks.js';

const PERMISSION_DENIED = 103;

/**
 * The live class: whiteboard, chat, participants and (for a teacher) class controls, over one
 * {@link ClassroomLink}. `me` is `{user, name, role}`; `onLeave()` returns to the sign-in.
 */
export function showClassroom(container, { classroom, token, getToken, me, onLeave }) {
  const { root, refs } = instantiate('classroom-view');
  container.replaceChildren(root);
  document.title = `${classroom} · Classroom.Micro`;
  refs['classroom-name'].textContent = classroom;
  refs.me.textContent = `${me.name} · ${me.role}`;
  const isTeacher = me.role === 'teacher';
  refs.clear.hidden = !isTeacher;
  refs['teacher-panel'].hidden = !isTeacher;

  const board = new BoardState();
  /** My strokes as drawn here, shown until the server's copy has all of them (drawing never waits for the network). */
  const local = new Map();
  /** My strokes undone here, hidden until the undo comes back from the server. */
  const hidden = new Set();

  const strokesToDraw = () => {
    const list = [];
    for (const stroke of board.strokes.values()) {
      if (hidden.has(stroke.key)) {
        continue;
      }
      const mine = local.get(stroke.key);
      if (mine && stroke.done && mine.done && stroke.maxSeq >= mine.lastSeq) {
        local.delete(stroke.key);
      }
      list.push(local.get(stroke.key) ?? stroke);
    }
    for (const [key, mine] of local) {
      if (board.removed.has(key)) {
        local.delete(key);
      } else if (!board.strokes.has(key) && !hidden.has(key)) {
        list.push(mine);
      }
    }
    for (const key of hidden) {
      if (board.removed.has(key)) {
        hidden.delete(key);
      }
    }
    return list;
  };

  const status = new ConnectionStatus(refs.status, refs['status-text'], refs.transport);
  const renderer = new BoardRenderer(refs.canvas, refs.frame, strokesToDraw);
  const toolbar = new Toolbar(refs);
  const banner = (text) => {
    refs.banner.textContent = text ?? '';
    refs.banner.hidden = !text;
  };

  let chat = null;
  let participants = null;
  const link = new ClassroomLink({ ...transportEndpoints(classroom), classroom, token, getToken, board }, {
    onTransport: (transport) => status.showTransport(transport),
    onStatus: (state, detail) => {
      link.events.push({ type: 'status', state, at: Date.now() });
      status.show(state, detail);
      if (state === 'connected' || state === 'recovered') {
        banner(null);
      } else if (state === 'disconnected') {
        banner(`You are disconnected from the class${detail ? ` (${detail})` : ''}: it may have ended, or you were removed. Leave and sign in again to rejoin.`);
      }
    },
    onChange: () => {
      renderer.invalidate();
      chat.render(board.chat);
    },
    onPresence: () => void participants.refresh(),
    onUnsubscribed: (ctx) => {
      if (ctx.code !== 0) {
        banner(`You are no longer in this class${ctx.reason ? ` (${ctx.reason})` : ''}.`);
      }
    },
  });

  const outbox = new Outbox({
    publish: (data) => link.publish(data),
    whenConnected: () => link.whenConnected(),
    onRefused: (error, data) => {
      const text = error.code === PERMISSION_DENIED ? 'You cannot write in this class right now (muted?).' : `Not sent: ${error.message} (code ${error.code}).`;
      if (data.t === 'chat') {
        chat.showError(text);
      } else {
        banner(text);
      }
    },
  });

  chat = new ChatPanel(refs, me, { send: (message) => outbox.send(message) });
  const teacher = isTeacher
    ? new TeacherControls({
      rpc: (method, data) => link.rpc(method, data),
      classroom,
      message: refs['teacher-message'],
      onMuted: (user, muted) => participants.setMuted(user, muted),
    })
    : null;
  participants = new Participants(refs, me, {
    presence: () => link.presence(),
    teacherActions: teacher && { kick: (person) => void teacher.kick(person), mute: (person) => void teacher.mute(person) },
  });
  if (teacher) {
    refs['end-class'].addEventListener('click', () => void teacher.endClass());
  }

  const pen = new Pen(refs.canvas, {
    tool: () => toolbar.tool(),
    idPrefix: `${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}-`,
    onProgress: (stroke) => {
      local.set(strokeKey(me.user, stroke.id), { key: strokeKey(me.user, stroke.id), color: stroke.color, width: stroke.width, points: stroke.points, lastSeq: stroke.lastSeq ?? -1, done: stroke.done === true });
      renderer.invalidate();
    },
    onBatch: (batch) => outbox.send(batch),
  });

  const undo = () => {
    // My newest stroke: one still on its way to the server, else the newest the board has.
    const pending = [...local.keys()].filter((key) => !board.strokes.has(key) && !hidden.has(key)).at(-1);
    const key = pending ?? [...board.strokes.values()].filter((stroke) => stroke.user === me.user && !hidden.has(stroke.key)).at(-1)?.key;
    if (!key || pen.drawing) {
      return;
    }
    hidden.add(key);
    local.delete(key);
    outbox.send({ t: 'undo', id: key.slice(me.user.length + 1) });
    renderer.invalidate();
  };
  refs.undo.addEventListener('click', undo);
  const onKey = (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (!typing && (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      undo();
    }
  };
  document.addEventListener('keydown', onKey);
  refs.clear.addEventListener('click', () => {
    if (window.confirm('Clear the whole board for everyone?')) {
      outbox.send({ t: 'clear' });
    }
  });

  const leave = () => {
    document.removeEventListener('keydown', onKey);
    participants.dispose();
    renderer.dispose();
    outbox.close();
    link.stop();
    onLeave();
  };
  refs.leave.addEventListener('click', leave);

  exposeForTests({ link, board, renderer, outbox, participants, status, me, strokesToDraw });
  link.start();
  return { leave };
}
