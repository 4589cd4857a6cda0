// Snapshots (method step 7): take one, change the map, compare the two side by side with every
// kind of difference marked and listed, restore a snapshot as a new map. A full quota or an
// unreadable list is said plainly and loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, axeViolations, addCard, card, liveText } from '../support.mjs';
import { openSeeded } from '../seed.mjs';

const env = useServerAndBrowser();

function seeded(d, seed) {
  d.map.lanes.push({ id: 'kpi', kind: 'metrics' });
  d.map.personas[0].emotions = [
    { stage: d.map.stages[0].id, score: 1 },
    { stage: d.map.stages[1].id, score: -1 },
  ];
  seed(d, [
    { id: 'a1', lane: 'touchpoints', stage: 0, text: 'Stays put' },
    { id: 'a2', lane: 'touchpoints', stage: 0, text: 'Will move' },
    { id: 'a3', lane: 'touchpoints', stage: 1, text: 'Will be edited' },
    { id: 'a4', lane: 'touchpoints', stage: 1, text: 'Will be deleted' },
    { id: 'm1', lane: 'metrics', stage: 1, text: 'Trial to paid', metric: { kind: 'conversion_rate', value: 3.2 } },
  ]);
}

async function openSnapshots(page, title = 'Snapshots of “Seeded”') {
  await page.getByRole('button', { name: /^(Snapshots|Instantanee)$/ }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

async function takeSnapshot(page, name, note = '') {
  const dialog = await openSnapshots(page);
  await dialog.getByRole('combobox', { name: 'Snapshot name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill(note);
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  return dialog;
}

/** The snapshots listed in the dialog, newest first, by name. */
const listed = (dialog) => dialog.locator('.snapshot-name').allTextContents();

test('a snapshot, then changes, then a comparison that marks and lists every kind of difference; restore', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  let dialog = await takeSnapshot(page, 'as-is', 'Before the workshop');
  assert.equal(await liveText(page), 'Snapshot “as-is” taken.');
  assert.deepEqual(await listed(dialog), ['as-is']);
  assert.equal(await dialog.locator('.snapshot-note').textContent(), 'Before the workshop');
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // Changes of every kind, made as a person makes them.
  await card(page, 'Will move').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await card(page, 'Will be edited').click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill('Edited text');
  await editor.press('Control+Enter');
  // Closing the editor gives the card focus in the next frame; a person then moves on.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Edited text');
  await card(page, 'Will be deleted').focus();
  await page.keyboard.press('Shift+Space');
  await page.keyboard.press('Delete');
  await card(page, 'Will be deleted').waitFor({ state: 'detached' });
  await addCard(page, 'Touchpoints', 'Retention', 'Brand new');
  const point = page.getByRole('slider', { name: 'Consideration' });
  await point.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const stage = page.getByRole('textbox', { name: 'Stage name' }).first();
  await stage.fill('Discovery');
  await stage.press('Enter');
  await page.locator('.card-metric').first().click();
  const metric = page.getByRole('dialog', { name: /^Metric of/ });
  await metric.getByLabel('Value').fill('4.5');
  await metric.getByRole('button', { name: 'Save' }).click();
  await metric.waitFor({ state: 'hidden' });

  dialog = await openSnapshots(page);
  await dialog.getByRole('button', { name: 'Compare with now: “as-is”' }).click();
  const view = page.getByRole('region', { name: 'Comparing “as-is” with “The map now”' });
  await view.waitFor();
  assert.equal(await page.getByRole('table', { name: 'Seeded' }).count(), 2, 'both versions drawn, the board put away');
  const [before, after] = [view.locator('.compare-side').first(), view.locator('.compare-side').last()];
  const markOf = (side, id) => side.locator(`li[data-card-id="${id}"]`).evaluate((li) => [li.className.split(' ').filter((c) => c.startsWith('mark-')).join(' '), li.querySelector('.mark-word')?.textContent.trim() ?? '']);
  assert.deepEqual(await markOf(after, 'a2'), ['mark-moved', '(moved)']);
  assert.deepEqual(await markOf(after, 'a3'), ['mark-changed', '(changed)']);
  assert.deepEqual(await markOf(before, 'a4'), ['mark-removed', '(removed)']);
  assert.deepEqual(await markOf(after, 'a1'), ['', '']);
  const added = after.locator('li.mark-added');
  assert.equal((await added.textContent()).trim(), 'Brand new (added)');
  assert.match(await after.locator('li[data-card-id="m1"] .card-metric').getAttribute('class'), /better/);
  assert.equal((await after.locator('th.mark-changed').textContent()).trim(), 'Discovery (changed)');
  assert.equal(await after.getByRole('img', { name: 'Consideration: +1 (slightly positive) (better)' }).count(), 1);

  const list = view.getByRole('region', { name: 'Differences' });
  const lines = (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
  for (const expected of [
    'Stage “Awareness” renamed “Discovery”.',
    'Card “Will move” moved from Touchpoints · Discovery to Touchpoints · Consideration.',
    'Card “Edited text”: text changed.',
    'Card “Brand new” added in Touchpoints · Retention.',
    'Card “Will be deleted” removed from Touchpoints · Consideration.',
    'Main persona at Consideration: −1 → +1 (better).',
  ]) {
    assert.ok(lines.includes(expected), `${expected}\nnot in:\n${lines.join('\n')}`);
  }
  assert.ok(lines.some((l) => /^“Trial to paid” at Consideration: Conversion rate 3\.2\s?% → Conversion rate 4\.5\s?% \(better\)\.$/.test(l)), lines.join('\n'));
  assert.deepEqual(await axeViolations(page), []);

  await view.getByRole('button', { name: 'Back to the board' }).click();
  await card(page, 'Brand new').waitFor();

  dialog = await openSnapshots(page);
  await dialog.getByRole('button', { name: 'Restore as a new map: “as-is”' }).click();
  await page.waitForFunction(() => document.querySelector('.map-title input')?.value === 'Seeded (as-is)');
  await card(page, 'Will be deleted').waitFor();
  assert.equal(await card(page, 'Brand new').count(), 0);
  await page.getByRole('button', { name: 'Maps', exact: true }).click();
  const maps = await page.getByRole('dialog', { name: 'Your maps' }).locator('.map-name').allTextContents();
  assert.deepEqual(maps.sort(), ['Seeded', 'Seeded (as-is)']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Romanian the snapshots and the comparison speak Romanian', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  // The template's names follow the language: switched first, so the snapshot has them too.
  await page.getByLabel('Language').selectOption('ro');
  const dialog = await openSnapshots(page, 'Instantanee ale hărții „Seeded”');
  await dialog.getByRole('combobox', { name: 'Numele instantaneului' }).fill('situația actuală');
  await dialog.getByRole('button', { name: 'Fă un instantaneu' }).click();
  await dialog.locator('.snapshot-name').waitFor();
  await dialog.getByRole('button', { name: 'Închide', exact: true }).click();
  await page.getByRole('button', { name: 'Editează cardul: Will be edited', exact: true }).click();
  const editor = page.getByRole('textbox', { name: 'Textul cardului' });
  await editor.fill('Text nou');
  await editor.press('Control+Enter');
  await openSnapshots(page, 'Instantanee ale hărții „Seeded”');
  await dialog.getByRole('button', { name: 'Compară cu acum: „situația actuală”' }).click();
  const view = page.getByRole('region', { name: 'Comparație: „situația actuală” cu „Harta acum”' });
  await view.waitFor();
  const lines = await view.getByRole('region', { name: 'Diferențe' }).getByRole('listitem').allTextContents();
  assert.deepEqual(lines.map((l) => l.trim()), ['Cardul „Text nou”: textul modificat.']);
  assert.equal((await view.locator('.compare-side').last().locator('li.mark-changed .mark-word').textContent()).trim(), '(modificat)');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a full storage keeps the snapshot out and says so; the map and its snapshots are intact', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  let dialog = await takeSnapshot(page, 'as-is');
  await dialog.locator('.snapshot-name').waitFor();
  // Fill the rest of this origin's storage.
  await page.evaluate(() => {
    for (const size of [1 << 20, 1 << 16, 1 << 10, 64, 1]) {
      try { for (let i = 0; ; i++) localStorage.setItem(`junk-${size}-${i}`, 'x'.repeat(size)); } catch { /* full */ }
    }
  });
  await dialog.getByRole('combobox', { name: 'Snapshot name' }).fill('to-be');
  // A note that deflates poorly, so the new snapshot needs more room than is left.
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill(Array.from({ length: 300 }, (_, i) => ((i * 7919) % 97).toString(36)).join(''));
  await dialog.getByRole('button', { name: 'Take snapshot' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'storage is full' }).waitFor();
  assert.equal((await dialog.getByRole('alert').textContent()).trim(),
    "This browser's storage is full, so the change to the snapshots was not kept. Your map and its snapshots are as they were; delete an old map or snapshot to free space.");
  assert.deepEqual(await listed(dialog), ['as-is']);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('junk-')).forEach((k) => localStorage.removeItem(k)));
  await page.reload();
  await page.getByRole('table').first().waitFor();
  dialog = await openSnapshots(page);
  assert.deepEqual(await listed(dialog), ['as-is']);
  await card(page, 'Will be deleted').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('snapshots that cannot be read are kept as a backup and said to be unreadable', async () => {
  const { context, page, problems } = await openSeeded(env, seeded);
  const key = await page.evaluate(() => `traseu.map.${JSON.parse(localStorage.getItem('traseu.ui')).current}.snapshots`);
  await page.evaluate((k) => localStorage.setItem(k, 'not a packed list!'), key);
  const dialog = await openSnapshots(page);
  const said = (await dialog.getByRole('alert').textContent()).trim();
  assert.equal(said, `This map's snapshots could not be read because it is not a Traseu map. They are kept untouched as a backup (key “${key}.unreadable”).`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(`${k}.unreadable`), key), 'not a packed list!');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), 'not a packed list!');
  assert.deepEqual(problems, []);
  await context.close();
});
