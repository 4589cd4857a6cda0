// Issue 4: moving cards with a mouse, a finger, the keyboard and the "Move to…" dialog;
// undo and redo; all in Chromium against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, openTouchPage, axeViolations, addCard, card, placeOf, cellLocator,
  liveText, center, showTools,
} from '../support.mjs';
import { storageEntries } from '../../bench/mapgen.mjs';

const env = useServerAndBrowser();

/** A real mouse drag: press, one move per frame, release. */
async function mouseDrag(page, from, to) {
  const a = await center(from);
  const b = await center(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 12 });
  await page.mouse.up();
}

test('keyboard: Space lifts, arrows move, Enter drops, each move announced', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Pricing page');
  await addCard(page, 'Touchpoints', 'Consideration', 'Demo video');
  await card(page, 'Pricing page').focus();
  await page.keyboard.press('Space');
  assert.equal(await liveText(page), 'Card “Pricing page” picked up in Awareness, Touchpoints, position 1 of 1.');
  await page.keyboard.press('ArrowRight');
  assert.equal(await liveText(page), 'Card “Pricing page” moved to Consideration, Touchpoints, position 1 of 2.');
  await page.keyboard.press('ArrowDown');
  assert.equal(await liveText(page), 'Card “Pricing page” moved to Consideration, Touchpoints, position 2 of 2.');
  await page.keyboard.press('ArrowDown');
  assert.equal(await liveText(page), 'Card “Pricing page” moved to Consideration, Pain points, position 1 of 1.');
  await page.keyboard.press('Enter');
  assert.equal(await liveText(page), 'Card “Pricing page” dropped in Consideration, Pain points, position 1 of 1.');
  assert.deepEqual(await placeOf(page, 'Pricing page'), { stage: 'Consideration', lane: 'Pain points', index: 1 });
  // Focus stayed on the card through every move.
  assert.equal(await card(page, 'Pricing page').evaluate((el) => document.activeElement === el), true);
  // One drop is one undo step.
  await page.keyboard.press('Control+z');
  assert.deepEqual(await placeOf(page, 'Pricing page'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: Escape puts a lifted card back where it was', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Opportunities', 'Adoption', 'Weekly digest');
  await card(page, 'Weekly digest').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await placeOf(page, 'Weekly digest')).stage, 'Acquisition / Sign-up');
  await page.keyboard.press('Escape');
  assert.equal(await liveText(page), 'Move cancelled. Card “Weekly digest” is back in Adoption, Opportunities, position 1 of 1.');
  assert.deepEqual(await placeOf(page, 'Weekly digest'), { stage: 'Adoption', lane: 'Opportunities', index: 1 });
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), false, 'adding the card is undoable');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await card(page, 'Weekly digest').count(), 0, 'the cancelled move left no undo step of its own');
  await context.close();
});

test('keyboard: the move is announced in Romanian too', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  await page.getByRole('button', { name: 'Adaugă card în Puncte de contact, Integrare' }).click();
  await page.getByRole('textbox', { name: 'Textul cardului' }).fill('E-mail de bun venit');
  await page.getByRole('textbox', { name: 'Textul cardului' }).press('Control+Enter');
  await page.getByRole('button', { name: 'Editează cardul: E-mail de bun venit' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  assert.equal(await liveText(page), 'Cardul „E-mail de bun venit” a fost mutat în Adopție, Puncte de contact, poziția 1 din 1.');
  await page.keyboard.press('Space');
  await context.close();
});

test('"Move to…" moves a card to a chosen stage, lane and position without dragging', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Retention', 'No reminders');
  await addCard(page, 'Opportunities', 'Onboarding', 'Checklist');
  await addCard(page, 'Opportunities', 'Onboarding', 'Template gallery');
  await showTools(page, 'No reminders');
  await page.getByRole('button', { name: 'Move “No reminders” to…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move card “No reminders”' });
  await dialog.waitFor();
  await dialog.getByLabel('Stage').selectOption({ label: 'Onboarding' });
  await dialog.getByLabel('Lane').selectOption({ label: 'Opportunities' });
  await dialog.getByLabel('Position').selectOption({ label: '2 of 3' });
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Move' }).click();
  assert.equal(await liveText(page), 'Card “No reminders” moved to Onboarding, Opportunities, position 2 of 3.');
  assert.deepEqual(await placeOf(page, 'No reminders'), { stage: 'Onboarding', lane: 'Opportunities', index: 2 });
  assert.equal(await dialog.isVisible(), false);
  await context.close();
});

test('mouse: drag a card to another stage, then to another lane; undo and redo', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Podcast');
  await mouseDrag(page, card(page, 'Podcast'), cellLocator(page, 'Touchpoints', 'Onboarding'));
  assert.deepEqual(await placeOf(page, 'Podcast'), { stage: 'Onboarding', lane: 'Touchpoints', index: 1 });
  assert.equal(await liveText(page), 'Card “Podcast” dropped in Onboarding, Touchpoints, position 1 of 1.');
  await mouseDrag(page, card(page, 'Podcast'), cellLocator(page, 'Opportunities', 'Onboarding'));
  assert.deepEqual(await placeOf(page, 'Podcast'), { stage: 'Onboarding', lane: 'Opportunities', index: 1 });

  await page.keyboard.press('Control+z');
  assert.deepEqual(await placeOf(page, 'Podcast'), { stage: 'Onboarding', lane: 'Touchpoints', index: 1 });
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await placeOf(page, 'Podcast'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await placeOf(page, 'Podcast'), { stage: 'Onboarding', lane: 'Touchpoints', index: 1 });
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.deepEqual(await placeOf(page, 'Podcast'), { stage: 'Onboarding', lane: 'Opportunities', index: 1 });
  // A click without movement still opens the card for editing.
  await card(page, 'Podcast').click();
  await page.getByRole('textbox', { name: 'Card text' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('mouse: the drop position follows the pointer within a cell', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  for (const text of ['One', 'Two', 'Three']) await addCard(page, 'Touchpoints', 'Adoption', text);
  // Drop "Three" onto the upper half of "One": it becomes first.
  const one = await card(page, 'One').boundingBox();
  const three = await center(card(page, 'Three'));
  await page.mouse.move(three.x, three.y);
  await page.mouse.down();
  await page.mouse.move(one.x + 20, one.y + 4, { steps: 10 });
  await page.mouse.up();
  assert.deepEqual(await placeOf(page, 'Three'), { stage: 'Adoption', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(await placeOf(page, 'One'), { stage: 'Adoption', lane: 'Touchpoints', index: 2 });
  await context.close();
});

test('mouse: Escape or a drop outside the board leaves the card where it was', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Expansion', 'Seat pricing');
  const from = await center(card(page, 'Seat pricing'));
  const to = await center(cellLocator(page, 'Pain points', 'Retention'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  assert.equal(await page.locator('.ghost').count(), 1, 'a ghost follows the pointer');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  assert.deepEqual(await placeOf(page, 'Seat pricing'), { stage: 'Expansion', lane: 'Pain points', index: 1 });

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, 700, { steps: 8 });
  await page.mouse.up();
  assert.deepEqual(await placeOf(page, 'Seat pricing'), { stage: 'Expansion', lane: 'Pain points', index: 1 });
  assert.equal(await page.getByRole('textbox', { name: 'Card text' }).count(), 0, 'a drag is not a tap: no editor opened');
  await context.close();
});

test('touch: a finger drags a card to another lane', async () => {
  const { context, page, swipe } = await openTouchPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Consideration', 'Comparison table');
  const a = await center(card(page, 'Comparison table'));
  const b = await center(cellLocator(page, 'Opportunities', 'Consideration'));
  assert.equal(await swipe(a, b), 'touch');
  assert.deepEqual(await placeOf(page, 'Comparison table'), { stage: 'Consideration', lane: 'Opportunities', index: 1 });
  await context.close();
});

test('a big board: every card is in the accessibility tree, and the keyboard reaches and moves the last', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, storageEntries(1000));
  await page.reload();
  await page.getByRole('table').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li[data-card-id]').length === 1000);
  // Screen readers read the browser's accessibility tree, not the page: a card drawn in a cell
  // out of view must be a named button there too. (With `content-visibility: auto` on the
  // cells, Chromium left 664 of these 1,000 out.)
  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const cards = nodes.filter((n) => !n.ignored && n.role?.value === 'button' && /^Edit card: /.test(n.name?.value ?? ''));
  assert.equal(cards.length, 1000);
  // The last lane's last cell, far below the fold: focus scrolls its last card into view, and
  // the card moves as any card does.
  const last = page.locator('td.cell ul.cards').last();
  const count = await last.locator('li[data-card-id]').count();
  assert.equal(count, 20, '1,000 cards over 48 cells leave the last one 20');
  const face = last.locator('.card-text').last();
  await face.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => /moved to/.test(document.querySelector('[data-testid=live-region]').textContent));
  assert.match(await liveText(page), /moved to .*position 19 of 20\./);
  await page.keyboard.press('Enter');
  const box = await face.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= page.viewportSize().height, `the focused card is in view (${box.y})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a card held still at the board’s edge keeps scrolling it, and lands where the pointer ends', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Traveller');
  const scroller = page.locator('.board-scroll');
  const box = await scroller.boundingBox();
  const from = await center(card(page, 'Traveller'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 5, { steps: 3 });
  const edge = { x: box.x + box.width - 8, y: from.y + 5 };
  await page.mouse.move(edge.x, edge.y, { steps: 10 });
  const before = await scroller.evaluate((el) => el.scrollLeft);
  // No pointer moves while held here: the frames scroll on their own, well past one step.
  await page.waitForFunction((start) => document.querySelector('.board-scroll').scrollLeft - start > 150, before);
  await page.mouse.up();
  const landed = (await placeOf(page, 'Traveller')).stage;
  assert.notEqual(landed, 'Awareness');
  assert.deepEqual(problems, []);
  await context.close();
});
