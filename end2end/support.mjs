// Shared by every browser test: the real server on loopback with its own SQLite file, and
// Debian's Chromium, launched with the closed-network flags. Nothing is downloaded.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const root = resolve(import.meta.dirname, '..');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * Starts the server binary on `port` (a free one unless given), serving the front end in
 * `dist` (this checkout's `dist/` unless given); resolves once it prints its URL.
 */
export async function startServer({ dataDir, args = [], dist = join(root, 'dist'), port = 0 } = {}) {
  const bin = process.env.TRASEU_SERVER_BIN ?? join(root, 'target/debug/server');
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'traseu-e2e-'));
  const child = spawn(bin, ['--port', String(port), '--dist', dist,
    '--database-url', `sqlite://${join(dir, 'traseu.db')}`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 30_000);
    const read = (chunk) => {
      log += chunk;
      const m = log.match(/running at (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (c) => { log += c; });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}):\n${log}`)); });
  });
  return {
    url,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh page in its own context (own storage), collecting console errors and CSP violations
 * so a test can assert there were none.
 */
export async function openPage(browser, url, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(url);
  await page.getByRole('table').waitFor();
  return { context, page, problems, response };
}

export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×)`);
}

/** Adds a card through the interface and waits until it is on the board. */
export async function addCard(page, lane, stage, text) {
  await page.getByRole('button', { name: `Add card in ${lane}, ${stage}` }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill(text);
  await editor.press('Control+Enter');
  await card(page, text).waitFor();
}

/** The face of the card whose text is `text`. */
export function card(page, text) {
  return page.getByRole('button', { name: `Edit card: ${text}`, exact: true });
}

/**
 * Points at the card that says `text`: a card's tools (Details, Colour and tags, Move to…) are
 * drawn only on the card under a hovering pointer or holding focus.
 */
export async function showTools(page, text) {
  const said = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('li[data-card-id]').filter({ has: page.locator('.card-text', { hasText: said }) }).hover();
}

/** Where a card is, as a person reads it: stage column, lane row, position from 1. */
export async function placeOf(page, text) {
  return card(page, text).evaluate((el) => {
    const li = el.closest('li');
    const td = el.closest('td');
    const table = td.closest('table');
    const stage = table.querySelectorAll('thead th')[td.cellIndex - 1].querySelector('input').value;
    const lane = td.parentElement.querySelector('th input').value;
    const index = [...li.parentElement.children].indexOf(li) + 1;
    return { stage, lane, index };
  });
}

export function cellLocator(page, lane, stage) {
  return page.getByRole('button', { name: `Add card in ${lane}, ${stage}` }).locator('xpath=ancestor::td[1]');
}

export async function liveText(page) {
  const region = page.getByTestId('live-region');
  await page.waitForFunction(() => document.querySelector('[data-testid=live-region]').textContent !== '');
  return (await region.textContent()).trim();
}

/** The middle of an element, in page pixels. */
export async function center(locator) {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A fresh page with a touch screen, and `swipe(from, to)`: one finger pressed at `from`, moved
 * to `to` in 12 CDP touch events, lifted; it resolves to the pointer type the page saw move.
 * `device` adds context options, such as a phone's `viewport` and `isMobile`.
 */
export async function openTouchPage(browser, url, { locale = 'en-US', ...device } = {}) {
  const context = await browser.newContext({ hasTouch: true, locale, ...device });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('table').waitFor();
  const cdp = await context.newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
  });
  async function swipe(a, b, steps = 12) {
    await page.evaluate(() => {
      window.firstPointerType = new Promise((ok) => document.addEventListener(
        'pointermove', (e) => ok(e.pointerType), { once: true }));
    });
    await touch('touchStart', a.x, a.y);
    for (let i = 1; i <= steps; i++) {
      await touch('touchMove', a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
    }
    await touch('touchEnd');
    return page.evaluate(() => window.firstPointerType);
  }
  return { context, page, swipe };
}

/** The stage names as the column headers show them. */
export function stageNames(page) {
  return page.getByRole('textbox', { name: /^(Stage name|Numele etapei)$/ }).evaluateAll((els) => els.map((e) => e.value));
}

/** The lane names as the row headers show them. */
export function laneNames(page) {
  return page.getByRole('textbox', { name: /^(Lane name|Numele culoarului)$/ }).evaluateAll((els) => els.map((e) => e.value));
}

/**
 * For a test file: one real server and one browser, started before its tests and stopped after.
 * The returned object's `server` and `browser` are set once `before` has run.
 */
export function useServerAndBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Renames the open map through its title field. */
export async function setTitle(page, title) {
  const input = page.getByRole('textbox', { name: 'Map title' });
  await input.fill(title);
  await input.press('Enter');
}

/** Opens the map library and returns its dialog. */
export async function openLibrary(page) {
  await page.getByRole('button', { name: 'Maps', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your maps' });
  await dialog.waitFor();
  return dialog;
}

/** Opens the persona panel (its button and title are `name`) and returns its dialog. */
export async function openPersonaPanel(page, name = 'Personas') {
  await page.getByRole('button', { name, exact: true }).click();
  const panel = page.getByRole('dialog', { name });
  await panel.waitFor();
  return panel;
}

/** The profile card of the persona called `name` in the persona panel. */
export function profileCard(panel, name) {
  return panel.getByRole('article', { name, exact: true });
}
