// The classroom web app (served by the gateway at /) in real browsers: Debian's Chromium driven by playwright-core.
// A teacher and two students in separate browser contexts share one classroom (two sign in on the development page,
// one arrives with a #token= link as a school's backend would send). The teacher draws with the mouse and both
// students' canvases show it; chat goes round; the participant list shows everyone with roles; a student loses the
// network while the teacher draws and catches up when it is back; a late student sees the whole board; undo takes a
// stroke back everywhere; a student has no clear button and a clear forged through the app's own client clears no
// board, while the teacher's does; the teacher's end-class control answers. Screenshots of the teacher's and a
// student's view are saved. Every wait polls the pages with a timeout: no sleeps.
//
// Env: GATEWAY_URL, CLASSROOM, RUN_ID, SCREENSHOT_DIR, CHROMIUM_PATH (optional, default /usr/bin/chromium).
// Writes the screenshots and a copy of the result (browser-classroom.json) to SCREENSHOT_DIR.
// Prints one result line:
// `{ classroom, steps: { <name>: { ok, error?, ...observations } }, repairs, pageErrors, consoleErrors, screenshots }`.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, waitInPage } from './lib/browser.mjs';
import { gatewayUrl, required, runId } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { stepRunner } from './lib/steps.mjs';
import { mintDevToken } from './lib/tokens.mjs';

const VIEWPORT = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
const RED = '#dc2626';

// What the page shows, read the way a person would see it (the DOM), and the state the app exposes for tests.
const readPeople = () => [...document.querySelectorAll('.person')].map((item) => ({
  name: item.querySelector('.person__name')?.firstChild?.textContent ?? '',
  role: item.dataset.role,
  online: item.dataset.online === 'true',
}));
const readChat = () => [...document.querySelectorAll('.chat__message')].map((item) => ({
  sender: item.querySelector('.chat__sender')?.textContent ?? '',
  teacher: item.querySelector('.badge--teacher') !== null,
  text: item.querySelector('.chat__text')?.textContent ?? '',
}));
const readBoard = () => ({
  strokes: window.__board.describe(),
  digest: window.__board.digest(),
  lastOffset: window.__board.lastOffset(),
  status: window.__classroom.status(),
  pending: window.__classroom.pendingPublications(),
  events: window.__classroom.events.slice(-10),
});

run(async () => {
  const gateway = gatewayUrl();
  const classroom = required('CLASSROOM');
  const screenshotDir = required('SCREENSHOT_DIR');
  const suffix = runId();
  await mkdir(screenshotDir, { recursive: true });

  const { steps, step } = stepRunner();
  const pageErrors = [];
  const consoleErrors = [];
  const screenshots = [];
  const repairs = {};
  const members = {};

  const browser = await launchChromium();
  try {
    const newPage = async (label) => {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push({ label, message: error.message }));
      page.on('console', (message) => {
        if (message.type() === 'error') {
          consoleErrors.push({ label, text: message.text().slice(0, 300) });
        }
      });
      // Clear board and end class ask for confirmation.
      page.on('dialog', (dialog) => void dialog.accept());
      return page;
    };

    const whenInClass = (page, label) => waitInPage(page, `${label} is connected with the board loaded`,
      () => window.__classroom?.status() === 'connected' && !window.__classroom.syncing(), undefined,
      { describe: () => (window.__classroom ? { status: window.__classroom.status(), events: window.__classroom.events.slice(-8) } : document.body.innerText.slice(0, 300)) });

    /** Signs in on the development page, as a person trying the app would. */
    const signIn = async (label, name, role) => {
      const page = await newPage(label);
      await page.goto(gateway);
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Classroom', { exact: true }).fill(classroom);
      await page.getByLabel(role === 'teacher' ? 'Teacher' : 'Student', { exact: true }).check();
      await page.getByRole('button', { name: 'Enter the classroom' }).click();
      await whenInClass(page, label);
      members[label] = page;
      return page;
    };

    /** Arrives with a token in the link, as a school's backend would send a student into class. */
    const followLink = async (label, name, role) => {
      const page = await newPage(label);
      const token = await mintDevToken(gateway, { user: `${label}-${suffix}`, name, role, classrooms: [classroom] });
      await page.goto(`${gateway}#token=${encodeURIComponent(token)}&classroom=${encodeURIComponent(classroom)}`);
      await whenInClass(page, label);
      members[label] = page;
      return { page, tokenLeftInUrl: page.url().includes(token) || page.url().includes('token=') };
    };

    /** Draws through the mouse along normalised board points (pointer events on the canvas). */
    const draw = async (page, points) => {
      const box = await page.locator('canvas').boundingBox();
      const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
      await page.mouse.move(...at(points[0]));
      await page.mouse.down();
      for (const point of points.slice(1)) {
        await page.mouse.move(...at(point), { steps: 5 });
      }
      await page.mouse.up();
    };

    /** Waits until `page`'s own strokes are back from the server: `count` strokes, nothing left to send. */
    const confirmed = (page, label, count) => waitInPage(page, `${label}'s board holds ${count} strokes with nothing left to send`,
      (n) => window.__board.strokeIds().length === n && window.__classroom.pendingPublications() === 0 && window.__board.digest(), count,
      { describe: readBoard });

    const sameBoard = async (page, label, digest) => {
      try {
        return await waitInPage(page, `${label}'s board equals the teacher's (${digest})`,
          (wanted) => window.__board.digest() === wanted, digest, { describe: readBoard });
      } catch (error) {
        const teacher = await members.teacher.evaluate(readBoard).catch(() => null);
        throw new Error(`${error.message} — the teacher's: ${JSON.stringify(teacher)}`);
      }
    };

    const look = (page) => page.evaluate(() => ({
      strokeIds: window.__board.strokeIds(),
      digest: window.__board.digest(),
      snapshot: window.__classroom.snapshot(),
      ink: window.__classroom.canvasInk(),
    }));

    const shoot = async (page, name) => {
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      screenshots.push(path);
    };

    await step('join', async () => {
      const probe = await newPage('sign-in');
      await probe.goto(gateway);
      const signInForm = await waitInPage(probe, 'the development sign-in form is enabled',
        () => document.querySelector('fieldset[data-ref="fields"]')?.disabled === false && document.querySelector('[data-ref="notice"]').hidden, undefined,
        { describe: () => document.body.innerText.slice(0, 300) });
      await shoot(probe, 'sign-in');
      await probe.context().close();
      const teacher = await signIn('teacher', 'Ada', 'teacher');
      const student1 = await signIn('student1', 'Ben', 'student');
      const { tokenLeftInUrl } = await followLink('student2', 'Cleo', 'student');
      return {
        devSignInShown: signInForm === true,
        tokenLeftInUrl,
        me: await Promise.all([teacher, student1, members.student2].map((page) => page.evaluate(() => window.__classroom.me))),
      };
    });

    await step('participants', async () => {
      const lists = {};
      for (const [label, page] of Object.entries(members)) {
        lists[label] = await waitInPage(page, `${label} lists three people online`,
          () => {
            const people = [...document.querySelectorAll('.person')].filter((item) => item.dataset.online === 'true');
            return people.length === 3 && [...document.querySelectorAll('.person')].map((item) => ({
              name: item.querySelector('.person__name')?.firstChild?.textContent ?? '',
              role: item.dataset.role,
              online: item.dataset.online === 'true',
            }));
          }, undefined, { describe: readPeople });
      }
      return { lists };
    });

    await step('firstStroke', async () => {
      const { teacher, student1, student2 } = members;
      await teacher.getByTitle('Red').click();
      await teacher.getByTitle('Thick').click();
      await draw(teacher, [[0.2, 0.3], [0.4, 0.3], [0.6, 0.3]]);
      const digest = await confirmed(teacher, 'teacher', 1);
      await sameBoard(student1, 'student1', digest);
      await sameBoard(student2, 'student2', digest);
      const seen = {};
      for (const [label, page] of Object.entries({ teacher, student1, student2 })) {
        seen[label] = { ...(await look(page)), colourOnStroke: await page.evaluate(() => window.__classroom.colourAt(0.4, 0.3)), colourOffStroke: await page.evaluate(() => window.__classroom.colourAt(0.4, 0.6)) };
      }
      return { expectedColour: RED, seen };
    });

    await step('chat', async () => {
      const { teacher, student1, student2 } = members;
      await student1.getByRole('textbox', { name: 'Message' }).fill('Hello from Ben');
      await student1.getByRole('button', { name: 'Send' }).click();
      const hasMessage = (text) => [...document.querySelectorAll('.chat__text')].some((item) => item.textContent === text);
      await waitInPage(teacher, 'the teacher reads the student\'s message', hasMessage, 'Hello from Ben', { describe: readChat });
      await waitInPage(student2, 'student2 reads the student\'s message', hasMessage, 'Hello from Ben', { describe: readChat });
      await teacher.getByRole('textbox', { name: 'Message' }).fill('Welcome, Ben');
      await teacher.keyboard.press('Enter');
      await waitInPage(student1, 'student1 reads the teacher\'s reply', hasMessage, 'Welcome, Ben', { describe: readChat });
      await waitInPage(student2, 'student2 reads the teacher\'s reply', hasMessage, 'Welcome, Ben', { describe: readChat });
      return { seen: { teacher: await teacher.evaluate(readChat), student1: await student1.evaluate(readChat), student2: await student2.evaluate(readChat) } };
    });

    await step('offline', async () => {
      const { teacher, student1, student2 } = members;
      await student2.context().setOffline(true);
      await waitInPage(student2, 'student2 notices the network is gone', () => window.__classroom.status() === 'reconnecting', undefined, { describe: readBoard });
      await teacher.getByTitle('Blue').click();
      await teacher.getByTitle('Medium').click();
      await draw(teacher, [[0.15, 0.55], [0.25, 0.7], [0.35, 0.55], [0.45, 0.7], [0.55, 0.55]]);
      await teacher.getByTitle('Green').click();
      await draw(teacher, [[0.7, 0.2], [0.8, 0.35], [0.75, 0.6], [0.85, 0.8]]);
      const digest = await confirmed(teacher, 'teacher', 3);
      await sameBoard(student1, 'student1', digest);
      const whileOffline = await student2.evaluate(() => ({ strokeIds: window.__board.strokeIds(), status: window.__classroom.status() }));
      const eventsBefore = await student2.evaluate(() => window.__classroom.events.length);
      await student2.context().setOffline(false);
      await sameBoard(student2, 'student2 (back online)', digest);
      const after = await student2.evaluate((from) => ({
        events: window.__classroom.events.slice(from).filter((event) => event.type === 'subscribed' || event.type === 'status' || event.type === 'sync' || event.type === 'gap'),
      }), eventsBefore);
      const resubscribed = after.events.find((event) => event.type === 'subscribed') ?? null;
      return {
        strokesWhileOffline: whileOffline.strokeIds.length,
        statusWhileOffline: whileOffline.status,
        resubscribed,
        events: after.events,
        teacher: await look(teacher),
        student2: await look(student2),
      };
    });

    await step('lateJoiner', async () => {
      const { teacher } = members;
      const late = await signIn('student3', 'Dana', 'student');
      const digest = await teacher.evaluate(() => window.__board.digest());
      await sameBoard(late, 'the late student', digest);
      const chatCount = await teacher.evaluate(() => window.__board.chat().length);
      await waitInPage(late, 'the late student reads the chat so far', (n) => document.querySelectorAll('.chat__message').length === n, chatCount, { describe: readChat });
      return { teacher: await look(teacher), late: await look(late), lateChat: await late.evaluate(readChat) };
    });

    await step('screenshots', async () => {
      const { teacher, student1, student3 } = members;
      await waitInPage(teacher, 'the teacher lists four people online', () => document.querySelectorAll('.person[data-online="true"]').length === 4, undefined, { describe: readPeople });
      await waitInPage(student1, 'student1 lists four people online', () => document.querySelectorAll('.person[data-online="true"]').length === 4, undefined, { describe: readPeople });
      await shoot(teacher, 'teacher');
      await shoot(student1, 'student');
      await shoot(student3, 'late-student');
      await student1.setViewportSize(TABLET);
      const tablet = await waitInPage(student1, 'the board fits a tablet-wide window',
        () => {
          const canvas = document.querySelector('canvas').getBoundingClientRect();
          return canvas.width > 300 && canvas.right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth &&
            { canvasWidth: canvas.width, canvasHeight: canvas.height, pageWidth: document.documentElement.scrollWidth };
        });
      await shoot(student1, 'student-tablet');
      await student1.setViewportSize(VIEWPORT);
      return { tablet };
    });

    await step('undo', async () => {
      const { teacher, student1, student2, student3 } = members;
      const before = await teacher.evaluate(() => window.__board.digest());
      await teacher.getByTitle('Purple').click();
      await draw(teacher, [[0.5, 0.85], [0.6, 0.9], [0.7, 0.85]]);
      const withStroke = await confirmed(teacher, 'teacher', 4);
      await sameBoard(student1, 'student1', withStroke);
      await teacher.getByRole('button', { name: 'Undo' }).click();
      const after = await confirmed(teacher, 'teacher', 3);
      for (const [label, page] of Object.entries({ student1, student2, student3 })) {
        await sameBoard(page, label, after);
      }
      return { before, withStroke, after };
    });

    await step('forgedClear', async () => {
      const { teacher, student1, student2, student3 } = members;
      const clearVisible = {
        teacher: await teacher.getByRole('button', { name: 'Clear board' }).isVisible(),
        student1: await student1.getByRole('button', { name: 'Clear board' }).isVisible(),
      };
      const before = await teacher.evaluate(() => ({ strokeIds: window.__board.strokeIds(), lastOffset: window.__board.lastOffset() }));
      // A hacked client: the app's own centrifuge client publishes a clear the UI would never send for a student.
      const published = await student1.evaluate(async () => {
        try {
          await window.__classroom.centrifuge.publish(window.__classroom.channel, { t: 'clear' });
          return { ok: true };
        } catch (error) {
          return { ok: false, code: error?.code ?? null, message: error?.message ?? String(error) };
        }
      });
      const after = {};
      if (published.ok) {
        const clearOffset = await waitInPage(student1, 'student1 applies its own forged clear',
          (offset) => window.__board.lastOffset() > offset && window.__board.lastOffset(), before.lastOffset, { describe: readBoard });
        for (const [label, page] of Object.entries({ teacher, student1, student2, student3 })) {
          await waitInPage(page, `${label} has applied the forged clear`, (offset) => window.__board.lastOffset() >= offset, clearOffset, { describe: readBoard });
          after[label] = await look(page);
        }
      }
      return { clearVisible, published, strokesBefore: before.strokeIds.length, after };
    });

    await step('teacherClear', async () => {
      const { teacher, student1, student2, student3 } = members;
      await teacher.getByRole('button', { name: 'Clear board' }).click();
      const after = {};
      for (const [label, page] of Object.entries({ teacher, student1, student2, student3 })) {
        await waitInPage(page, `${label}'s board is cleared by the teacher`, () => window.__board.strokeIds().length === 0, undefined, { describe: readBoard });
        after[label] = await look(page);
      }
      return { after };
    });

    await step('endClass', async () => {
      const { teacher, student1 } = members;
      const studentSeesControls = await student1.getByRole('button', { name: 'End class' }).isVisible();
      await teacher.getByRole('button', { name: 'End class' }).click();
      const message = await waitInPage(teacher, 'the teacher is told how ending the class went',
        () => {
          const text = document.querySelector('[data-ref="teacher-message"]')?.textContent ?? '';
          return text !== '' && !text.endsWith('…') && text;
        }, undefined, { describe: () => document.querySelector('[data-ref="teacher-message"]')?.textContent });
      return { studentSeesControls, message };
    });
    // Publications a page had to fetch again because they never arrived live (the app repairs; the server should not need it).
    for (const [label, page] of Object.entries(members)) {
      repairs[label] = await page.evaluate(() => window.__classroom.events.filter((event) => ['gap', 'stale', 'epoch-changed'].includes(event.type)))
        .catch((error) => [{ type: 'unreadable', message: error.message }]);
    }
  } finally {
    await browser.close().catch(() => {});
  }

  const result = { classroom, steps, repairs, pageErrors, consoleErrors: consoleErrors.slice(0, 50), screenshots };
  // Beside the screenshots, for a look at a run that passed.
  await writeFile(join(screenshotDir, 'browser-classroom.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
});
