// Cards: colour and tags; selecting several cards (Shift/Ctrl-click or Shift+Space) and moving
// or deleting them together, each as one undo step, announced in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, openTouchPage, axeViolations, addCard, card, placeOf, liveText, showTools,
} from '../support.mjs';

const env = useServerAndBrowser();

/** The note around a card's face, which carries its colour. */
const note = (page, text) => card(page, text).locator('xpath=..');

/** Whether the card's face is described as selected (its accessible description). */
function isSelected(page, text) {
  return card(page, text).evaluate((el) => (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .includes('Selected'));
}

/** The tag chips shown on a card. */
function chips(page, text) {
  return note(page, text).getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents();
}

async function center(locator) {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('a card takes a colour from its dialog; the colour stays after a reload and undoes', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Live chat');
  assert.match(await note(page, 'Live chat').getAttribute('class'), /colour-yellow/);
  await showTools(page, 'Live chat');
  await page.getByRole('button', { name: 'Colour and tags of “Live chat”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Colour and tags of “Live chat”' });
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('radio', { name: 'Yellow' }).isChecked(), true);
  await dialog.getByRole('radio', { name: 'Blue' }).check();
  assert.match(await note(page, 'Live chat').getAttribute('class'), /colour-blue/);
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.equal(await dialog.isVisible(), false);
  // Focus goes back to the card the dialog was for.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Live chat');

  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.match(await note(page, 'Live chat').getAttribute('class'), /colour-blue/);
  await showTools(page, 'Live chat');
  await page.getByRole('button', { name: 'Colour and tags of “Live chat”' }).click();
  assert.equal(await dialog.getByRole('radio', { name: 'Blue' }).isChecked(), true);
  await dialog.getByRole('radio', { name: 'Purple' }).check();
  await page.keyboard.press('Escape');
  assert.equal(await dialog.isVisible(), false);
  assert.match(await note(page, 'Live chat').getAttribute('class'), /colour-purple/);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.match(await note(page, 'Live chat').getAttribute('class'), /colour-blue/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('tags are added and removed in the dialog, shown as chips, announced and undoable', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Onboarding', 'Setup takes a day');
  await showTools(page, 'Setup takes a day');
  await page.getByRole('button', { name: 'Colour and tags of “Setup takes a day”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Colour and tags of “Setup takes a day”' });
  const field = dialog.getByRole('textbox', { name: 'New tag' });
  await field.fill(' b2b ');
  await field.press('Enter');
  assert.equal(await liveText(page), 'Tag “b2b” added.');
  await field.fill('interview');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  assert.equal(await liveText(page), 'Tag “interview” added.');
  assert.equal(await field.inputValue(), '');
  // The same tag twice is kept once.
  await field.fill('b2b');
  await field.press('Enter');
  assert.deepEqual(await dialog.getByRole('listitem').allTextContents(), ['b2b×', 'interview×']);
  assert.deepEqual(await axeViolations(page), []);

  await dialog.getByRole('button', { name: 'Remove tag “b2b”' }).click();
  assert.equal(await liveText(page), 'Tag “b2b” removed.');
  assert.equal(await field.evaluate((el) => document.activeElement === el), true);
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.deepEqual(await chips(page, 'Setup takes a day'), ['interview']);

  await page.keyboard.press('Control+z');
  assert.deepEqual(await chips(page, 'Setup takes a day'), ['b2b', 'interview']);
  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.deepEqual(await chips(page, 'Setup takes a day'), ['b2b', 'interview']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Shift- and Ctrl-click select cards; "Move to…" moves them together as one undo step', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Ad');
  await addCard(page, 'Touchpoints', 'Consideration', 'Webinar');
  await addCard(page, 'Pain points', 'Awareness', 'Jargon');
  await addCard(page, 'Touchpoints', 'Onboarding', 'Welcome call');
  await card(page, 'Ad').click({ modifiers: ['Shift'] });
  assert.equal(await liveText(page), '“Ad” selected; 1 selected in all.');
  await card(page, 'Webinar').click({ modifiers: ['Control'] });
  await card(page, 'Jargon').click({ modifiers: ['Shift'] });
  await card(page, 'Welcome call').click({ modifiers: ['Control'] });
  await card(page, 'Welcome call').click({ modifiers: ['Control'] });
  assert.equal(await liveText(page), '“Welcome call” no longer selected; 3 selected in all.');
  assert.equal(await page.getByRole('textbox', { name: 'Card text' }).count(), 0, 'a modified click does not edit');
  for (const text of ['Ad', 'Webinar', 'Jargon']) assert.equal(await isSelected(page, text), true, text);
  assert.equal(await isSelected(page, 'Welcome call'), false);
  assert.match(await note(page, 'Ad').getAttribute('class'), /\bselected\b/);
  const bar = page.getByRole('group', { name: 'Selected cards' });
  assert.equal((await bar.textContent()).includes('3 selected'), true);
  assert.deepEqual(await axeViolations(page), []);

  await showTools(page, 'Webinar');
  await page.getByRole('button', { name: 'Move “Webinar” to…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move 3 cards' });
  await dialog.waitFor();
  await dialog.getByLabel('Stage').selectOption({ label: 'Onboarding' });
  await dialog.getByLabel('Lane').selectOption({ label: 'Touchpoints' });
  await dialog.getByLabel('Position').selectOption({ label: '2 of 2' });
  await dialog.getByRole('button', { name: 'Move' }).click();
  assert.equal(await liveText(page), '3 cards moved to Onboarding, Touchpoints.');
  // Journey order: by stage, then lane, then position.
  const at = (index) => ({ stage: 'Onboarding', lane: 'Touchpoints', index });
  assert.deepEqual(await placeOf(page, 'Welcome call'), at(1));
  assert.deepEqual(await placeOf(page, 'Ad'), at(2));
  assert.deepEqual(await placeOf(page, 'Jargon'), at(3));
  assert.deepEqual(await placeOf(page, 'Webinar'), at(4));

  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await placeOf(page, 'Ad'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(await placeOf(page, 'Webinar'), { stage: 'Consideration', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(await placeOf(page, 'Jargon'), { stage: 'Awareness', lane: 'Pain points', index: 1 });
  assert.deepEqual(await placeOf(page, 'Welcome call'), at(1));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a card's tools show on the card under the pointer or holding focus, and always on a touch screen", async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Onboarding', 'Slow import');
  await addCard(page, 'Pain points', 'Onboarding', 'No templates');
  const move = (text) => page.getByRole('button', { name: `Move “${text}” to…` });
  // Away from the board no card shows them (the page just had its focus in the last editor).
  await page.mouse.move(1, 1);
  await page.locator('body').focus();
  await page.evaluate(() => document.activeElement?.blur());
  assert.equal(await move('Slow import').count(), 0);
  assert.equal(await move('No templates').count(), 0);

  // Under the pointer: that card's, and only that card's.
  await card(page, 'Slow import').hover();
  assert.equal(await move('Slow import').isVisible(), true);
  assert.equal(await move('No templates').count(), 0);
  const before = await card(page, 'No templates').boundingBox();

  // From the keyboard: focus on a card shows them, and Tab goes on to them in order.
  await page.mouse.move(1, 1);
  await card(page, 'No templates').focus();
  assert.equal(await move('Slow import').count(), 0);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await move('No templates').evaluate((el) => document.activeElement === el), true);
  // Showing them moves nothing.
  assert.deepEqual(await card(page, 'No templates').boundingBox(), before);
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Move card “No templates”' }).waitFor();
  await context.close();

  // A touch screen has no pointer to hover: every card shows them.
  const touch = await openTouchPage(env.browser, env.server.url);
  await addCard(touch.page, 'Pain points', 'Onboarding', 'Slow import');
  await addCard(touch.page, 'Pain points', 'Onboarding', 'No templates');
  await touch.page.locator('body').focus();
  await touch.page.evaluate(() => document.activeElement?.blur());
  for (const text of ['Slow import', 'No templates']) {
    assert.equal(await touch.page.getByRole('button', { name: `Move “${text}” to…` }).isVisible(), true, text);
  }
  await touch.context.close();
});

test('Delete removes the selected cards; one undo brings them all back', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Opportunities', 'Retention', 'Loyalty perks');
  await addCard(page, 'Opportunities', 'Retention', 'Usage report');
  await addCard(page, 'Opportunities', 'Retention', 'Annual plan');
  await addCard(page, 'Pain points', 'Expansion', 'Seat limits');
  await card(page, 'Loyalty perks').click({ modifiers: ['Control'] });
  await card(page, 'Annual plan').click({ modifiers: ['Control'] });
  await card(page, 'Seat limits').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Delete');
  assert.equal(await liveText(page), '3 cards deleted. Undo brings them back.');
  for (const text of ['Loyalty perks', 'Annual plan', 'Seat limits']) assert.equal(await card(page, text).count(), 0, text);
  assert.deepEqual(await placeOf(page, 'Usage report'), { stage: 'Retention', lane: 'Opportunities', index: 1 });
  assert.equal(await page.getByRole('group', { name: 'Selected cards' }).count(), 0, 'the selection went with them');
  // Focus is not lost to the top of the page: it waits in the first deleted card's cell.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Add card in Opportunities, Retention');

  await page.keyboard.press('Control+z');
  assert.deepEqual(await placeOf(page, 'Loyalty perks'), { stage: 'Retention', lane: 'Opportunities', index: 1 });
  assert.deepEqual(await placeOf(page, 'Usage report'), { stage: 'Retention', lane: 'Opportunities', index: 2 });
  assert.deepEqual(await placeOf(page, 'Annual plan'), { stage: 'Retention', lane: 'Opportunities', index: 3 });
  assert.deepEqual(await placeOf(page, 'Seat limits'), { stage: 'Expansion', lane: 'Pain points', index: 1 });

  // The bar's button does the same.
  await card(page, 'Usage report').click({ modifiers: ['Shift'] });
  await card(page, 'Seat limits').click({ modifiers: ['Shift'] });
  await page.getByRole('group', { name: 'Selected cards' }).getByRole('button', { name: 'Delete' }).click();
  assert.equal(await liveText(page), '2 cards deleted. Undo brings them back.');
  assert.equal(await card(page, 'Usage report').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await placeOf(page, 'Usage report'), { stage: 'Retention', lane: 'Opportunities', index: 2 });
  assert.equal(await card(page, 'Seat limits').count(), 1);
  await context.close();
});

test('keyboard: Shift+Space selects, a lifted card carries the selection, Esc clears it', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Blog post');
  await addCard(page, 'Touchpoints', 'Awareness', 'Newsletter');
  await addCard(page, 'Touchpoints', 'Consideration', 'Case study');
  await card(page, 'Blog post').focus();
  await page.keyboard.press('Shift+Space');
  assert.equal(await liveText(page), '“Blog post” selected; 1 selected in all.');
  await card(page, 'Case study').focus();
  await page.keyboard.press('Shift+Space');
  assert.equal(await liveText(page), '“Case study” selected; 2 selected in all.');
  assert.equal(await isSelected(page, 'Blog post'), true);
  assert.equal(await isSelected(page, 'Newsletter'), false);

  await page.keyboard.press('Space');
  assert.equal(await liveText(page), '2 cards picked up with “Case study”.');
  await page.keyboard.press('ArrowRight');
  assert.equal(await liveText(page), '2 cards moved to Acquisition / Sign-up, Touchpoints.');
  await page.keyboard.press('Enter');
  assert.equal(await liveText(page), '2 cards dropped in Acquisition / Sign-up, Touchpoints.');
  assert.deepEqual(await placeOf(page, 'Blog post'), { stage: 'Acquisition / Sign-up', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(await placeOf(page, 'Case study'), { stage: 'Acquisition / Sign-up', lane: 'Touchpoints', index: 2 });
  assert.deepEqual(await placeOf(page, 'Newsletter'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  assert.equal(await card(page, 'Case study').evaluate((el) => document.activeElement === el), true);

  await page.keyboard.press('Escape');
  assert.equal(await liveText(page), 'Selection cleared.');
  assert.equal(await isSelected(page, 'Blog post'), false);
  assert.equal(await page.getByRole('group', { name: 'Selected cards' }).count(), 0);
  // The whole keyboard move was one step.
  await page.keyboard.press('Control+z');
  assert.deepEqual(await placeOf(page, 'Blog post'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(await placeOf(page, 'Case study'), { stage: 'Consideration', lane: 'Touchpoints', index: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('mouse: dragging a selected card moves the selection with it, announced in Romanian', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  const add = async (lane, stage, text) => {
    await page.getByRole('button', { name: `Adaugă card în ${lane}, ${stage}` }).click();
    await page.getByRole('textbox', { name: 'Textul cardului' }).fill(text);
    await page.getByRole('textbox', { name: 'Textul cardului' }).press('Control+Enter');
  };
  await add('Puncte de contact', 'Conștientizare', 'Reclamă');
  await add('Puncte de contact', 'Considerare', 'Demo');
  const face = (text) => page.getByRole('button', { name: `Editează cardul: ${text}`, exact: true });
  await face('Reclamă').click({ modifiers: ['Control'] });
  await face('Demo').click({ modifiers: ['Control'] });
  const cell = page.getByRole('button', { name: 'Adaugă card în Oportunități, Integrare' }).locator('xpath=ancestor::td[1]');
  const from = await center(face('Demo'));
  const to = await center(cell);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  assert.equal(await page.locator('.ghost').textContent(), 'Demo2');
  await page.mouse.up();
  assert.equal(await liveText(page), 'Carduri lăsate în Integrare, Oportunități: 2.');
  const where = (text) => face(text).evaluate((el) => el.closest('td').dataset.stage + '/' + el.closest('td').dataset.lane);
  assert.equal(await where('Reclamă'), await where('Demo'));
  assert.deepEqual(await cell.getByRole('button', { name: /^Editează cardul/ }).allTextContents(), ['Reclamă', 'Demo']);
  await context.close();
});
