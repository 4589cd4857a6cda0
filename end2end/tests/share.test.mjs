// Sharing by link: the owner shares, viewers open the link read-only, the owner updates and
// stops sharing; wrong links, stale updates, a refused upload and a dead server each say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  useServerAndBrowser, startServer, openPage, addCard, card, axeViolations, setTitle, openLibrary,
} from '../support.mjs';

const env = useServerAndBrowser();

async function shareDialog(page) {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  await dialog.waitFor();
  return dialog;
}

async function status(dialog, text) {
  await dialog.getByRole('status').getByText(text).waitFor();
}

/** Shares the open map and returns its link. */
async function share(page) {
  const dialog = await shareDialog(page);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  await status(dialog, 'Link created.');
  const link = await dialog.getByRole('textbox', { name: 'Link for viewers' }).inputValue();
  return { dialog, link };
}

/** Opens `url` in a context of its own (its own storage), as someone else would. */
async function visit(browser, url, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // A refused API call is the point of some tests; the browser logs its status itself.
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(msg.text());
  });
  await page.goto(url);
  return { context, page, problems };
}

/** Every byte the server keeps on disk: the SQLite file and its write-ahead log. */
function storedBytes(dir) {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

test('owner shares; a viewer sees the map read-only and makes a copy; the server cannot read it', async () => {
  const owner = await openPage(env.browser, env.server.url);
  await owner.page.getByRole('textbox', { name: 'Map title' }).fill('Launch plan Zephyr');
  await owner.page.getByRole('textbox', { name: 'Map title' }).press('Enter');
  await addCard(owner.page, 'Touchpoints', 'Awareness', 'Pricing page for Zephyr');
  const { dialog, link } = await share(owner.page);
  assert.match(link, /\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(await axeViolations(owner.page), []);

  await owner.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await status(dialog, 'Link copied.');
  assert.equal(await owner.page.evaluate(() => navigator.clipboard.readText()), link);

  // The server holds the ciphertext, and neither the map's text nor the key.
  const id = link.split('/s/')[1].split('#')[0];
  const key = link.split('#')[1];
  const { ciphertext } = await (await fetch(`${env.server.url}/api/maps/${id}`)).json();
  const disk = storedBytes(env.server.dir);
  assert.ok(disk.includes(Buffer.from(ciphertext, 'base64url')), 'the ciphertext is what is stored');
  for (const secret of ['Pricing page for Zephyr', 'Launch plan Zephyr', 'Zephyr', key]) {
    assert.ok(!disk.includes(Buffer.from(secret)), `the server's files do not contain “${secret}”`);
  }

  const viewer = await visit(env.browser, link);
  await viewer.page.getByText('Shared map, read-only').waitFor();
  const board = viewer.page.getByRole('table', { name: 'Launch plan Zephyr' });
  await board.getByText('Pricing page for Zephyr').waitFor();
  assert.equal(await board.locator('button, input, textarea, select, [tabindex]').count(), 0,
    'nothing on the shared board can be edited');
  assert.deepEqual(await axeViolations(viewer.page), []);

  await viewer.page.getByRole('button', { name: 'Make a copy' }).click();
  await card(viewer.page, 'Pricing page for Zephyr').waitFor();
  assert.equal(new URL(viewer.page.url()).pathname, '/');
  assert.equal(await viewer.page.getByRole('textbox', { name: 'Map title' }).inputValue(),
    'Launch plan Zephyr (copy)');
  await viewer.page.reload();
  await card(viewer.page, 'Pricing page for Zephyr').waitFor();

  assert.deepEqual([...owner.problems, ...viewer.problems], []);
  await owner.context.close();
  await viewer.context.close();
});

test('owner updates: the viewer reloads and sees it; owner stops sharing: the viewer sees "removed"', async () => {
  const owner = await openPage(env.browser, env.server.url);
  await addCard(owner.page, 'Pain points', 'Onboarding', 'Too many fields');
  const { dialog, link } = await share(owner.page);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const viewer = await visit(env.browser, link);
  await viewer.page.getByText('Too many fields').waitFor();

  await addCard(owner.page, 'Opportunities', 'Onboarding', 'Prefill from sign-up');
  // The link and token survive a reload of the owner's page.
  await owner.page.reload();
  await card(owner.page, 'Prefill from sign-up').waitFor();
  const again = await shareDialog(owner.page);
  assert.equal(await again.getByRole('textbox', { name: 'Link for viewers' }).inputValue(), link);
  await again.getByRole('button', { name: 'Update shared version' }).click();
  await status(again, 'The shared version now matches your map.');
  await again.getByText('Shared version 2.').waitFor();

  await viewer.page.reload();
  await viewer.page.getByText('Prefill from sign-up').waitFor();

  await again.getByRole('button', { name: 'Stop sharing' }).click();
  await status(again, 'Sharing stopped. The link no longer opens the map.');
  await again.getByRole('button', { name: 'Create link' }).waitFor();
  await card(owner.page, 'Prefill from sign-up').waitFor();

  await viewer.page.reload();
  await viewer.page.getByText('The owner stopped sharing this map.').waitFor();
  assert.equal(await viewer.page.getByText('Prefill from sign-up').count(), 0);
  assert.deepEqual(await axeViolations(viewer.page), []);
  await owner.context.close();
  await viewer.context.close();
});

test('a wrong key, a missing key and an unknown id each get their own message, in the reader\'s language', async () => {
  const owner = await openPage(env.browser, env.server.url);
  const { link } = await share(owner.page);
  const [base, key] = link.split('#');
  const wrongKey = `${base}#${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`;
  const cases = [
    [wrongKey, 'This link’s key does not open the map.'],
    [base, 'This link’s key is missing or incomplete'],
    [`${link}x`, 'This link’s key is missing or incomplete'],
    [`${env.server.url}/s/AAAAAAAAAAAAAAAAAAAAAA#${key}`, 'There is no shared map at this link.'],
    [`${env.server.url}/s/not-an-id#${key}`, 'There is no shared map at this link.'],
  ];
  for (const [url, message] of cases) {
    const viewer = await visit(env.browser, url);
    const alert = viewer.page.getByRole('alert').filter({ hasText: 'This shared map cannot be shown' });
    await alert.getByText(message).waitFor();
    assert.equal(await viewer.page.getByRole('table').count(), 0);
    assert.deepEqual(viewer.problems, []);
    await viewer.context.close();
  }
  // A link pasted at the end of a sentence keeps the sentence's full stop or bracket: it opens.
  for (const ending of ['.', ')', ',']) {
    const viewer = await visit(env.browser, `${link}${ending}`);
    await viewer.page.getByRole('table').waitFor();
    assert.deepEqual(viewer.problems, []);
    await viewer.context.close();
  }
  const romanian = await visit(env.browser, wrongKey, { locale: 'ro-RO' });
  await romanian.page.getByText('Cheia din link nu deschide harta.').waitFor();
  await romanian.context.close();
  await owner.context.close();
});

test('a stale update is refused: the owner loads the shared version or overwrites it', async () => {
  const laptop = await openPage(env.browser, env.server.url);
  await addCard(laptop.page, 'Touchpoints', 'Adoption', 'Checkout form');
  const { dialog, link } = await share(laptop.page);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The same person on a second browser, holding the same map and edit token.
  const storage = await laptop.context.storageState();
  const desk = await env.browser.newContext({ storageState: storage });
  const deskPage = await desk.newPage();
  await deskPage.goto(env.server.url);
  await addCard(deskPage, 'Pain points', 'Adoption', 'Card declined');
  const deskDialog = await shareDialog(deskPage);
  await deskDialog.getByRole('button', { name: 'Update shared version' }).click();
  await status(deskDialog, 'The shared version now matches your map.');
  await deskDialog.getByRole('button', { name: 'Close' }).click();

  await addCard(laptop.page, 'Opportunities', 'Adoption', 'Apple Pay');
  const stale = await shareDialog(laptop.page);
  await stale.getByRole('button', { name: 'Update shared version' }).click();
  await status(stale, 'Someone changed the shared map since you last updated it.');
  assert.deepEqual(await axeViolations(laptop.page), []);

  await stale.getByRole('button', { name: 'Load the shared version' }).click();
  await status(stale, 'The shared version is open. Undo brings back yours.');
  await stale.getByRole('button', { name: 'Close' }).click();
  await card(laptop.page, 'Card declined').waitFor();
  assert.equal(await card(laptop.page, 'Apple Pay').count(), 0);
  await laptop.page.getByRole('button', { name: 'Undo' }).click();
  await card(laptop.page, 'Apple Pay').waitFor();

  // The desk uploads again; this time the laptop overwrites.
  await addCard(deskPage, 'Pain points', 'Adoption', 'Slow 3-D Secure');
  const deskAgain = await shareDialog(deskPage);
  await deskAgain.getByRole('button', { name: 'Update shared version' }).click();
  await deskAgain.getByText('Shared version 3.').waitFor();
  const second = await shareDialog(laptop.page);
  await second.getByRole('button', { name: 'Update shared version' }).click();
  await status(second, 'Someone changed the shared map');
  await second.getByRole('button', { name: 'Overwrite it with mine' }).click();
  await status(second, 'The shared version now matches your map.');
  await second.getByText('Shared version 4.').waitFor();

  const viewer = await visit(env.browser, link);
  await viewer.page.getByText('Apple Pay').waitFor();
  assert.equal(await viewer.page.getByText('Slow 3-D Secure').count(), 0);
  await viewer.context.close();
  await desk.close();
  await laptop.context.close();
});

test('the hourly limit on new shares and a full server each say what to do, and the map stays', async () => {
  const limited = await startServer({ args: ['--create-quota', '1'] });
  try {
    const { context, page } = await openPage(env.browser, limited.url);
    await addCard(page, 'Touchpoints', 'Awareness', 'First share');
    const first = await share(page);
    await first.dialog.getByRole('button', { name: 'Close' }).click();
    const library = await openLibrary(page);
    await library.getByRole('button', { name: 'New map' }).click();
    await addCard(page, 'Touchpoints', 'Awareness', 'Second share');
    const dialog = await shareDialog(page);
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await status(dialog, 'Try again in about 60 minutes; nothing was lost.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await card(page, 'Second share').waitFor();
    await context.close();
  } finally {
    await limited.stop();
  }
  const full = await startServer({ args: ['--storage-cap', '200'] });
  try {
    const { context, page } = await openPage(env.browser, full.url, { locale: 'ro-RO' });
    await page.getByRole('button', { name: 'Distribuie', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Distribuie această hartă' });
    await dialog.getByRole('button', { name: 'Creează link' }).click();
    await dialog.getByRole('status').getByText('Serverul nu mai are loc pentru alte hărți partajate.').waitFor();
    await context.close();
  } finally {
    await full.stop();
  }
});

test('a map over the body limit and a dead server each say so, and the map stays', async () => {
  const small = await startServer({ args: ['--body-limit', '300'] });
  try {
    const { context, page } = await openPage(env.browser, small.url);
    await addCard(page, 'Touchpoints', 'Awareness', 'Billboard');
    const dialog = await shareDialog(page);
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await status(dialog, 'This map is too large for the server to accept.');
    await dialog.getByRole('button', { name: 'Create link' }).waitFor();
    await context.close();
  } finally {
    await small.stop();
  }

  const doomed = await startServer();
  const { context, page } = await openPage(env.browser, doomed.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Radio spot');
  await share(page);
  await doomed.stop();
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  await dialog.getByRole('button', { name: 'Update shared version' }).click();
  await status(dialog, 'Could not reach the Traseu server.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await card(page, 'Radio spot').waitFor();
  // The link and token are kept for when the server is back.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const shares = await page.evaluate(() => JSON.parse(localStorage.getItem('traseu.shares')));
  assert.equal(Object.keys(shares).length, 1);
  await context.close();
});

/** The stored id of the map titled `title`. */
function idOf(page, title) {
  return page.evaluate((t) => JSON.parse(localStorage.getItem('traseu.maps')).find((e) => e.title === t).id, title);
}

function shares(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('traseu.shares') ?? '{}'));
}

/**
 * Holds the requests to `url` until `release()` is called; `arrived` resolves once the first
 * one was sent. The answer then comes from the real server.
 */
async function holdRequests(page, url) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  let asked;
  const arrived = new Promise((ok) => { asked = ok; });
  await page.route(url, async (route) => {
    asked();
    await held;
    await route.continue();
  });
  return { arrived, release };
}

test('switching maps while a share request runs: the link belongs to the map that was shared', async () => {
  const owner = await openPage(env.browser, env.server.url);
  const { page } = owner;
  await setTitle(page, 'First map');
  await addCard(page, 'Touchpoints', 'Awareness', 'Only in first');
  await (await openLibrary(page)).getByRole('button', { name: 'New map' }).click();
  await setTitle(page, 'Second map');
  await addCard(page, 'Touchpoints', 'Awareness', 'Only in second');

  // The server's answer to the upload waits until the test lets it through.
  const { arrived, release } = await holdRequests(page, '**/api/maps');
  const dialog = await shareDialog(page);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  await arrived;
  await status(dialog, 'Working with the server…');
  assert.equal(await dialog.getAttribute('aria-busy'), 'true');
  assert.ok(await dialog.getByRole('button', { name: 'Create link' }).isDisabled());
  assert.deepEqual(await axeViolations(page), []);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await (await openLibrary(page)).getByRole('button', { name: /^First map changed/ }).click();
  await card(page, 'Only in first').waitFor();
  release();
  await page.waitForFunction(() => Object.keys(JSON.parse(localStorage.getItem('traseu.shares') ?? '{}')).length === 1);
  await page.unroute('**/api/maps');

  const [first, second] = [await idOf(page, 'First map'), await idOf(page, 'Second map')];
  assert.deepEqual(Object.keys(await shares(page)), [second]);
  const firstDialog = await shareDialog(page);
  await firstDialog.getByRole('button', { name: 'Create link' }).waitFor();
  assert.equal(await firstDialog.getByRole('textbox', { name: 'Link for viewers' }).count(), 0);
  await firstDialog.getByRole('button', { name: 'Close' }).click();
  assert.ok(first !== second);

  const library = await openLibrary(page);
  const row = (name) => library.getByRole('listitem').filter({ hasText: name });
  await row('Second map').getByText('Shared', { exact: true }).waitFor();
  assert.equal(await row('First map').getByText('Shared', { exact: true }).count(), 0);
  await library.getByRole('button', { name: /^Second map\W+Shared\W+changed/ }).click();
  await card(page, 'Only in second').waitFor();
  const secondDialog = await shareDialog(page);
  const link = await secondDialog.getByRole('textbox', { name: 'Link for viewers' }).inputValue();
  assert.equal(link.split('/s/')[1].split('#')[0], (await shares(page))[second].id);

  const viewer = await visit(env.browser, link);
  await viewer.page.getByText('Only in second').waitFor();
  assert.equal(await viewer.page.getByText('Only in first').count(), 0);
  assert.equal(await viewer.page.getByRole('heading', { name: 'Second map' }).count(), 1);
  assert.deepEqual([...owner.problems, ...viewer.problems], []);
  await viewer.context.close();
  await owner.context.close();
});

test('deleting a shared map asks, stops sharing (kept when the server is away), and the link then says so', async () => {
  const owner = await openPage(env.browser, env.server.url);
  const { page } = owner;
  await setTitle(page, 'Doomed map');
  await addCard(page, 'Touchpoints', 'Awareness', 'Soon gone');
  const { dialog, link } = await share(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await (await openLibrary(page)).getByRole('button', { name: 'New map' }).click();
  await setTitle(page, 'Survivor');

  const library = await openLibrary(page);
  const row = (name) => library.getByRole('listitem').filter({ hasText: name });
  await row('Doomed map').getByText('Shared', { exact: true }).waitFor();
  assert.equal(await row('Survivor').getByText('Shared', { exact: true }).count(), 0);

  // First the server cannot be reached: nothing is deleted, and the record is kept.
  await page.route('**/api/maps/*', (route) => route.abort());
  await library.getByRole('button', { name: 'Delete “Doomed map”', exact: true }).click();
  await library.getByText('“Doomed map” is shared by link. Deleting it also stops sharing it').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await library.getByRole('button', { name: 'Stop sharing and delete' }).click();
  await library.getByText('Sharing of “Doomed map” could not be stopped, so the map was not deleted').waitFor();
  await library.getByText('Could not reach the Traseu server.').waitFor();
  assert.equal(Object.keys(await shares(page)).length, 1);
  await row('Doomed map').waitFor();
  await page.unroute('**/api/maps/*');

  await library.getByRole('button', { name: 'Stop sharing and delete' }).click();
  await library.getByText('Map “Doomed map” deleted.').waitFor();
  assert.equal(await row('Doomed map').count(), 0);
  assert.deepEqual(await shares(page), {});

  const viewer = await visit(env.browser, link);
  await viewer.page.getByText('The owner stopped sharing this map.').waitFor();
  await viewer.context.close();
  await owner.context.close();
});

test('a shared version that arrives after a map switch is loaded into neither map, and the person is told', async () => {
  const laptop = await openPage(env.browser, env.server.url);
  const { page } = laptop;
  await setTitle(page, 'Pricing journey');
  await addCard(page, 'Touchpoints', 'Adoption', 'Laptop card');
  const { dialog } = await share(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The same person on a second browser, holding the same token, updates the shared map.
  const desk = await env.browser.newContext({ storageState: await laptop.context.storageState() });
  const deskPage = await desk.newPage();
  await deskPage.goto(env.server.url);
  await addCard(deskPage, 'Pain points', 'Adoption', 'Desk card');
  const deskDialog = await shareDialog(deskPage);
  await deskDialog.getByRole('button', { name: 'Update shared version' }).click();
  await status(deskDialog, 'The shared version now matches your map.');
  await desk.close();

  await addCard(page, 'Opportunities', 'Adoption', 'Laptop change');
  const stale = await shareDialog(page);
  await stale.getByRole('button', { name: 'Update shared version' }).click();
  await status(stale, 'Someone changed the shared map');
  const { arrived, release } = await holdRequests(page, '**/api/maps/*');
  await stale.getByRole('button', { name: 'Load the shared version' }).click();
  await arrived;
  await status(stale, 'Working with the server…');
  assert.ok(await stale.getByRole('button', { name: 'Overwrite it with mine' }).isDisabled());
  await stale.getByRole('button', { name: 'Close' }).click();
  await (await openLibrary(page)).getByRole('button', { name: 'New map' }).click();
  await setTitle(page, 'Other map');
  release();

  await page.getByRole('alert').getByText('Another map was opened while the shared version was on its way').waitFor();
  await page.unroute('**/api/maps/*');
  assert.equal(await card(page, 'Desk card').count(), 0);
  const id = await idOf(page, 'Pricing journey');
  const stored = await page.evaluate((i) => localStorage.getItem(`traseu.map.${i}`), id);
  assert.match(stored, /Laptop change/);
  assert.doesNotMatch(stored, /Desk card/);
  assert.equal((await shares(page))[id].version, 1, 'the version it was not loaded into stays');
  await laptop.context.close();
});
