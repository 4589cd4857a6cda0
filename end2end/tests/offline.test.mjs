// Offline and installable: after one visit the app opens and edits its maps with no network
// (the server stopped and the browser offline), sharing says it needs the network and works
// again once back, and a new build deployed while the page is open is announced and, after a
// reload, in use, with the maps untouched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, launchBrowser, openPage, addCard, card, axeViolations, setTitle } from '../support.mjs';

const root = resolve(import.meta.dirname, '../..');
const place = mkdtempSync(join(tmpdir(), 'traseu-offline-'));
// A copy of the build, so the test can deploy a "next build" over it.
const dist = join(place, 'dist');
const dataDir = join(place, 'data');
cpSync(join(root, 'dist'), dist, { recursive: true });
mkdirSync(dataDir);
after(() => rmSync(place, { recursive: true, force: true }));

const UPDATE = 'A new version of Traseu is ready — reload to use it.';

async function shareStatus(page, text) {
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  if (!(await dialog.isVisible())) {
    await page.getByRole('button', { name: 'Share', exact: true }).click();
  }
  await dialog.getByRole('button', { name: 'Create link' }).click();
  await dialog.getByRole('status').getByText(text).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/**
 * Deploys a next build over the copy: the stylesheet gets a new hashed name (and a changed
 * body, its integrity updated) and the post_build hooks run again, as Trunk would run it.
 */
function deployNextBuild() {
  const oldName = readdirSync(dist).find((f) => /^main-[0-9a-f]{16}\.css$/.test(f));
  const oldCss = readFileSync(join(dist, oldName), 'utf8');
  const css = `${oldCss}\n/* the next build */\n`;
  const newName = `main-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
  writeFileSync(join(dist, newName), css);
  rmSync(join(dist, oldName));
  const index = readFileSync(join(dist, 'index.html'), 'utf8')
    .replace(oldName, newName)
    // By value: the release build's index.html is minified, its attributes unquoted.
    .replace(sri(oldCss), sri(css));
  writeFileSync(join(dist, 'index.html'), index);
  execFileSync('node', [join(root, 'scripts/precache.mjs'), dist]);
  execFileSync('node', [join(root, 'scripts/precompress.mjs'), dist]);
  return newName;
}

const build = (page) => page.evaluate(() => document.querySelector('meta[name="traseu-build"]').content);
const stylesheet = (page) => page.evaluate(() => new URL(document.querySelector('link[rel="stylesheet"]').href).pathname);

test('after one visit the app and its maps work offline, and a new build is announced and picked up', async () => {
  let server = await startServer({ dist, dataDir });
  const port = Number(new URL(server.url).port);
  const browser = await launchBrowser();
  try {
    const { context, page, problems } = await openPage(browser, server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
    // Someone else, in Romanian, with the first build open the whole time.
    const ro = await openPage(browser, server.url, { locale: 'ro-RO' });
    await ro.page.evaluate(() => navigator.serviceWorker.ready);

    await setTitle(page, 'Train journey');
    await addCard(page, 'Touchpoints', 'Awareness', 'Radio spot');

    // No network at all: the server is gone as well as the browser's connection.
    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('table').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Train journey');
    await card(page, 'Radio spot').waitFor();
    await addCard(page, 'Touchpoints', 'Awareness', 'Timetable poster');
    await shareStatus(page, 'This device is offline, and sharing needs the network.');

    server = await startServer({ dist, dataDir, port });
    await context.setOffline(false);
    await shareStatus(page, 'Link created.');

    const firstBuild = await build(page);
    const newStylesheet = deployNextBuild();
    assert.equal(await page.getByText(UPDATE).count(), 0);
    // What the browser does on every visit, and register.js when the network comes back.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByRole('status').filter({ hasText: UPDATE }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await ro.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await ro.page.getByRole('status')
      .filter({ hasText: 'O versiune nouă a Traseu este gata — reîncărcați pagina pentru a o folosi.' })
      .getByRole('button', { name: 'Reîncărcați' }).waitFor();
    await ro.context.close();

    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await page.waitForURL(server.url);
    await page.getByRole('table').waitFor();
    assert.equal(await stylesheet(page), `/${newStylesheet}`);
    const nextBuild = await build(page);
    assert.notEqual(nextBuild, firstBuild);
    // The worker keeps this build's files only.
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`traseu-${nextBuild}`]);
    assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Train journey');
    await card(page, 'Radio spot').waitFor();
    await card(page, 'Timetable poster').waitFor();
    assert.equal(await page.getByText(UPDATE).count(), 0);

    // Failed requests while offline are the point; the browser logs them itself.
    assert.deepEqual([...problems, ...ro.problems].filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
