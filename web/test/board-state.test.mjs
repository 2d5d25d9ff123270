import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoardState } from '../src/board/board-state.js';

const teacher = { user: 't1', client: 'c-t1', connInfo: { name: 'Ann', role: 'teacher' } };
const student = { user: 's1', client: 'c-s1', connInfo: { name: 'Bob', role: 'student' } };

let offset = 0;
const pub = (info, data) => ({ offset: ++offset, info, data });
const stroke = (id, seq, points, done = false) => ({ t: 'stroke', id, color: '#111827', width: 6, points, seq, done });

function fold(publications) {
  const board = new BoardState();
  for (const publication of publications) {
    board.apply(publication);
  }
  return board;
}

test('Stroke batches join into one stroke in seq order', () => {
  const board = fold([pub(teacher, stroke('a', 0, [[0.1, 0.1]])), pub(teacher, stroke('a', 1, [[0.2, 0.2], [0.3, 0.3]], true))]);
  assert.deepEqual(board.strokeIds(), ['t1/a']);
  assert.deepEqual(board.strokes.get('t1/a').points, [[0.1, 0.1], [0.2, 0.2], [0.3, 0.3]]);
  assert.equal(board.strokes.get('t1/a').done, true);
});

test('A publication at or below the last applied offset changes nothing', () => {
  const first = pub(teacher, stroke('a', 0, [[0.1, 0.1]]));
  const board = fold([first]);
  const before = board.digest();
  assert.equal(board.apply(first), false);
  assert.equal(board.apply({ ...pub(teacher, stroke('b', 0, [[0.5, 0.5]])), offset: 1 }), false);
  assert.equal(board.digest(), before);
});

test('A batch published twice is drawn once', () => {
  const board = fold([pub(student, stroke('a', 0, [[0.1, 0.1]])), pub(student, stroke('a', 0, [[0.1, 0.1]]))]);
  assert.equal(board.strokes.get('s1/a').points.length, 1);
});

test('Undo removes only the publisher\'s own stroke', () => {
  const board = fold([
    pub(teacher, stroke('a', 0, [[0.1, 0.1]], true)),
    pub(student, stroke('a', 0, [[0.2, 0.2]], true)),
    pub(student, { t: 'undo', id: 'a' }),
  ]);
  assert.deepEqual(board.strokeIds(), ['t1/a']);
});

test('Late batches of an undone stroke stay off the board', () => {
  const board = fold([pub(student, stroke('a', 0, [[0.1, 0.1]])), pub(student, { t: 'undo', id: 'a' }), pub(student, stroke('a', 1, [[0.2, 0.2]], true))]);
  assert.deepEqual(board.strokeIds(), []);
});

test('A student\'s clear is ignored and a teacher\'s clear empties the board', () => {
  const board = fold([pub(teacher, stroke('a', 0, [[0.1, 0.1]], true)), pub(student, { t: 'clear' })]);
  assert.deepEqual(board.strokeIds(), ['t1/a']);
  board.apply(pub(teacher, { t: 'clear' }));
  assert.deepEqual(board.strokeIds(), []);
});

test('A clear claimed in the message data does not make a student a teacher', () => {
  const board = fold([pub(teacher, stroke('a', 0, [[0.1, 0.1]], true)), pub(student, { t: 'clear', role: 'teacher', info: teacher })]);
  assert.deepEqual(board.strokeIds(), ['t1/a']);
});

test('Malformed messages are skipped but still advance the offset', () => {
  const board = fold([
    pub(student, { t: 'stroke', id: 'x', color: 'red', width: 6, points: [[0, 0]], seq: 0 }),
    pub(student, { t: 'stroke', id: 'y', color: '#000000', width: 6, points: [], seq: 0 }),
    pub(student, { t: 'chat', text: '   ' }),
    pub(student, 'not an object'),
  ]);
  assert.deepEqual(board.strokeIds(), []);
  assert.equal(board.chat.length, 0);
  assert.equal(board.lastOffset, offset);
});

test('Chat takes the sender\'s name and role from the server-stamped info and drops repeats by id', () => {
  const board = fold([pub(student, { t: 'chat', id: 'm1', text: ' hello ', name: 'Mallory' }), pub(student, { t: 'chat', id: 'm1', text: 'hello' })]);
  assert.deepEqual(board.chat.map(({ name, role, text }) => ({ name, role, text })), [{ name: 'Bob', role: 'student', text: 'hello' }]);
});

test('The same publications in the same order give the same board', () => {
  const publications = [
    pub(teacher, stroke('a', 0, [[0.1, 0.1], [0.15, 0.12]])),
    pub(student, stroke('b', 0, [[0.4, 0.4]])),
    pub(teacher, stroke('a', 1, [[0.2, 0.2]], true)),
    pub(student, stroke('b', 1, [[0.5, 0.5]], true)),
    pub(student, { t: 'undo', id: 'b' }),
    pub(teacher, stroke('c', 0, [[0.7, 0.7]], true)),
  ];
  assert.equal(fold(publications).digest(), fold(publications).digest());
  assert.deepEqual(fold(publications).strokeIds(), ['t1/a', 't1/c']);
});
