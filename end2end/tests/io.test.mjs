// Import and export (issue 12): a map goes out as a Traseu JSON file (with its snapshots), a
// CSV table or a Mermaid journey, each downloaded from the page, and comes back in as a NEW
// map through "Open a file…" or a file dropped on the page; what an import leaves out or
// repairs is listed where it was in the file, files that are no journey map are named, and
// texts that look like HTML stay text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useServerAndBrowser, openPage, axeViolations, card, liveText, openLibrary, setTitle, placeOf,
} from '../support.mjs';
import { openSeeded } from '../seed.mjs';

const env = useServerAndBrowser();

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

function seeded(d, seed) {
  d.map.lanes.push({ id: 'kpi', kind: 'metrics' });
  d.map.personas[0].emotions = [
    { stage: d.map.stages[0].id, score: 2, note: 'Curious' },
    { stage: d.map.stages[1].id, score: -1 },
  ];
  d.map.personas.push({ id: 'p2', name: 'Bogdan', emotions: [{ stage: d.map.stages[0].id, score: -3 }] });
  seed(d, [
    { id: 'a1', lane: 'touchpoints', stage: 0, text: 'Reclamă pe Instagram — înscriere rapidă', channel: 'social_media', tags: ['ședință', 'țintă'] },
    { id: 'a2', lane: 'touchpoints', stage: 0, text: '=1+2' },
    { id: 'a3', lane: 'touchpoints', stage: 1, text: 'Pricing page\nsecond line', colour: 'blue', personas: ['p2'] },
    { id: 'a4', lane: 'pain_points', stage: 1, text: 'Plans are unclear', impact: 4, effort: 2 },
    { id: 'm1', lane: 'metrics', stage: 1, text: 'Trial to paid', metric: { kind: 'conversion_rate', value: 3.2 } },
  ]);
}

/** The board as a person reads it: stages, lanes, each cell's card texts in order, and the scores. */
function board(page) {
  return page.evaluate(() => {
    const table = document.querySelector('table.board:not(.read-only)');
    const stages = [...table.querySelectorAll('thead th input')].map((i) => i.value);
    const lanes = [...table.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('th input')).map((tr) => ({
      lane: tr.querySelector('th input').value,
      cells: [...tr.querySelectorAll('td')].map((td) => [...td.querySelectorAll('li[data-card-id] .card-text')].map((p) => p.textContent)),
    }));
    const scores = [...document.querySelectorAll('.point[role=slider]')].map((s) => [
      s.getAttribute('aria-label'), s.classList.contains('unset') ? null : s.getAttribute('aria-valuenow'),
    ]);
    const personas = [...document.querySelectorAll('.persona-choice .persona-label')].map((l) => l.textContent);
    return { stages, lanes, scores, personas };
  });
}

/** The open map's stored document, without what makes it another map (its id and time). */
async function storedMap(page) {
  const d = await page.evaluate(() => {
    const id = JSON.parse(localStorage.getItem('traseu.ui')).current;
    return JSON.parse(localStorage.getItem(`traseu.map.${id}`));
  });
  delete d.map.id;
  delete d.map.updated;
  return d;
}

/** Renames the open map and waits until it is stored. */
async function storeAs(page, title) {
  await setTitle(page, title);
  await page.waitForFunction((t) => localStorage.getItem('traseu.maps')?.includes(t), title);
}

/** How many maps the library lists. */
const mapCount = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('traseu.maps') ?? '[]').length);

async function openExport(page, title) {
  await page.getByRole('button', { name: /^(Export|Exportă)$/ }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

/** Runs `action` and returns the file it downloads: its suggested name and bytes. */
async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Imports a file through the library's "Open a file…" and its file chooser. */
async function openFile(page, name, content, mimeType = '') {
  const library = await openLibrary(page);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    library.getByRole('button', { name: 'Open a file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType, buffer: Buffer.from(content) });
}

/** A DataTransfer made in the page, holding one file. */
function filesTransfer(page, name, content, type = 'text/plain') {
  return page.evaluateHandle(([n, c, t]) => {
    const data = new DataTransfer();
    data.items.add(new File([c], n, { type: t }));
    return data;
  }, [name, content, type]);
}

async function openSnapshots(page, title) {
  await page.getByRole('button', { name: 'Snapshots', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Snapshots of “${title}”` });
  await dialog.waitFor();
  return dialog;
}

async function takeSnapshot(page, title, name, note) {
  const dialog = await openSnapshots(page, title);
  await dialog.getByRole('combobox', { name: 'Snapshot name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill(note);
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await dialog.locator('.snapshot-name', { hasText: name }).waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
}

/** The snapshots the dialog lists, newest first: name, note and card count. */
async function snapshotList(page, title) {
  const dialog = await openSnapshots(page, title);
  const items = await dialog.locator('.snapshot').evaluateAll((els) => els.map((li) => [
    li.querySelector('.snapshot-name').textContent,
    li.querySelector('.snapshot-note')?.textContent ?? '',
    li.querySelector('.snapshot-when').textContent.split('·')[1].trim(),
  ]));
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  return items;
}

/** The import dialog, once it shows a heading matching `name`. */
async function importDialog(page, name) {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog;
}

/** Waits until the live region says `text`. */
function announced(page, text) {
  return page.waitForFunction((t) => document.querySelector('[data-testid=live-region]').textContent.trim() === t, text);
}

const reportLines = (dialog) => dialog.locator('.import-report li').allTextContents();

test('a Traseu file exported here opens in a fresh browser as the same board, with its snapshots', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  await takeSnapshot(page, 'Seeded', 'as-is', 'Before the workshop');
  await card(page, 'Plans are unclear').click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill('Plans are unclear to buyers');
  await editor.press('Control+Enter');
  await takeSnapshot(page, 'Seeded', 'to-be', '');

  const dialog = await openExport(page, 'Export “Seeded”');
  assert.match(await dialog.getByText(/^The whole map with its snapshots/).textContent(), /snapshots \(2\)/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: '/tmp/i12/export-dialog.png' });
  const file = await download(page, () => dialog.getByRole('button', { name: 'Download “Seeded.traseu.json”' }).click());
  assert.equal(file.name, 'Seeded.traseu.json');
  assert.equal(await dialog.getByRole('status').textContent(), 'Downloaded “Seeded.traseu.json”.');
  const json = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(json.format, 'traseu.map');
  assert.deepEqual(json.snapshots.map((s) => s.name), ['as-is', 'to-be']);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  const before = await board(page);
  const storedBefore = await storedMap(page);
  const snapshotsBefore = await snapshotList(page, 'Seeded');

  const fresh = await openPage(env.browser, env.server.url);
  await openFile(fresh.page, file.name, file.bytes, 'application/json');
  assert.equal(await liveText(fresh.page), 'Imported “Seeded”.');
  await card(fresh.page, 'Plans are unclear to buyers').waitFor();
  assert.equal(await fresh.page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Seeded');
  assert.deepEqual(await board(fresh.page), before);
  assert.deepEqual(await storedMap(fresh.page), storedBefore, 'the stored map is the exported one, field for field');
  assert.deepEqual(await snapshotList(fresh.page, 'Seeded'), snapshotsBefore);
  assert.equal(await fresh.page.getByRole('dialog').count(), 0, 'nothing to report, so no dialog');
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();

  // Imported into the browser it came from, it is a new map beside the original.
  const originalId = await page.evaluate(() => JSON.parse(localStorage.getItem('traseu.ui')).current);
  await openFile(page, file.name, file.bytes, 'application/json');
  await page.waitForFunction((id) => JSON.parse(localStorage.getItem('traseu.ui')).current !== id, originalId);
  assert.equal(await mapCount(page), 2);
  assert.deepEqual(await page.evaluate((id) => {
    const d = JSON.parse(localStorage.getItem(`traseu.map.${id}`));
    return [d.map.title, d.map.cards.length];
  }, originalId), ['Seeded', 5], 'the original is untouched');
  assert.deepEqual(problems, []);
  await context.close();
});

const BROKEN = {
  format: 'traseu.map',
  version: 4,
  map: {
    id: 'b1', title: 'Broken but useful', locale: 'en',
    created: '2026-11-01T09:00:00Z', updated: '2026-11-02T10:30:00Z',
    stages: [{ id: 's1', name: 'Discover' }, { id: 's2' }, { id: 's3', name: 'Buy' }],
    lanes: [{ id: 'l1', kind: 'touchpoints' }, { id: 'l2', kind: 'vibes' }, { id: 'l3', kind: 'emotions' }],
    cards: [
      { id: 'c1', lane: 'l1', stage: 's1', text: 'Kept with its colour dropped', colour: 'chartreuse' },
      { id: 'c2', lane: 'l2', stage: 's1', text: 'In a lane of an unknown kind' },
      { id: 'c3', lane: 'l1', stage: 's3' },
      { id: 'c1', lane: 'l1', stage: 's3', text: 'Same id as the first' },
      { id: 'c5', lane: 'l1', stage: 's3', text: 'Rated off the scale', impact: 9, effort: 2 },
    ],
    personas: [{ id: 'p1', name: 'Ana', emotions: [{ stage: 's1', score: 7 }, { stage: 's3', score: 'NaN' }] }],
  },
};

test('a damaged Traseu file: the good parts are on the board, and the report says what was left out or repaired, and where', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await openFile(page, 'broken.json', JSON.stringify(BROKEN), 'application/json');
  const dialog = await importDialog(page, 'Imported “Broken but useful”');
  assert.deepEqual(await reportLines(dialog), [
    'The stage at “map.stages[1]” was left out: “map.stages[1].name” is missing.',
    'The lane at “map.lanes[1]” was left out: “map.lanes[1].kind” holds a word Traseu does not know.',
    'The value at “map.cards[0].colour” was left out: it is a word Traseu does not know.',
    'The card at “map.cards[2]” was left out: “map.cards[2].text” is missing.',
    'The rating at “map.cards[4].impact” was 9, outside 1…5, so it was brought onto the scale.',
    'The emotion score at “map.personas[0].emotions[0].score” was 7, outside −3…+3, so it was brought onto the scale.',
    'The emotion score at “map.personas[0].emotions[1]” was left out: “map.personas[0].emotions[1].score” is not a finite number.',
    'The id “c1” at “map.cards[3].id” was used before, so it became “c1-2”.',
    'The card at “map.cards[1]” was left out: its stage or lane is not in the map.',
  ]);
  assert.match(await dialog.locator('#import-said').textContent(), /^It opened as a new map, and nothing you had was changed\. Not everything in “broken\.json”/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: '/tmp/i12/report.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const shown = await board(page);
  assert.deepEqual(shown.stages, ['Discover', 'Buy']);
  assert.deepEqual(shown.lanes.map((l) => l.lane), ['Touchpoints', 'Emotions']);
  assert.deepEqual(shown.lanes[0].cells, [['Kept with its colour dropped'], ['Same id as the first', 'Rated off the scale']]);
  assert.deepEqual(shown.scores, [['Discover', '3'], ['Buy', null]]);
  assert.equal(await card(page, 'Rated off the scale').locator('xpath=ancestor::li[1]').getByText('Impact 5').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

const JOURNEY = `---
title: Weekend trip
---
journey
  section Plan
    Search flights: 5: Ana
    Compare prices: 3: Ana, Bob
  section Travel
    Airport queue; long: 1: Ana
    Airport queue: 1: Ana
`;

test('a Mermaid journey dropped on the page opens with its stages, cards and scores; the overlay says what it takes', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await storeAs(page, 'Mine');
  const before = await mapCount(page);
  const data = await filesTransfer(page, 'trip.mmd', JOURNEY);
  const overlay = page.locator('.drop-zone');
  assert.equal(await overlay.isVisible(), false);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: data });
  await overlay.waitFor({ state: 'visible' });
  assert.equal((await overlay.innerText()).replace(/\s+/g, ' ').trim(),
    'Drop the file to open it as a new map A Traseu JSON file, a CSV table or a Mermaid journey: .json, .csv, .mmd, .md or .txt, at most 10 MB.');
  await page.screenshot({ path: '/tmp/i12/drop-overlay.png' });
  await page.dispatchEvent('main', 'dragleave', { dataTransfer: data });
  await overlay.waitFor({ state: 'hidden' });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: data });
  await page.dispatchEvent('main', 'drop', { dataTransfer: data });
  await overlay.waitFor({ state: 'hidden' });

  const dialog = await importDialog(page, 'Imported “Weekend trip”');
  assert.deepEqual(await reportLines(dialog), [
    'Line 9: Mermaid does not accept it (a “;” belongs only in comments), so it was left out.',
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  const shown = await board(page);
  assert.deepEqual(shown.stages, ['Plan', 'Travel']);
  assert.deepEqual(shown.lanes, [
    { lane: 'Actions', cells: [['Search flights', 'Compare prices'], ['Airport queue']] },
    { lane: 'Emotions', cells: [[]] },
  ]);
  assert.deepEqual(shown.personas, ['Ana', 'Bob']);
  // Ana: the mean of 5 and 3 is 4, which is +1.5 on Traseu's scale, rounded away from zero; 1 is −3.
  assert.deepEqual(shown.scores, [['Plan', '2'], ['Travel', '-3']]);
  assert.equal(await mapCount(page), before + 1, 'a new map, beside the one that was open');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a CSV export with a byte order mark keeps Romanian letters, neutralises formulas, and imports back to the same board', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  const dialog = await openExport(page, 'Export “Seeded”');
  await dialog.getByRole('checkbox', { name: 'Add a byte order mark for Excel' }).check();
  const file = await download(page, () => dialog.getByRole('button', { name: 'Download “Seeded.csv”' }).click());
  assert.equal(file.name, 'Seeded.csv');
  assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const text = file.bytes.toString('utf8');
  assert.ok(text.includes('Reclamă pe Instagram — înscriere rapidă'), 'diacritics as they are');
  assert.ok(text.includes('ședință; țintă'));
  assert.ok(text.includes(",'=1+2,"), 'the formula starts with an apostrophe');
  assert.ok(!/,=1\+2/.test(text), 'no cell starts with =');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const before = await board(page);

  await openFile(page, file.name, file.bytes, 'text/csv');
  assert.equal(await liveText(page), 'Imported “Seeded”.');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('traseu.maps')).length === 2);
  await card(page, '=1+2').waitFor();
  assert.deepEqual(await board(page), before);
  assert.deepEqual(await placeOf(page, '=1+2'), { stage: 'Awareness', lane: 'Touchpoints', index: 2 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a CSV saved by a spreadsheet in Windows’ code page reads with its Romanian letters', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  // "Reclamă pe Facebook ţintă" in Windows-1250, as Excel on a Romanian Windows saves "CSV":
  // ă is 0xE3 and ţ 0xFE, neither valid UTF-8.
  const bytes = Buffer.concat([
    Buffer.from('stage,text\r\nAwareness,Reclam'), Buffer.from([0xe3]), Buffer.from(' pe Facebook '),
    Buffer.from([0xfe]), Buffer.from('int'), Buffer.from([0xe3]), Buffer.from('\r\n'),
  ]);
  await openFile(page, 'Excel.csv', bytes, 'text/csv');
  await card(page, 'Reclamă pe Facebook ţintă').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

const FOREIGN = 'Phase,What happened,Channel,Comment\r\nAwareness,Saw an ad,social media,ignored\r\nPurchase,"Paid, by card",website,\r\n';

test('a CSV with other columns asks what each holds, then imports them as chosen', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await openFile(page, 'Workshop notes.csv', FOREIGN, 'text/csv');
  const dialog = await importDialog(page, 'What do the columns of “Workshop notes.csv” hold?');
  const select = (name) => dialog.getByRole('combobox', { name });
  assert.equal(await select('Column 1: “Phase”').inputValue(), '');
  assert.equal(await select('Column 3: “Channel”').inputValue(), 'channel', 'a name that matches is chosen already');
  await dialog.getByRole('button', { name: 'Import' }).click();
  assert.equal(await dialog.getByRole('alert').textContent(), 'Choose the column that holds the card\'s text.');
  assert.deepEqual(await axeViolations(page), []);
  await select('Column 1: “Phase”').selectOption({ label: 'Channel' });
  await select('Column 2: “What happened”').selectOption({ label: 'Card text' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  assert.equal(await dialog.getByRole('alert').textContent(), 'Two columns are set to “Channel”; choose it for one only.');
  await select('Column 1: “Phase”').selectOption({ label: 'Stage' });
  await page.screenshot({ path: '/tmp/i12/columns.png' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  assert.equal(await liveText(page), 'Imported “Workshop notes”.');

  const shown = await board(page);
  assert.deepEqual(shown.stages, ['Awareness', 'Purchase']);
  assert.deepEqual(shown.lanes, [{ lane: 'Notes', cells: [['Saw an ad'], ['Paid, by card']] }]);
  const cards = (await storedMap(page)).map.cards.map((c) => [c.text, c.channel]);
  assert.deepEqual(cards, [['Saw an ad', 'social_media'], ['Paid, by card', 'website']]);
  assert.equal(await page.getByText('ignored').count(), 0, 'a column left out is not read');
  assert.deepEqual(problems, []);
  await context.close();
});

test('files that are no journey map are named, and nothing is imported', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await storeAs(page, 'Mine');
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const cases = [
    ['sketch.excalidraw', '{"type":"excalidraw","version":2,"source":"https://excalidraw.com","elements":[],"appState":{}}',
      'This is not a journey map: it looks like an Excalidraw drawing.'],
    ['flow.mmd', 'graph TD\n  A[Start] --> B[End]\n', 'This is not a journey map: it looks like a Mermaid flowchart.'],
    ['board.tldr', '{"tldrawFileFormatVersion":1,"schema":{},"records":[]}', 'This is not a journey map: it looks like a tldraw drawing.'],
    ['empty.txt', '  \n', 'This is not a journey map: the file is empty.'],
    ['notes.txt', 'Remember to call Ana.\nAnd the bank.', 'This is not a journey map: Traseu reads its own JSON files, CSV tables and Mermaid journeys, and this is none of them.'],
    ['photo.png', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'This is not a journey map: it is not a text file (Traseu imports its own JSON files, CSV tables and Mermaid journeys: .json, .csv, .mmd, .md, .txt).'],
    ['future.json', '{"format":"traseu.map","version":99,"map":{}}',
      'This map was made by a newer version of Traseu (format 99; this one reads up to 4). Update Traseu to open it.'],
  ];
  for (const [name, content, said] of cases) {
    await openFile(page, name, content);
    const dialog = await importDialog(page, `“${name}” was not imported`);
    assert.equal(await dialog.locator('#import-said').textContent(), said);
    assert.equal(await dialog.locator('.details-hint').textContent(), 'Nothing was imported, and nothing you had was changed.');
    if (name === 'flow.mmd') {
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: '/tmp/i12/not-a-map.png' });
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before, 'storage as it was');
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Mine');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file over 10 MB is refused before it is read', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => {
    window.textReads = 0;
    const bytes = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function read() { window.textReads += 1; return bytes.call(this); };
  });
  await openFile(page, 'huge.json', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'application/json');
  const dialog = await importDialog(page, '“huge.json” was not imported');
  assert.equal(await dialog.locator('#import-said').textContent(), 'The file is larger than Traseu imports (at most 10 MB), so it was not read.');
  assert.equal(await page.evaluate(() => window.textReads), 0);
  // One byte less is read, and named for what it is.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await openFile(page, 'just-fits.json', Buffer.alloc(10 * 1024 * 1024, 'a'), 'application/json');
  await importDialog(page, '“just-fits.json” was not imported');
  assert.equal(await page.evaluate(() => window.textReads), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('texts that look like HTML, imported from JSON, CSV and Mermaid, are shown as text and never run', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const json = {
    format: 'traseu.map', version: 4,
    map: {
      id: 'x', title: IMG, locale: 'en', created: '2026-11-01T09:00:00Z', updated: '2026-11-01T09:00:00Z',
      stages: [{ id: 's', name: SCRIPT }], lanes: [{ id: 'l', kind: 'notes' }],
      cards: [{ id: 'c1', lane: 'l', stage: 's', text: SCRIPT }, { id: 'c2', lane: 'l', stage: 's', text: IMG }],
      personas: [{ id: 'p', name: IMG }],
    },
  };
  const files = [
    ['html.json', JSON.stringify(json), IMG],
    ['html.csv', `stage,text\r\n"${SCRIPT}",${SCRIPT}\r\n"${SCRIPT}",${IMG}\r\n`, 'html'],
    ['html.mmd', `journey\n  title ${IMG}\n  section ${SCRIPT}\n    ${SCRIPT}: 3: ${IMG}\n    ${IMG}: 3\n`, IMG],
  ];
  for (const [name, content, title] of files) {
    await openFile(page, name, content);
    await announced(page, `Imported “${title}”.`);
    await page.waitForFunction((t) => document.querySelector('.map-title input').value === t, title);
    await card(page, SCRIPT).waitFor();
    await card(page, IMG).waitFor();
    assert.deepEqual((await board(page)).stages, [SCRIPT]);
  }
  assert.equal(await page.locator('img[src="x"], main script').count(), 0, 'no element made of the texts');
  // An image's error or a script would run once its load was tried: wait until nothing loads.
  await page.waitForLoadState('networkidle');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Ctrl+S downloads the Traseu file, named by the title made safe, from anywhere, and says so', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  await setTitle(page, 'Q4: "Web/app" <plan>?');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  let file = await download(page, () => page.keyboard.press('Control+s'));
  assert.equal(file.name, 'Q4 Webapp plan.traseu.json');
  assert.equal(await liveText(page), 'Downloaded “Q4 Webapp plan.traseu.json”.');
  assert.equal(JSON.parse(file.bytes.toString('utf8')).map.title, 'Q4: "Web/app" <plan>?');
  await card(page, '=1+2').click();
  file = await download(page, () => page.keyboard.press('Control+s'));
  assert.equal(file.name, 'Q4 Webapp plan.traseu.json', 'from a text field too');
  await page.keyboard.press('Escape');
  await setTitle(page, ' ?*: ');
  file = await download(page, () => page.keyboard.press('Control+s'));
  assert.equal(file.name, 'journey-map.traseu.json');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Mermaid text is copied, and downloads as a journey that imports back', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFile(page, 'trip.mmd', JOURNEY);
  await importDialog(page, 'Imported “Weekend trip”').then((d) => d.getByRole('button', { name: 'Close' }).click());
  const dialog = await openExport(page, 'Export “Weekend trip”');
  await dialog.getByRole('button', { name: 'Copy the Mermaid text' }).click();
  await dialog.getByRole('status').filter({ hasText: 'The Mermaid text is on the clipboard.' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const file = await download(page, () => dialog.getByRole('button', { name: 'Download “Weekend trip.mmd”' }).click());
  assert.equal(file.bytes.toString('utf8'), copied);
  assert.match(copied, /^journey\n/);
  const before = await board(page);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await openFile(page, file.name, file.bytes);
  assert.equal(await liveText(page), 'Imported “Weekend trip”.');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('traseu.maps')).length === 2);
  assert.deepEqual(await board(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Romanian the report and the refusals speak Romanian', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  const library = await page.getByRole('button', { name: 'Hărți', exact: true });
  const open = async (name, content) => {
    await library.click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Deschide un fișier…' }).click(),
    ]);
    await chooser.setFiles({ name, mimeType: '', buffer: Buffer.from(content) });
  };
  await open('broken.json', JSON.stringify(BROKEN));
  let dialog = await importDialog(page, 'Harta „Broken but useful” a fost importată');
  const lines = await reportLines(dialog);
  assert.equal(lines.length, 9);
  assert.equal(lines[0], 'Etapa de la „map.stages[1]” a fost lăsată deoparte: lipsește „map.stages[1].name”.');
  assert.equal(lines[4], 'Evaluarea de la „map.cards[4].impact” era 9, în afara intervalului 1…5, așa că a fost adusă pe scală.');
  assert.equal(lines[7], 'Id-ul „c1” de la „map.cards[3].id” era deja folosit, așa că a devenit „c1-2”.');
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: '/tmp/i12/report-ro.png' });
  await dialog.getByRole('button', { name: 'Închide' }).click();

  await open('flow.mmd', 'flowchart LR\n  A --> B\n');
  dialog = await importDialog(page, '„flow.mmd” nu a fost importat');
  assert.equal(await dialog.locator('#import-said').textContent(), 'Aceasta nu este o hartă a călătoriei: pare o diagramă de flux Mermaid (flowchart).');
  await dialog.getByRole('button', { name: 'Închide' }).click();

  await open('Atelier.csv', FOREIGN);
  dialog = await importDialog(page, 'Ce conțin coloanele din „Atelier.csv”?');
  await dialog.getByRole('button', { name: 'Importă' }).click();
  assert.equal(await dialog.getByRole('alert').textContent(), 'Alege coloana care conține textul cardului.');
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('combobox', { name: 'Coloana 2: „What happened”' }).selectOption({ label: 'Textul cardului' });
  await dialog.getByRole('button', { name: 'Importă' }).click();
  assert.equal(await liveText(page), 'Harta „Atelier” a fost importată.');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Markdown page imports its Mermaid journey block, its notes counting the page\'s lines', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const markdown = '# Trip notes, draft\n\nSome text.\n\n```mermaid\njourney\n  title From the wiki\n  section Plan\n    Book: 4: Ana\n    Oops no score\n```\n\nMore text.\n';
  await openFile(page, 'notes.md', markdown, 'text/markdown');
  const dialog = await importDialog(page, 'Imported “From the wiki”');
  assert.deepEqual(await reportLines(dialog), [
    'Line 10: Mermaid does not accept it (a task needs “: score” after its name), so it was left out.',
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual((await board(page)).lanes[0], { lane: 'Actions', cells: [['Book']] });
  assert.deepEqual(problems, []);
  await context.close();
});

/** A PNG's width and height, from its header. */
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

test('the board as SVG and as PNG at 1× and 2×: its words are text, nothing is fetched, and the PNG is the SVG drawn at its size', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  await storeAs(page, 'Picture <me>');
  const shown = await board(page);
  const dialog = await openExport(page, 'Export “Picture <me>”');
  const svg = await download(page, () => dialog.getByRole('button', { name: 'Download “Picture me.svg”' }).click());
  const png1 = await download(page, () => dialog.getByRole('button', { name: 'Download “Picture me.png”' }).click());
  await dialog.getByRole('status').filter({ hasText: 'Downloaded “Picture me.png”.' }).waitFor();
  const png2 = await download(page, () => dialog.getByRole('button', { name: 'Download “Picture me@2x.png”' }).click());
  assert.deepEqual(await axeViolations(page), []);

  const text = svg.bytes.toString('utf8');
  assert.ok(!/(href|src)\s*=\s*["'](https?:)?\/\//i.test(text), 'no external reference');
  assert.ok(!/<script|\son[a-z]+\s*=/i.test(text), 'nothing that runs');
  const drawn = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      root: root.localName,
      error: doc.querySelector('parsererror') !== null,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      words: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
    };
  }, text);
  assert.equal(drawn.root, 'svg');
  assert.equal(drawn.error, false);
  assert.ok(drawn.words.includes('Picture <me>'), 'the title, escaped, is text');
  const words = [...shown.stages, ...shown.lanes.flatMap((l) => l.cells.flat())].join(' ').split(/\s+/).filter(Boolean);
  const missing = words.filter((w) => !drawn.words.includes(w));
  assert.deepEqual(missing, [], 'every word on the board is text in the SVG');

  assert.deepEqual(pngSize(png1.bytes), [Math.ceil(drawn.width), Math.ceil(drawn.height)]);
  assert.deepEqual(pngSize(png2.bytes), [Math.ceil(drawn.width * 2), Math.ceil(drawn.height * 2)]);

  // The PNG is the SVG as the browser draws it: compare the two, pixel by pixel, in a blank page
  // that may fetch nothing at all.
  const viewer = await context.newPage();
  const fetched = [];
  viewer.on('request', (r) => { if (!r.url().startsWith('data:') && r.url() !== 'about:blank') fetched.push(r.url()); });
  const difference = await viewer.evaluate(async ([svgSource, pngBase64]) => {
    const load = (src) => new Promise((ok, fail) => {
      const img = new Image();
      img.onload = () => ok(img);
      img.onerror = fail;
      img.src = src;
    });
    const pixels = (img, w, h) => {
      const canvas = Object.assign(document.createElement('canvas'), { width: w, height: h });
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0, w, h);
      return g.getImageData(0, 0, w, h).data;
    };
    const png = await load(`data:image/png;base64,${pngBase64}`);
    const svg = await load(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgSource)}`);
    const [w, h] = [png.naturalWidth, png.naturalHeight];
    const a = pixels(png, w, h);
    const b = pixels(svg, w, h);
    let differing = 0;
    const colours = new Set();
    for (let i = 0; i < a.length; i += 4) {
      if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 30) differing += 1;
      colours.add((a[i] << 16) | (a[i + 1] << 8) | a[i + 2]);
    }
    return { differing: differing / (w * h), colours: colours.size };
  }, [text, png1.bytes.toString('base64')]);
  assert.ok(difference.differing < 0.01, `PNG and SVG differ in ${(difference.differing * 100).toFixed(2)} % of pixels`);
  assert.ok(difference.colours > 20, 'the PNG is a picture, not a blank');
  assert.deepEqual(fetched, []);
  assert.deepEqual(problems, []);
  await context.close();
});
