import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Debian's Chromium, driven by playwright-core (which downloads no browser of its own). Playwright gives every
// launch a fresh temporary profile (user-data dir) and every context its own cookies and storage.

/** Where Chromium is: CHROMIUM_PATH, or Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is not installed at ${executablePath} (Debian: apt-get install chromium; or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * Polls `predicate(arg)` inside the page until it returns a truthy value, which is returned; on timeout the error
 * names `what` and the last value `describe(arg)` gave in the page (when given), so a failure says what was seen.
 */
export async function waitInPage(page, what, predicate, arg, { timeout = 20_000, describe } = {}) {
  try {
    const handle = await page.waitForFunction(predicate, arg, { timeout, polling: 100 });
    return await handle.jsonValue();
  } catch (error) {
    let seen = '';
    if (describe) {
      seen = await page.evaluate(describe, arg).then((value) => ` — last seen: ${JSON.stringify(value)}`, () => '');
    }
    throw new Error(`${what}: ${error.message.split('\n')[0]}${seen}`);
  }
}
