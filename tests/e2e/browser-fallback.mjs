// The web app where WebSockets are blocked (a school's web filter): Chromium with every WebSocket to the gateway
// closed by the "network" (playwright's routeWebSocket), and for one student HTTP-streaming refused too. The app falls
// back by itself — HTTP-streaming, then SSE — says which transport it uses, and the class still works: the teacher
// (on WebSocket) draws and both students' boards show it, chat goes round, and a student over SSE who drops out while
// the teacher draws comes back recovered with the same board. Every wait polls the pages with a timeout: no sleeps.
//
// Env: GATEWAY_URL, CLASSROOM, RUN_ID, SCREENSHOT_DIR, CHROMIUM_PATH (optional).
// Prints one result line: `{ steps: { <name>: { ok, error?, ...observations } }, pageErrors }`.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, waitInPage } from './lib/browser.mjs';
import { gatewayUrl, required, runId } from './lib/env.mjs';
import { run } from './lib/report.mjs';
import { stepRunner } from './lib/steps.mjs';
import { mintDevToken } from './lib/tokens.mjs';

const boardState = () => ({
  digest: window.__board.digest(),
  strokes: window.__board.strokeIds().length,
  status: window.__classroom.status(),
  transport: window.__classroom.transport(),
  events: window.__classroom.events.slice(-8),
});

run(async () => {
  const [gateway, classroom, screenshotDir, suffix] = [gatewayUrl(), required('CLASSROOM'), required('SCREENSHOT_DIR'), runId()];
  const pages = {};
  const pageErrors = [];
  const { steps, step } = stepRunner();
  await mkdir(screenshotDir, { recursive: true });

  const browser = await launchChromium();
  try {
    /** A person arriving with a token link, behind a network that blocks what `blocked` names. */
    const arrive = async (label, role, blocked) => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
      const blockedRequests = { websocket: 0, http_stream: 0 };
      if (blocked.includes('websocket')) {
        await context.routeWebSocket(/\/connection\/websocket/, (socket) => {
          blockedRequests.websocket++;
          socket.close();
        });
      }
      if (blocked.includes('http_stream')) {
        await context.route(/\/connection\/http_stream/, (route) => {
          blockedRequests.http_stream++;
          return route.abort('blockedbyclient');
        });
      }
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push({ label, message: error.message }));
      const token = await mintDevToken(gateway, { user: `${label}-${suffix}`, name: label, role, classrooms: [classroom] });
      await page.goto(`${gateway}#token=${encodeURIComponent(token)}&classroom=${encodeURIComponent(classroom)}`);
      await waitInPage(page, `${label} is in class`, () => window.__classroom?.status() === 'connected' && !window.__classroom.syncing(), undefined,
        { timeout: 40_000, describe: () => (window.__classroom ? { status: window.__classroom.status(), events: window.__classroom.events.slice(-8) } : document.body.innerText.slice(0, 200)) });
      pages[label] = page;
      return blockedRequests;
    };

    const draw = async (page, from, to) => {
      const box = await page.locator('canvas').boundingBox();
      await page.mouse.move(box.x + from[0] * box.width, box.y + from[1] * box.height);
      await page.mouse.down();
      await page.mouse.move(box.x + to[0] * box.width, box.y + to[1] * box.height, { steps: 8 });
      await page.mouse.up();
    };

    /** Waits until the teacher's board holds `count` strokes with nothing unsent, then until `others` show the same board. */
    const boardsAgree = async (count, others) => {
      const digest = await waitInPage(pages.teacher, `the teacher's board holds ${count} strokes`,
        (n) => window.__board.strokeIds().length === n && window.__classroom.pendingPublications() === 0 && window.__board.digest(), count, { describe: boardState });
      for (const label of others) {
        await waitInPage(pages[label], `${label}'s board equals the teacher's`, (wanted) => window.__board.digest() === wanted, digest, { describe: boardState });
      }
      return digest;
    };

    await step('join', async () => {
      const blocked = {
        teacher: await arrive('teacher', 'teacher', []),
        streamStudent: await arrive('streamStudent', 'student', ['websocket']),
        sseStudent: await arrive('sseStudent', 'student', ['websocket', 'http_stream']),
      };
      return { blocked };
    });

    await step('transports', async () => {
      const seen = {};
      for (const [label, page] of Object.entries(pages)) {
        seen[label] = await page.evaluate(() => ({
          transport: window.__classroom.transport(),
          shown: document.querySelector('[data-ref="transport"]')?.textContent ?? '',
        }));
      }
      return { seen };
    });

    await step('draw', async () => {
      await draw(pages.teacher, [0.2, 0.3], [0.7, 0.4]);
      await boardsAgree(1, ['streamStudent', 'sseStudent']);
      const ink = {};
      for (const [label, page] of Object.entries(pages)) {
        ink[label] = await page.evaluate(() => window.__classroom.canvasInk());
      }
      return { ink };
    });

    await step('chat', async () => {
      const hasMessage = (text) => [...document.querySelectorAll('.chat__text')].some((item) => item.textContent === text);
      await pages.sseStudent.getByRole('textbox', { name: 'Message' }).fill('Hello over SSE');
      await pages.sseStudent.getByRole('button', { name: 'Send' }).click();
      await pages.streamStudent.getByRole('textbox', { name: 'Message' }).fill('Hello over HTTP streaming');
      await pages.streamStudent.getByRole('button', { name: 'Send' }).click();
      const read = {};
      for (const label of Object.keys(pages)) {
        await waitInPage(pages[label], `${label} reads the SSE student's message`, hasMessage, 'Hello over SSE');
        await waitInPage(pages[label], `${label} reads the streaming student's message`, hasMessage, 'Hello over HTTP streaming');
        read[label] = true;
      }
      return { read };
    });

    await step('recover', async () => {
      const student = pages.sseStudent;
      const from = await student.evaluate(() => window.__classroom.events.length);
      // The student's connection drops (its client disconnects) while the teacher draws two more strokes.
      await student.evaluate(() => window.__classroom.centrifuge.disconnect());
      await draw(pages.teacher, [0.2, 0.6], [0.5, 0.8]);
      await draw(pages.teacher, [0.6, 0.6], [0.8, 0.2]);
      await boardsAgree(3, ['streamStudent']);
      const strokesWhileAway = await student.evaluate(() => window.__board.strokeIds().length);
      await student.evaluate(() => window.__classroom.centrifuge.connect());
      await boardsAgree(3, ['sseStudent']);
      const events = await student.evaluate((start) => window.__classroom.events.slice(start)
        .filter((event) => event.type === 'subscribed' || event.type === 'connected' || event.type === 'gap'), from);
      await student.screenshot({ path: join(screenshotDir, 'fallback-sse-student.png') });
      return { strokesWhileAway, events, transport: await student.evaluate(() => window.__classroom.transport()) };
    });
  } finally {
    await browser.close();
  }

  return { steps, pageErrors };
});
