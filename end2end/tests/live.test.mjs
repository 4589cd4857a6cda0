// Issue 13: working on one map together, live. Three people open the edit link and change
// the map at once; everyone ends with the same map, sees who is there and what each edits;
// one works offline and merges on return; the server restarts mid-session and nothing is
// lost; a view link watches but cannot change anything; replacing the edit link ends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, launchBrowser, openPage, addCard, card, axeViolations, setTitle,
} from '../support.mjs';

const env = { server: undefined, browser: undefined, dir: undefined, port: undefined };
before(async () => {
  env.dir = mkdtempSync(join(tmpdir(), 'traseu-live-'));
  env.server = await startServer({ dataDir: env.dir });
  env.port = Number(new URL(env.server.url).port);
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
  rmSync(env.dir, { recursive: true, force: true });
});

/** Opens `url` in a context of its own, as another person would, collecting page errors. */
async function visit(url) {
  const context = await env.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // A socket refused while the server is down or the network is off is the point here.
    if (msg.type() === 'error' && !/WebSocket|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(msg.text())) {
      problems.push(msg.text());
    }
  });
  await page.goto(url);
  return { context, page, problems };
}

const liveBar = (page) => page.getByRole('region', { name: 'People here' });
const status = (page, text) => liveBar(page).getByRole('status').getByText(text, { exact: true }).waitFor();

/**
 * Puts the readers the tests compare pages by into `page`: `board()`, everything the board
 * shows in order (stage names, each cell's cards, the scores), and `stored(id)`, the map this
 * browser stored, as its file-format JSON's map (null for none).
 */
function install(page) {
  return page.evaluate(() => {
    globalThis.traseuRead = {
      board() {
        const table = document.querySelector('table');
        const stages = [...table.querySelectorAll('thead th input')].map((i) => i.value);
        const cells = [...table.querySelectorAll('td[data-stage][data-lane]')].map((td) => {
          const cards = [...td.querySelectorAll('[data-card-id] > .card > .card-text')].map((c) => c.textContent.trim());
          return `${td.dataset.stage}/${td.dataset.lane}: ${cards.join(' | ')}`;
        });
        const scores = [...document.querySelectorAll('[role=slider]')]
          .map((s) => `${s.getAttribute('aria-label')}=${s.getAttribute('aria-valuenow')}`);
        return { stages, cells, scores };
      },
      stored(id) {
        return JSON.parse(localStorage.getItem(`traseu.map.${id}`))?.map ?? null;
      },
    };
  });
}

async function read(page, reader, arg) {
  await install(page);
  return page.evaluate(([r, a]) => globalThis.traseuRead[r](a), [reader, arg]);
}

const boardOf = (page) => read(page, 'board');

/**
 * Waits until every page's reading is the first page's, and `fits` takes it; returns it, or
 * undefined if the pages did not agree. Each other page is waited on for the first page's
 * value, then the first page is read again, in case it moved on meanwhile.
 */
async function agreed(pages, reader, arg, fits = () => true) {
  const waited = (page, value, equal) => page.waitForFunction(
    ([r, a, v, e]) => (JSON.stringify(globalThis.traseuRead[r](a)) === v) === e,
    [reader, arg, value, equal], { timeout: 5000 },
  ).then(() => true, () => false);
  for (let round = 0; round < 10; round++) {
    await Promise.all(pages.map(install));
    const first = JSON.stringify(await read(pages[0], reader, arg));
    if (!fits(JSON.parse(first))) {
      await waited(pages[0], first, false);
      continue;
    }
    const caught = await Promise.all(pages.slice(1).map((page) => waited(page, first, true)));
    if (caught.every(Boolean) && JSON.stringify(await read(pages[0], reader, arg)) === first) return JSON.parse(first);
  }
  return undefined;
}

/**
 * Waits until every page has stored the same map, and the one `board` shows: saving waits
 * for a pause in changes, so a busy moment can leave every page with the same older copy.
 */
async function storedEqual(pages, id, board) {
  const cards = board.cells.flatMap((c) => c.split(': ')[1].split(' | ').filter(Boolean)).length;
  const shown = (map) => map !== null && JSON.stringify(map.stages.map((s) => s.name)) === JSON.stringify(board.stages)
    && map.cards.length === cards;
  const same = await agreed(pages, 'stored', id, shown);
  if (same !== undefined) return same;
  const stored = await Promise.all(pages.map((p) => read(p, 'stored', id)));
  assert.deepEqual(stored[0].stages.map((s) => s.name), board.stages, 'the stored map is the one shown');
  assert.deepEqual(stored[1], stored[0], 'the stored maps are equal');
  assert.deepEqual(stored[2], stored[0], 'the stored maps are equal');
  return stored[0];
}

const score = (board, stage) => board.scores.find((s) => s.startsWith(stage))?.split('=')[1];

/** Waits until every page shows the same board, and returns it. */
async function converged(pages, what = 'the boards') {
  const same = await agreed(pages, 'board');
  if (same !== undefined) return same;
  const boards = await Promise.all(pages.map(boardOf));
  assert.deepEqual(boards[1], boards[0], `${what} converge`);
  assert.deepEqual(boards[2], boards[0], `${what} converge`);
  return boards[0];
}

async function moveByKeys(page, text, keys) {
  await card(page, text).focus();
  await page.keyboard.press('Space');
  for (const key of keys) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
}

async function editText(page, text, next) {
  await card(page, text).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill(next);
  await editor.press('Control+Enter');
}

test('three people edit one map live, offline and through a server restart, and end equal', async () => {
  // The owner shares the map and makes an edit link beside the view link.
  const owner = await openPage(env.browser, env.server.url);
  await setTitle(owner.page, 'Workshop map');
  await addCard(owner.page, 'Touchpoints', 'Awareness', 'Pricing page');
  await addCard(owner.page, 'Touchpoints', 'Consideration', 'Demo video');
  await addCard(owner.page, 'Pain points', 'Awareness', 'Slow signup');
  await owner.page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = owner.page.getByRole('dialog', { name: 'Share this map' });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  await dialog.getByRole('status').getByText('Link created.').waitFor();
  const viewLink = await dialog.getByRole('textbox', { name: 'Link for viewers' }).inputValue();
  await dialog.getByRole('button', { name: 'Create an edit link' }).click();
  await dialog.getByRole('status').getByText('The edit link is ready: whoever opens it edits live.').waitFor();
  const editLink = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  assert.equal(editLink.split('#')[0], viewLink.split('#')[0]);
  assert.match(editLink, /#[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(await axeViolations(owner.page), [], 'the share dialog is accessible');
  const mapId = await owner.page.evaluate(() => JSON.parse(localStorage.getItem('traseu.ui')).current);

  // Three people open the edit link and say who they are.
  const people = [];
  for (const name of ['Ana', 'Bogdan', 'Carmen']) {
    const person = await visit(editLink);
    await status(person.page, 'Live');
    await person.page.getByRole('table', { name: 'Journey map board' }).waitFor();
    const field = liveBar(person.page).getByRole('textbox', { name: 'Your name' });
    await field.fill(name);
    await field.press('Enter');
    people.push(person);
  }
  const [ana, bogdan, carmen] = people;
  const pages = people.map((p) => p.page);
  for (const [page, others] of [[ana.page, ['Bogdan', 'Carmen']], [carmen.page, ['Ana', 'Bogdan']]]) {
    for (const other of others) await liveBar(page).getByRole('listitem').getByText(other, { exact: true }).waitFor();
  }
  await liveBar(bogdan.page).getByText('Bogdan (you)').waitFor();
  assert.deepEqual(await axeViolations(ana.page), [], 'the page with the presence bar is accessible');

  // What Ana edits is outlined in her colour, with her name, on the others' boards.
  await card(ana.page, 'Slow signup').focus();
  const slowSignup = bogdan.page.locator('[data-card-id] > .card', { hasText: 'Slow signup' });
  await bogdan.page.waitForFunction(() => [...document.querySelectorAll('[data-card-id] > .card')]
    .some((c) => c.textContent.includes('Slow signup') && getComputedStyle(c).outlineStyle === 'solid'));
  assert.equal(await slowSignup.evaluate((c) => getComputedStyle(c, '::after').content), '"Ana"');

  // Everyone at once: the same card moved two ways, another card moved, a text edited, a
  // score set, a stage renamed and another reordered.
  await Promise.all([
    moveByKeys(ana.page, 'Pricing page', ['ArrowRight']),
    moveByKeys(bogdan.page, 'Pricing page', ['ArrowDown']),
    moveByKeys(carmen.page, 'Demo video', ['ArrowRight']),
  ]);
  await Promise.all([
    editText(ana.page, 'Slow signup', 'Slow signup form'),
    (async () => {
      await bogdan.page.getByRole('slider', { name: 'Awareness' }).focus();
      await bogdan.page.keyboard.press('ArrowUp');
      await bogdan.page.keyboard.press('ArrowUp');
    })(),
    (async () => {
      const stage = carmen.page.getByRole('textbox', { name: 'Stage name' }).nth(2);
      await stage.fill('Trial');
      await stage.press('Enter');
    })(),
  ]);
  await Promise.all([
    (async () => {
      await ana.page.getByRole('textbox', { name: 'Stage name' }).nth(1).focus();
      await ana.page.keyboard.press('Alt+ArrowLeft');
    })(),
    moveByKeys(carmen.page, 'Pricing page', ['ArrowLeft']),
  ]);
  const board = await converged(pages);
  assert.equal(board.stages[0], 'Consideration', 'the reorder holds');
  assert.equal(board.stages[2], 'Trial', 'the rename holds');
  assert.equal(score(board, 'Awareness'), '2', 'the score holds');
  assert.equal(board.cells.filter((c) => c.includes('Pricing page')).length, 1, 'the card is in one place');
  assert.equal(board.cells.filter((c) => c.includes('Slow signup form')).length, 1);
  const stored = await storedEqual(pages, mapId, board);
  assert.equal(stored.stages[2].name, 'Trial');

  // Undo takes back one's own change only: Bogdan's score, not Carmen's rename.
  await bogdan.page.getByRole('button', { name: 'Undo', exact: true }).click();
  const undone = await converged(pages, 'the boards after undo');
  assert.equal(score(undone, 'Awareness'), '1', 'one step of Bogdan\'s undone');
  assert.equal(undone.stages[2], 'Trial');

  // Carmen goes offline and edits; Ana edits meanwhile; Carmen comes back and both merge.
  await carmen.context.setOffline(true);
  await status(carmen.page, 'Offline — your changes are kept');
  await addCard(carmen.page, 'Touchpoints', 'Trial', 'Offline idea');
  await editText(carmen.page, 'Demo video', 'Demo video, offline');
  await addCard(ana.page, 'Pain points', 'Trial', 'Online idea');
  await carmen.context.setOffline(false);
  await status(carmen.page, 'Live');
  const merged = await converged(pages, 'the boards after going offline');
  for (const text of ['Offline idea', 'Online idea', 'Demo video, offline']) {
    assert.ok(merged.cells.some((c) => c.includes(text)), `${text} is on every board`);
  }

  // The server stops: everyone keeps editing; it starts again on the same port and file.
  await env.server.stop();
  await status(ana.page, 'Reconnecting…');
  await addCard(ana.page, 'Touchpoints', 'Awareness', 'While the server was down');
  await addCard(bogdan.page, 'Pain points', 'Awareness', 'Bogdan while down');
  env.server = await startServer({ dataDir: env.dir, port: env.port });
  for (const page of pages) await status(page, 'Live');
  const restarted = await converged(pages, 'the boards after the restart');
  await storedEqual(pages, mapId, restarted);
  for (const text of ['While the server was down', 'Bogdan while down', 'Offline idea']) {
    assert.ok(restarted.cells.some((c) => c.includes(text)), `${text} survived the restart`);
  }
  // Someone joining now gets the same map from the server.
  const late = await visit(editLink);
  await status(late.page, 'Live');
  assert.deepEqual(await converged([late.page, ana.page, bogdan.page]), restarted);

  // A view link watches live and cannot change anything.
  const viewer = await visit(viewLink);
  const watched = viewer.page.getByRole('table', { name: 'Workshop map' });
  await watched.getByText('While the server was down').waitFor();
  assert.equal(await watched.locator('button, input, textarea, select, [tabindex]').count(), 0);
  await addCard(ana.page, 'Touchpoints', 'Awareness', 'For the viewer');
  await watched.getByText('For the viewer').waitFor();

  // The owner replaces the edit link: the old one's sessions end, and say so.
  await dialog.getByRole('button', { name: 'Replace the edit link' }).click();
  await dialog.getByRole('status').getByText('A new edit link is ready; the old one no longer works.').waitFor();
  for (const page of pages) {
    await status(page, 'The owner replaced this edit link, so it no longer works. Ask them for the new one.');
  }
  assert.notEqual(await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue(), editLink);

  for (const p of [...people, late, viewer]) assert.deepEqual(p.problems, []);
  for (const p of [owner, ...people, late, viewer]) await p.context.close();
});
