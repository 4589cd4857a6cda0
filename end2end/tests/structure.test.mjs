// Stages and lanes: rename in place, move (menu, keys, or dragging the grip with a mouse or a
// finger), add, hide and delete, each undoable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, openTouchPage, addCard, placeOf, liveText, stageNames, laneNames,
  axeViolations, center,
} from '../support.mjs';

const env = useServerAndBrowser();

const stageInput = (page, i) => page.getByRole('textbox', { name: 'Stage name' }).nth(i);

test('a stage is renamed in place and keeps its name after a reload', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await stageInput(page, 1).fill('Research');
  await stageInput(page, 1).press('Enter');
  assert.equal((await stageNames(page))[1], 'Research');
  assert.ok(await page.getByRole('button', { name: 'Add card in Touchpoints, Research' }).isVisible());
  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.equal((await stageNames(page))[1], 'Research');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Blanks a header's name field and checks the refusal is told and the field shows the name kept. */
async function blankIsRefused(page, field, kept) {
  await field.fill('   ');
  await field.press('Enter');
  await page.getByRole('alert').getByText('That change was not made: a name cannot be empty.').waitFor();
  assert.equal(await field.inputValue(), kept, 'the field shows the name the map holds');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'nothing changed');
}

test('a blank stage name is refused: the notice says why and the header keeps its name', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await blankIsRefused(page, stageInput(page, 1), 'Consideration');
  assert.equal((await stageNames(page))[1], 'Consideration');
  assert.equal(await page.getByRole('columnheader', { name: 'Consideration' }).count(), 1);
  // A kept name shows as the map holds it, trimmed.
  await stageInput(page, 1).fill('  Research  ');
  await stageInput(page, 1).press('Enter');
  assert.equal(await stageInput(page, 1).inputValue(), 'Research');
  // A change that applies clears the refusal.
  await page.getByText('That change was not made: a name cannot be empty.').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a blank lane name is refused the same way', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const lane = page.getByRole('textbox', { name: 'Lane name' }).nth(2);
  await blankIsRefused(page, lane, 'Pain points');
  assert.deepEqual(await laneNames(page), ['Touchpoints', 'Emotions', 'Pain points', 'Opportunities']);
  await context.close();
});

test('stages move with their menu and with Alt+arrows, and each move is announced', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Billboard');
  await page.locator('summary[aria-label="Actions for stage Awareness"]').click();
  await page.getByRole('button', { name: 'Move right' }).click();
  assert.deepEqual((await stageNames(page)).slice(0, 2), ['Consideration', 'Awareness']);
  assert.equal(await liveText(page), 'Stage “Awareness” is now column 2 of 8.');
  // The card went with its stage.
  assert.deepEqual(await placeOf(page, 'Billboard'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  await stageInput(page, 1).focus();
  await page.keyboard.press('Alt+ArrowLeft');
  assert.deepEqual((await stageNames(page)).slice(0, 2), ['Awareness', 'Consideration']);
  await context.close();
});

test('a header menu opens from the keyboard, Escape or a press outside closes it, and one is open at a time', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const toggle = page.locator('summary[aria-label="Actions for stage Awareness"]');
  const menu = page.locator('details.menu', { has: toggle });
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.evaluate((d) => d.open), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Move left');
  await page.keyboard.press('Escape');
  assert.equal(await menu.evaluate((d) => d.open), false, 'Escape closes the menu');
  assert.equal(await toggle.evaluate((el) => el === document.activeElement), true);
  // Closed, Escape is not the menu's: the menu stays shut and nothing else changes.
  await page.keyboard.press('Escape');
  assert.equal(await menu.evaluate((d) => d.open), false);

  // One menu open at a time, and a press outside closes it.
  const openMenus = () => page.evaluate(() => [...document.querySelectorAll('details.menu[open] summary')]
    .map((s) => s.getAttribute('aria-label')));
  await toggle.click();
  await page.locator('summary[aria-label="Actions for lane Pain points"]').click();
  assert.deepEqual(await openMenus(), ['Actions for lane Pain points']);
  await page.getByText('Kind of lane').click();
  assert.deepEqual(await openMenus(), [], 'a press outside closes the menu');
  await context.close();
});

test('a deleted stage comes back with its cards on undo; a new stage can be added', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Onboarding', 'Too many emails');
  await page.locator('summary[aria-label="Actions for stage Onboarding"]').click();
  await page.getByRole('button', { name: 'Delete stage' }).click();
  assert.equal((await stageNames(page)).includes('Onboarding'), false);
  assert.equal(await liveText(page), 'Stage “Onboarding” deleted. Undo brings it back.');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal((await stageNames(page))[3], 'Onboarding');
  assert.deepEqual(await placeOf(page, 'Too many emails'), { stage: 'Onboarding', lane: 'Pain points', index: 1 });

  await page.locator('summary[aria-label="Actions for stage Advocacy"]').click();
  await page.getByRole('button', { name: 'Add a stage after' }).click();
  const names = await stageNames(page);
  assert.equal(names.length, 9);
  assert.equal(names[8], 'New stage');
  // The new stage has a point on the emotion curve, neutral until set.
  assert.equal(await page.getByRole('slider', { name: 'New stage' }).getAttribute('aria-valuenow'), '0');
  await context.close();
});

test('lanes: add any kind, rename, move, hide and show, delete and undo', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByLabel('Kind of lane').selectOption({ label: 'Goals' });
  await page.getByRole('button', { name: 'Add lane' }).click();
  assert.deepEqual(await laneNames(page), ['Touchpoints', 'Emotions', 'Pain points', 'Opportunities', 'Goals']);

  const goals = page.getByRole('textbox', { name: 'Lane name' }).nth(4);
  await goals.fill('Jobs to be done');
  await goals.press('Enter');
  await goals.focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.equal(await liveText(page), 'Lane “Jobs to be done” is now row 4 of 5.');
  assert.deepEqual(await laneNames(page), ['Touchpoints', 'Emotions', 'Pain points', 'Jobs to be done', 'Opportunities']);

  await page.locator('summary[aria-label="Actions for lane Pain points"]').click();
  await page.getByRole('button', { name: 'Hide lane' }).click();
  assert.deepEqual(await laneNames(page), ['Touchpoints', 'Emotions', 'Jobs to be done', 'Opportunities']);
  await page.getByRole('button', { name: 'Show Pain points' }).click();
  assert.deepEqual(await laneNames(page), ['Touchpoints', 'Emotions', 'Pain points', 'Jobs to be done', 'Opportunities']);

  await addCard(page, 'Opportunities', 'Retention', 'Loyalty perks');
  await page.locator('summary[aria-label="Actions for lane Opportunities"]').click();
  await page.getByRole('button', { name: 'Delete lane' }).click();
  assert.equal((await laneNames(page)).includes('Opportunities'), false);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await placeOf(page, 'Loyalty perks'), { stage: 'Retention', lane: 'Opportunities', index: 1 });
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

const grip = (page, role, name) => page.getByRole(role, { name, exact: true }).locator('.grip');

test('mouse: a stage dragged by its grip lands where the line shows, as one undo step', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Billboard');
  const from = await center(grip(page, 'columnheader', 'Awareness'));
  const target = await page.getByRole('columnheader', { name: 'Acquisition / Sign-up' }).boundingBox();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Past the middle of "Acquisition / Sign-up": the stage goes after it.
  await page.mouse.move(target.x + target.width * 0.8, from.y + 40, { steps: 12 });
  assert.equal(await page.locator('.reorder-line').count(), 1, 'an insertion line shows');
  assert.equal(await page.getByRole('columnheader', { name: 'Awareness' }).getAttribute('class'), 'stage dragging');
  const line = await page.locator('.reorder-line').boundingBox();
  assert.ok(Math.abs(line.x + line.width / 2 - (target.x + target.width)) < 4, 'the line is at its right edge');
  await page.mouse.up();
  assert.equal(await page.locator('.reorder-line').count(), 0);
  assert.deepEqual((await stageNames(page)).slice(0, 4),
    ['Consideration', 'Acquisition / Sign-up', 'Awareness', 'Onboarding']);
  assert.equal(await liveText(page), 'Stage “Awareness” is now column 3 of 8.');
  assert.deepEqual(await placeOf(page, 'Billboard'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 });
  await page.keyboard.press('Control+z');
  assert.deepEqual((await stageNames(page)).slice(0, 2), ['Awareness', 'Consideration']);
  assert.deepEqual(await placeOf(page, 'Billboard'), { stage: 'Awareness', lane: 'Touchpoints', index: 1 },
    'the card is still there: the drag was a single step');
  assert.deepEqual(problems, []);
  await context.close();
});

test('mouse: Escape cancels a stage drag, and says so', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const before = await stageNames(page);
  const from = await center(grip(page, 'columnheader', 'Acquisition / Sign-up'));
  const to = await center(page.getByRole('columnheader', { name: 'Awareness' }));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x - 40, to.y, { steps: 10 });
  assert.equal(await page.locator('.reorder-line').count(), 1);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.reorder-line').count(), 0);
  await page.mouse.move(to.x - 60, to.y, { steps: 3 });
  await page.mouse.up();
  assert.deepEqual(await stageNames(page), before);
  assert.equal(await liveText(page), 'Move cancelled; “Acquisition / Sign-up” stays where it was.');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true);
  await context.close();
});

test('mouse: a lane is dragged to the top; the move is announced in Romanian', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  const from = await center(grip(page, 'rowheader', 'Oportunități'));
  const top = await page.getByRole('rowheader', { name: 'Puncte de contact' }).boundingBox();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, top.y + 5, { steps: 12 });
  await page.mouse.up();
  assert.deepEqual(await laneNames(page), ['Oportunități', 'Puncte de contact', 'Emoții', 'Puncte de durere']);
  assert.equal(await liveText(page), 'Culoarul „Oportunități” este acum rândul 1 din 4.');
  await context.close();
});

test('touch: a finger drags a stage by its grip; undo puts it back', async () => {
  const { context, page, swipe } = await openTouchPage(env.browser, env.server.url);
  const from = await center(grip(page, 'columnheader', 'Consideration'));
  const awareness = await page.getByRole('columnheader', { name: 'Awareness' }).boundingBox();
  assert.equal(await swipe(from, { x: awareness.x + 10, y: from.y }), 'touch');
  assert.deepEqual((await stageNames(page)).slice(0, 2), ['Consideration', 'Awareness']);
  assert.equal(await liveText(page), 'Stage “Consideration” is now column 1 of 8.');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual((await stageNames(page)).slice(0, 2), ['Awareness', 'Consideration']);
  await context.close();
});
