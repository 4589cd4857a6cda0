// What a person types is kept, and nothing they did not mean is left behind: a new card left
// empty goes without a trace, adding a card and its text is one undo step, a lifted card lets
// go of the keys once focus is elsewhere, focus stays with what was moved or lands beside what
// was removed, and text still in its field is kept when the page goes or the map is saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useServerAndBrowser, openPage, addCard, card, placeOf, liveText, stageNames,
} from '../support.mjs';

const env = useServerAndBrowser();

/** The texts of the cards the open map holds in local storage (none before it is first saved). */
function storedCardTexts(page) {
  return page.evaluate(() => {
    const current = JSON.parse(localStorage.getItem('traseu.ui') ?? '{}').current;
    const stored = current && localStorage.getItem(`traseu.map.${current}`);
    return stored ? JSON.parse(stored).map.cards.map((c) => c.text) : [];
  });
}

/** Waits until `read()` gives `want` (the page redraws after the key or click that changed it). */
async function eventually(read, want) {
  for (let i = 0; i < 100; i++) {
    if (JSON.stringify(await read()) === JSON.stringify(want)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.deepEqual(await read(), want);
}

const stageOf = (page, text) => async () => (await placeOf(page, text)).stage;

/** What has focus, as a person would name it. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.tagName;
  });
}

test('a new card left empty with Esc goes, with nothing saved and nothing to undo', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const before = await storedCardTexts(page);
  const undo = page.getByRole('button', { name: 'Undo' });
  const couldUndo = await undo.isEnabled();
  await page.getByRole('button', { name: 'Add card in Touchpoints, Awareness' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill('never kept');
  await editor.press('Escape');
  await editor.waitFor({ state: 'detached' });
  assert.equal(await card(page, '(empty card)').count(), 0);
  assert.equal(await card(page, 'never kept').count(), 0);
  assert.equal(await liveText(page), 'New card discarded: it was left empty.');
  await page.waitForFunction(() => document.activeElement?.classList.contains('add-card'));
  assert.equal(await focused(page), 'Add card in Touchpoints, Awareness');
  assert.equal(await undo.isEnabled(), couldUndo);
  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.deepEqual(await storedCardTexts(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('adding a card and its text is one undo step, and one redo step', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const before = await storedCardTexts(page);
  await addCard(page, 'Touchpoints', 'Awareness', 'Hello');
  await page.getByRole('button', { name: 'Undo' }).click();
  await card(page, 'Hello').waitFor({ state: 'detached' });
  assert.equal(await card(page, '(empty card)').count(), 0);
  await eventually(() => storedCardTexts(page), before);
  await page.getByRole('button', { name: 'Redo' }).click();
  await card(page, 'Hello').waitFor();
  assert.equal(await card(page, '(empty card)').count(), 0);
  // Editing a card's text afterwards is a step of its own.
  await card(page, 'Hello').click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill('Hello again');
  await editor.press('Control+Enter');
  await page.getByRole('button', { name: 'Undo' }).click();
  await card(page, 'Hello').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the editor’s delete button says what it deleted and leaves focus in the card’s cell', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Doomed');
  await card(page, 'Doomed').click();
  await page.getByRole('button', { name: 'Delete card' }).click();
  await card(page, 'Doomed').waitFor({ state: 'detached' });
  assert.equal(await liveText(page), 'Card “Doomed” deleted. Undo brings it back.');
  await page.waitForFunction(() => document.activeElement?.classList.contains('add-card'));
  assert.equal(await focused(page), 'Add card in Touchpoints, Awareness');
  await page.getByRole('button', { name: 'Undo' }).click();
  await card(page, 'Doomed').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a lifted card lets go of the keys once focus goes elsewhere', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Lifted');
  // Focus moved to a field by a click: the card stays put and the field gets every key.
  await card(page, 'Lifted').focus();
  await page.keyboard.press('Space');
  assert.equal(await card(page, 'Lifted').getAttribute('aria-pressed'), 'true');
  const title = page.getByRole('textbox', { name: 'Map title' });
  await title.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('My new map');
  assert.equal(await title.inputValue(), 'My new map');
  assert.equal(await title.evaluate((el) => el === document.activeElement), true);
  assert.equal(await card(page, 'Lifted').getAttribute('aria-pressed'), 'false');
  assert.equal(await stageOf(page, 'Lifted')(), 'Awareness');
  // Focus moved on with Tab: the arrows are the next control's, not the card's.
  await card(page, 'Lifted').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await eventually(stageOf(page, 'Lifted'), 'Consideration');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Lifted');
  await page.keyboard.press('Tab');
  assert.equal(await card(page, 'Lifted').getAttribute('aria-pressed'), 'false');
  await page.keyboard.press('ArrowRight');
  // A move would be applied in the key's handler and drawn by the next frame: wait for two.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await stageOf(page, 'Lifted')(), 'Consideration');
  // The move it made before focus left is one step undo takes back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await eventually(stageOf(page, 'Lifted'), 'Awareness');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a stage moved with Alt+arrows keeps focus in its name, so it can move again', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const names = await stageNames(page);
  const field = page.getByRole('textbox', { name: 'Stage name' }).first();
  await field.focus();
  await page.keyboard.press('Alt+ArrowRight');
  await page.waitForFunction((name) => document.activeElement?.value === name, names[0]);
  await page.keyboard.press('Alt+ArrowRight');
  await page.waitForFunction((name) => document.activeElement?.value === name, names[0]);
  assert.deepEqual(await stageNames(page), [names[1], names[2], names[0], ...names.slice(3)]);
  assert.equal(await liveText(page), `Stage “${names[0]}” is now column 3 of ${names.length}.`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('text still being typed is kept when the page is reloaded', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Draft');
  await card(page, 'Draft').click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Draft, typed on');
  await page.reload();
  await page.getByRole('table').first().waitFor();
  await card(page, 'Draft, typed on').waitFor();
  // A new card given no text before the reload leaves nothing behind.
  await page.getByRole('button', { name: 'Add card in Touchpoints, Awareness' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).waitFor();
  // The title typed without Enter.
  await page.getByRole('textbox', { name: 'Map title' }).fill('Typed, not entered');
  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Typed, not entered');
  assert.equal(await card(page, '(empty card)').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Ctrl+S while a card is being edited saves the text as typed', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'First words');
  await card(page, 'First words').click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Last words');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Control+s'),
  ]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const texts = saved.map.cards.map((c) => c.text);
  assert.ok(texts.includes('Last words'), `saved: ${texts}`);
  assert.ok(!texts.includes('First words'));
  await card(page, 'Last words').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('undo and redo keep focus on the card they moved, and on a button when they run out', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Wanderer');
  await card(page, 'Wanderer').focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Wanderer');
  }
  await page.keyboard.press('Space');
  const away = await stageOf(page, 'Wanderer')();
  await page.keyboard.press('Control+z');
  await eventually(stageOf(page, 'Wanderer'), 'Awareness');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Wanderer');
  await page.keyboard.press('Control+y');
  await eventually(stageOf(page, 'Wanderer'), away);
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Wanderer');
  // The Undo button pressed until nothing is left to undo: focus moves to Redo.
  const undo = page.getByRole('button', { name: 'Undo' });
  while (await undo.isEnabled()) await undo.click();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Redo');
  assert.deepEqual(problems, []);
  await context.close();
});

test('text being typed when another tab changes the same map is kept', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Awareness', 'Shared note');
  await eventually(async () => (await storedCardTexts(page)).includes('Shared note'), true);
  const other = await context.newPage();
  await other.goto(env.server.url);
  await other.getByRole('table').waitFor();
  await card(other, 'Shared note').waitFor();
  await card(page, 'Shared note').click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Typed here, not yet kept');
  await addCard(other, 'Pain points', 'Awareness', 'Written in the other tab');
  // This tab's text survives: in the open map, or in the copy kept beside the newer one.
  await page.waitForFunction(() => Object.keys(localStorage)
    .filter((k) => /^traseu\.map\.[^.]+$/.test(k))
    .some((k) => localStorage.getItem(k).includes('Typed here, not yet kept')));
  assert.deepEqual(problems, []);
  await context.close();
});
