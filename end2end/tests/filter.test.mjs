// The filter bar: narrowing the board by channel, category, tag and confidence with a count of
// what is hidden and "show all"; one persona's path, dimmed or hidden; and keyboard moves that
// land where the person sees them when a filter hides cards in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, axeViolations, showTools } from '../support.mjs';
import { openSeeded } from '../seed.mjs';

const env = useServerAndBrowser();

const shown = (page, id) => page.locator(`li[data-card-id="${id}"]`);
const status = (page) => page.locator('.filter-status');

/** Waits until exactly the cards `visible` of `all` are drawn. */
async function expectShown(page, all, visible) {
  for (const id of all) {
    await shown(page, id).waitFor({ state: visible.includes(id) ? 'visible' : 'hidden' });
  }
}

/** Opens a facet's checkbox menu in the expanded filter bar. */
async function openFacet(page, name) {
  await page.locator('#filter-facets summary', { hasText: new RegExp(`^${name}`) }).click();
}

/**
 * A map whose touchpoints at `stage` are two email cards with one without a channel between
 * them, filtered to email so the middle one is hidden; with the bar folded again.
 */
async function openWithHiddenBetween(stage) {
  const opened = await openSeeded(env, (d, seed, at) => seed(d, [
    { id: 'v1', lane: 'touchpoints', stage: at, text: 'First shown', channel: 'email' },
    { id: 'h1', lane: 'touchpoints', stage: at, text: 'Hidden between' },
    { id: 'v2', lane: 'touchpoints', stage: at, text: 'Second shown', channel: 'email' },
  ]), stage);
  const { page } = opened;
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await openFacet(page, 'Channel');
  await page.getByRole('checkbox', { name: 'Email', exact: true }).check();
  await shown(page, 'h1').waitFor({ state: 'hidden' });
  // Folded away again, so the board is in view for the pointer.
  await page.getByRole('button', { name: 'Filter (1)' }).click();
  return opened;
}

/** The ids of the cards in v1's cell, hidden ones too, in order. */
const cellOrder = (page) => page.locator('li[data-card-id="v1"]').locator('xpath=..')
  .locator('li').evaluateAll((els) => els.map((e) => e.dataset.cardId));

test('filtering by channel, category, tag and confidence hides the rest, says how many, and "show all" brings them back', async () => {
  const { context, page, problems } = await openSeeded(env, (d, seed) => seed(d, [
    { id: 'e1', lane: 'touchpoints', stage: 3, text: 'Welcome email', channel: 'email', category: 'customer_success' },
    { id: 'e2', lane: 'touchpoints', stage: 0, text: 'Launch email', channel: 'email', category: 'marketing', tags: ['launch'] },
    { id: 'p1', lane: 'touchpoints', stage: 1, text: 'Pricing page', channel: 'pricing_page', category: 'sales', confidence: 'validated' },
    { id: 'n1', lane: 'pain_points', stage: 3, text: 'Setup takes a day' },
  ]));
  const all = ['e1', 'e2', 'p1', 'n1'];
  await expectShown(page, all, all);
  assert.equal((await status(page).textContent()).trim(), '');

  const toggle = page.getByRole('button', { name: 'Filter', exact: true });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#filter-facets').isVisible(), false);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await openFacet(page, 'Channel');
  await page.getByRole('checkbox', { name: 'Email', exact: true }).check();
  await expectShown(page, all, ['e1', 'e2']);
  await status(page).getByText('2 cards hidden by the filter — show all').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await openFacet(page, 'Category');
  await page.getByRole('checkbox', { name: 'Marketing', exact: true }).check();
  await expectShown(page, all, ['e2']);
  await status(page).getByText('3 cards hidden by the filter').waitFor();
  await page.getByRole('button', { name: 'Filter (2)' }).waitFor();
  const chips = page.getByRole('list', { name: 'Filtered by' }).getByRole('button');
  assert.deepEqual(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), [
    'Remove “Marketing” from the filter', 'Remove “Email” from the filter',
  ]);
  // A chip takes its value out again.
  await page.getByRole('button', { name: 'Remove “Marketing” from the filter' }).click();
  await expectShown(page, all, ['e1', 'e2']);
  assert.equal(await page.getByRole('checkbox', { name: 'Marketing', exact: true }).isChecked(), false);

  await status(page).getByRole('button', { name: 'show all' }).click();
  await expectShown(page, all, all);
  assert.equal((await status(page).textContent()).trim(), '');
  assert.equal(await page.getByRole('checkbox', { name: 'Email', exact: true }).isChecked(), false);

  // The tag facet offers the tags the cards carry; confidence counts a new card as assumed.
  await openFacet(page, 'Tag');
  await page.getByRole('checkbox', { name: 'launch', exact: true }).check();
  await expectShown(page, all, ['e2']);
  await page.getByRole('checkbox', { name: 'launch', exact: true }).uncheck();
  await openFacet(page, 'Confidence');
  await page.getByRole('checkbox', { name: 'Validated', exact: true }).check();
  await expectShown(page, all, ['p1']);
  await status(page).getByText('3 cards hidden by the filter').waitFor();
  await page.getByRole('checkbox', { name: 'Validated', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Assumed', exact: true }).check();
  await expectShown(page, all, ['e1', 'e2', 'n1']);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a persona's path dims or hides the other personas' cards and counts them", async () => {
  const { context, page, problems } = await openSeeded(env, (d, seed) => {
    const main = d.map.personas[0].id;
    d.map.personas.push({ id: 'bob', name: 'Bob', quote: '', emotions: [] });
    seed(d, [
      { id: 'a1', lane: 'touchpoints', stage: 0, text: 'For everyone' },
      { id: 'm1', lane: 'touchpoints', stage: 1, text: 'Main only', personas: [main] },
      { id: 'b1', lane: 'touchpoints', stage: 1, text: 'Bob only', personas: ['bob'] },
      { id: 'b2', lane: 'pain_points', stage: 2, text: 'Bob too', personas: ['bob'] },
    ]);
  });
  const all = ['a1', 'm1', 'b1', 'b2'];
  const path = page.getByRole('combobox', { name: "Persona's path" });
  await path.selectOption({ label: 'Main persona' });
  await status(page).getByText("2 cards of other personas dimmed — show every persona's").waitFor();
  await expectShown(page, all, all);
  const dimmed = () => page.locator('li[data-sift=dimmed]').evaluateAll((els) => els.map((e) => e.dataset.cardId));
  assert.deepEqual((await dimmed()).sort(), ['b1', 'b2']);
  assert.equal(await page.getByRole('radio', { name: 'Dim the others' }).isChecked(), true);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('radio', { name: 'Hide the others' }).check();
  await expectShown(page, all, ['a1', 'm1']);
  await status(page).getByText('2 cards of other personas hidden').waitFor();
  assert.deepEqual(await dimmed(), []);
  assert.deepEqual(await axeViolations(page), []);

  await path.selectOption({ label: 'Bob' });
  await expectShown(page, all, ['a1', 'b1', 'b2']);
  await status(page).getByText('1 card of other personas hidden').waitFor();

  await status(page).getByRole('button', { name: "show every persona's" }).click();
  await expectShown(page, all, all);
  assert.equal(await path.inputValue(), '');
  assert.equal(await page.getByRole('radio', { name: 'Hide the others' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a card moved with the keyboard passes the cards the filter hides and lands where it is seen', async () => {
  const { context, page, problems } = await openWithHiddenBetween(3);
  // A hidden card cannot take focus.
  assert.equal(await shown(page, 'h1').locator('.card-text').evaluate((el) => {
    el.focus();
    return document.activeElement === el;
  }), false);

  await shown(page, 'v2').locator('.card-text').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  // One step up passes the hidden card: the moved card is now first of those shown.
  await page.waitForFunction(() => document.querySelector('li[data-card-id="v2"]')?.nextElementSibling?.dataset.cardId === 'v1');
  assert.deepEqual(await cellOrder(page), ['v2', 'v1', 'h1']);
  // The place is said as seen: first of the two cards shown.
  await page.getByTestId('live-region')
    .getByText('Card “Second shown” dropped in Onboarding, Touchpoints, position 1 of 2.').waitFor();
  // And one step down passes the shown card again, not the hidden one only.
  await shown(page, 'v2').locator('.card-text').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('li[data-card-id="v1"]')?.nextElementSibling?.dataset.cardId === 'v2');
  assert.deepEqual(await cellOrder(page), ['v1', 'v2', 'h1']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a mouse drop and the "Move to…" dialog count only the cards the filter shows', async () => {
  const { context, page, problems } = await openWithHiddenBetween(1);
  // Dropped on the upper half of the first shown card, the second becomes first.
  const first = await shown(page, 'v1').boundingBox();
  const second = await shown(page, 'v2').locator('.card-text').boundingBox();
  await page.mouse.move(second.x + second.width / 2, second.y + second.height / 2);
  await page.mouse.down();
  await page.mouse.move(first.x + 20, first.y + 4, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('li[data-card-id="v2"]')?.nextElementSibling?.dataset.cardId === 'v1');
  assert.deepEqual(await cellOrder(page), ['v2', 'v1', 'h1']);

  // The dialog offers the places among the two cards shown, and the last is after the other.
  await showTools(page, 'Second shown');
  await page.getByRole('button', { name: 'Move “Second shown” to…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move card “Second shown”' });
  await dialog.waitFor();
  const position = dialog.getByLabel('Position');
  await position.locator('option').first().waitFor({ state: 'attached' });
  assert.deepEqual(await position.locator('option').allTextContents(), ['1 of 2', '2 of 2']);
  assert.equal(await position.inputValue(), '0');
  await position.selectOption({ label: '2 of 2' });
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('li[data-card-id="v1"]')?.nextElementSibling?.dataset.cardId !== 'v2'
    && document.querySelector('li[data-card-id="v2"]')?.nextElementSibling === null);
  assert.deepEqual(await cellOrder(page), ['v1', 'h1', 'v2']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Delete on a selection leaves the selected cards the filter hides', async () => {
  const { context, page, problems } = await openSeeded(env, (d, seed) => seed(d, [
    { id: 'm1', lane: 'touchpoints', stage: 0, text: 'Launch email', channel: 'email' },
    { id: 'm2', lane: 'touchpoints', stage: 1, text: 'Trade fair stand' },
  ]));
  await page.locator('li[data-card-id="m1"] .card-text').click({ modifiers: ['Control'] });
  await page.locator('li[data-card-id="m2"] .card-text').click({ modifiers: ['Control'] });
  await page.getByText('2 selected', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await openFacet(page, 'Channel');
  await page.getByRole('checkbox', { name: 'Email', exact: true }).check();
  await shown(page, 'm2').waitFor({ state: 'hidden' });
  await page.locator('li[data-card-id="m1"] .card-text').focus();
  await page.keyboard.press('Delete');
  await shown(page, 'm1').waitFor({ state: 'detached' });
  await status(page).getByRole('button').first().click();
  await shown(page, 'm2').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
