// Issue 10, the whole journey at a glance: zoom (buttons, Ctrl + = − 0, fit) and density,
// remembered per map; the top bar on a phone; the skip link; whole lane names in Romanian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useServerAndBrowser, openPage, openTouchPage, axeViolations, addCard, card, placeOf, cellLocator,
  center, openLibrary, setTitle, stageNames,
} from '../support.mjs';

const env = useServerAndBrowser();

const WIDE = { width: 1440, height: 900 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, locale: 'ro-RO' };

/** The zoom as the controls show it, e.g. "100%". */
function zoomShown(page) {
  return page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: /^\d+%$/ }).textContent();
}

/** The zoom button that shows `percent`, e.g. "80%". */
function zoomLevel(page, percent) {
  return page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: percent, exact: true });
}

/** The zoom the board is drawn at, as the browser computed it. */
function boardZoom(page) {
  return page.getByRole('table').first().evaluate((t) => Number(getComputedStyle(t).zoom));
}

/** How many stage headers lie wholly inside the part of the board that is on screen. */
function stagesInView(page) {
  return page.evaluate(() => {
    const scroller = document.querySelector('.board-scroll').getBoundingClientRect();
    const right = Math.min(window.innerWidth, scroller.left + document.querySelector('.board-scroll').clientWidth);
    return [...document.querySelectorAll('table.board thead th')].filter((th) => {
      const r = th.getBoundingClientRect();
      return r.left >= 0 && r.right <= right && r.top >= 0 && r.bottom <= window.innerHeight;
    }).length;
  });
}

/** Whether the zoom shortcut just pressed was kept from the browser (its page zoom). */
async function pressPrevented(page, keys) {
  await page.evaluate(() => {
    window.lastKey = new Promise((ok) => window.addEventListener('keydown', function seen(e) {
      if (['Control', 'Meta', 'Shift', 'Alt'].includes(e.key)) return;
      window.removeEventListener('keydown', seen);
      ok(e.defaultPrevented);
    }));
  });
  await page.keyboard.press(keys);
  return page.evaluate(() => window.lastKey);
}

/** Every control of the top bar that is shown, and whether each lies wholly on screen. */
function topBarControls(page) {
  return page.locator('header.topbar').locator('a, button, input, select').evaluateAll((els) => els
    .filter((el) => el.checkVisibility())
    .map((el) => {
      const r = el.getBoundingClientRect();
      const name = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent;
      return { name: name.trim(), onScreen: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight };
    }));
}

test('at 1,440 × 900 "Fit the whole journey" shows all 8 stages, and cards still drag and move there', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.setViewportSize(WIDE);
  await addCard(page, 'Touchpoints', 'Awareness', 'Pricing page');
  await addCard(page, 'Pain points', 'Advocacy', 'No referral reward');
  assert.ok(await stagesInView(page) < 8, 'at 100% the journey does not fit');
  assert.deepEqual((await topBarControls(page)).filter((c) => !c.onScreen), [], 'the top bar fits');

  await page.getByRole('button', { name: 'Fit the whole journey' }).click();
  await zoomLevel(page, '100%').waitFor({ state: 'detached' });
  assert.equal(await stagesInView(page), 8);
  const fitted = await zoomShown(page);
  assert.match(fitted, /^\d+%$/);
  assert.ok(parseInt(fitted, 10) < 100 && parseInt(fitted, 10) >= 50, `fit zoom ${fitted}`);
  assert.equal(await boardZoom(page), parseInt(fitted, 10) / 100);
  assert.deepEqual(await axeViolations(page), []);

  // A mouse drag to the last stage: under the pointer, that cell is the target and the
  // insertion line is drawn before the card whose upper half the pointer is over.
  const from = await center(card(page, 'Pricing page'));
  const over = await card(page, 'No referral reward').boundingBox();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(over.x + over.width / 2, over.y + over.height / 4, { steps: 12 });
  // The ring lies over that cell and the line in the gap just above that card, at this zoom.
  const target = await cellLocator(page, 'Pain points', 'Advocacy').boundingBox();
  const ring = page.locator('.drop-highlight');
  await ring.waitFor();
  const shown = await ring.boundingBox();
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(shown[k] - target[k]) < 1, `ring ${k}: ${shown[k]} vs ${target[k]}`);
  const insertion = await page.locator('.drop-line').boundingBox();
  const lineMiddle = insertion.y + insertion.height / 2;
  assert.ok(lineMiddle < over.y && lineMiddle > over.y - 8, `line at ${lineMiddle}, card top at ${over.y}`);
  // Half the .4rem gap at this zoom: the line keeps to the gap as the board shrinks.
  const zoom = parseInt(fitted, 10) / 100;
  assert.ok(Math.abs(over.y - lineMiddle - 3 * zoom) < 0.5, `line ${over.y - lineMiddle} px above the card at zoom ${zoom}`);
  assert.ok(insertion.x >= target.x && insertion.x + insertion.width <= target.x + target.width);
  await page.mouse.up();
  assert.equal(await ring.count(), 0, 'the drop target goes with the drop');
  assert.deepEqual(await placeOf(page, 'Pricing page'), { stage: 'Advocacy', lane: 'Pain points', index: 1 });
  assert.deepEqual(await placeOf(page, 'No referral reward'), { stage: 'Advocacy', lane: 'Pain points', index: 2 });

  // The keyboard moves it on from there, at the same zoom.
  await card(page, 'Pricing page').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  assert.deepEqual(await placeOf(page, 'Pricing page'), { stage: 'Expansion', lane: 'Pain points', index: 1 });
  // The map itself changed, as it is saved.
  await page.waitForFunction(() => {
    const id = JSON.parse(localStorage.getItem('traseu.ui')).current;
    const { map } = JSON.parse(localStorage.getItem(`traseu.map.${id}`));
    const moved = map.cards.find((c) => c.text === 'Pricing page');
    return map.stages.find((s) => s.id === moved.stage).name === 'Expansion';
  });

  // A stage dragged by its grip: the line shows at the edge the pointer passed, and it lands there.
  const grip = await center(page.getByRole('columnheader', { name: 'Advocacy', exact: true }).locator('.grip'));
  const retention = await page.getByRole('columnheader', { name: 'Retention', exact: true }).boundingBox();
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(retention.x + retention.width * 0.8, grip.y + 30, { steps: 12 });
  const line = await page.locator('.reorder-line').boundingBox();
  assert.ok(Math.abs(line.x + line.width / 2 - (retention.x + retention.width)) < 3, 'the line is at its right edge');
  await page.mouse.up();
  assert.deepEqual((await stageNames(page)).slice(5), ['Retention', 'Advocacy', 'Expansion']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Ctrl + = − 0 zoom the board (not the page), and each map keeps its own zoom and density', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await setTitle(page, 'First map');
  assert.equal(await zoomShown(page), '100%');
  assert.equal(await pressPrevented(page, 'Control+='), true);
  assert.equal(await zoomShown(page), '110%');
  assert.equal(await boardZoom(page), 1.1);
  assert.equal(await pressPrevented(page, 'Control+-'), true);
  assert.equal(await pressPrevented(page, 'Control+-'), true);
  assert.equal(await zoomShown(page), '90%');
  assert.equal(await pressPrevented(page, 'Control+0'), true);
  assert.equal(await zoomShown(page), '100%');
  assert.equal(await boardZoom(page), 1);
  // Other Ctrl shortcuts are left to the browser.
  assert.equal(await pressPrevented(page, 'Control+9'), false);

  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  assert.equal(await zoomShown(page), '80%');
  const compact = page.getByRole('button', { name: 'Compact' });
  const wide = await page.getByRole('columnheader').first().evaluate((th) => th.getBoundingClientRect().width);
  await compact.click();
  assert.equal(await compact.getAttribute('aria-pressed'), 'true');
  const narrow = await page.getByRole('columnheader').first().evaluate((th) => th.getBoundingClientRect().width);
  assert.ok(narrow < wide, `compact columns are narrower (${narrow} < ${wide})`);

  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.equal(await zoomShown(page), '80%', 'remembered after a reload');
  assert.equal(await boardZoom(page), 0.8);
  assert.equal(await page.getByRole('button', { name: 'Compact' }).getAttribute('aria-pressed'), 'true');

  // Another map opens at its own (default) view; the first keeps its own.
  let library = await openLibrary(page);
  await library.getByRole('button', { name: 'New map' }).click();
  await page.getByRole('textbox', { name: 'Map title' }).waitFor();
  await zoomLevel(page, '100%').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Compact' }).getAttribute('aria-pressed'), 'false');
  library = await openLibrary(page);
  await library.getByRole('button', { name: /^First map changed/ }).click();
  await zoomLevel(page, '80%').waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'First map');
  // The view is this browser's, never part of the map.
  const inMap = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('traseu.map.'))
    .some((k) => /zoom|compact/.test(localStorage.getItem(k))));
  assert.equal(inMap, false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the skip link is the first stop and reaches the board in one Tab and Enter', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the board' });
  assert.equal(await skip.evaluate((a) => document.activeElement === a), true);
  const box = await skip.boundingBox();
  assert.ok(box.y >= 0 && box.height > 0, 'visible once focused');
  await page.keyboard.press('Enter');
  const add = page.getByRole('button', { name: 'Add card in Touchpoints, Awareness' });
  assert.equal(await add.evaluate((b) => document.activeElement === b), true);

  // With a card in the first cell, the card is where focus lands.
  await addCard(page, 'Touchpoints', 'Awareness', 'Search ad');
  await page.reload();
  await page.getByRole('table').first().waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await card(page, 'Search ad').evaluate((c) => document.activeElement === c), true);
  await context.close();
});

/**
 * For each header whose name is `name`: whether the name is shown whole, each word on one line,
 * inside its header cell.
 */
function shownWhole(page, name) {
  return page.evaluate((name) => [...document.querySelectorAll('table.board th .header-text')]
    .filter((el) => el.textContent === name)
    .map((el) => {
      const th = el.closest('th').getBoundingClientRect();
      const text = el.firstChild;
      const words = [];
      let at = 0;
      for (const word of name.split(' ')) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        at += word.length + 1;
        const rects = [...range.getClientRects()];
        words.push(rects.length === 1 && rects[0].left >= th.left && rects[0].right <= th.right
          && rects[0].top >= th.top && rects[0].bottom <= th.bottom);
      }
      return getComputedStyle(el).visibility === 'visible' && words.every(Boolean);
    }), name);
}

test('in Romanian, lane and stage names show whole at every zoom and density', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  await page.setViewportSize(WIDE);
  const names = ['Puncte de contact', 'Puncte de durere', 'Oportunități', 'Conștientizare', 'Achiziție / Înregistrare'];
  const check = async (when) => {
    for (const name of names) assert.deepEqual(await shownWhole(page, name), [true], `${name}, ${when}`);
  };
  await check('100%');
  await page.getByRole('button', { name: 'Încadrează tot traseul' }).click();
  await check(`fitted at ${await zoomShown(page)}`);
  await page.getByRole('button', { name: 'Compact' }).click();
  await check('compact');
  await page.getByRole('button', { name: 'Încadrează tot traseul' }).click();
  assert.equal(await stagesInView(page), 8);
  await check(`compact, fitted at ${await zoomShown(page)}`);
  for (let i = 0; i < 8; i++) await page.keyboard.press('Control+-');
  assert.equal(await zoomShown(page), '25%');
  await check('25%');
  await page.keyboard.press('Control+0');
  await page.getByRole('button', { name: 'Compact' }).click();
  await page.screenshot({ path: join(tmpdir(), 'traseu-layout-1440-ro.png') });
  // Editing shows the field's own text, over the name it hides.
  const field = page.getByRole('textbox', { name: 'Numele culoarului' }).first();
  await field.focus();
  assert.equal(await field.evaluate((f) => getComputedStyle(f).color !== 'rgba(0, 0, 0, 0)'), true);
  assert.equal(await page.locator('th:focus-within .header-text').evaluate((s) => getComputedStyle(s).visibility), 'hidden');
  await context.close();
});

test('on a 390 × 844 touch phone every top-bar action is reachable and a card drags by touch', async () => {
  const { context, page, swipe } = await openTouchPage(env.browser, env.server.url, PHONE);
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'the page itself does not scroll sideways');
  assert.ok(await page.locator('.board-scroll').evaluate((s) => s.scrollWidth > s.clientWidth), 'the board does');

  const controls = () => topBarControls(page);
  const shut = await controls();
  assert.deepEqual(shut.filter((c) => !c.onScreen), [], 'nothing shown runs off the screen');
  const shown = shut.map((c) => c.name);
  for (const always of ['Hărți', 'Titlul hărții', 'Meniu']) {
    assert.ok(shown.some((n) => n.includes(always)), `${always} is on the bar`);
  }
  assert.ok(!shown.includes('Distribuie'), 'Share is folded into the menu');

  const menu = page.getByRole('button', { name: 'Meniu' });
  await menu.tap();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  const open = await controls();
  assert.deepEqual(open.filter((c) => !c.onScreen), [], 'every action in the open menu is on screen');
  const reachable = open.map((c) => c.name).join(' | ');
  for (const action of ['Hărți', 'Titlul hărții', 'Anulează', 'Refă', 'Distribuie', 'Limba', 'Micșorează', 'Mărește', 'Încadrează tot traseul', 'Compact']) {
    assert.ok(reachable.includes(action), `${action} is reachable: ${reachable}`);
  }
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(tmpdir(), 'traseu-layout-390-ro-menu.png') });

  // Share opens its dialog from the menu, which stays open behind it; Esc closes the dialog,
  // then the menu, and focus goes back to the menu button.
  await page.getByRole('button', { name: 'Distribuie' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Distribuie această hartă' });
  await dialog.waitFor();
  assert.ok((await dialog.boundingBox()).width > 0, 'the dialog shows');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await menu.evaluate((b) => document.activeElement === b), true);
  // The lane column leaves room for the board, and lane names still show whole.
  const laneColumn = await page.getByRole('rowheader').first().evaluate((th) => th.getBoundingClientRect().width);
  assert.ok(laneColumn <= 130, `the lane column is narrow (${laneColumn} px)`);
  for (const name of ['Puncte de contact', 'Puncte de durere', 'Oportunități']) {
    assert.deepEqual(await shownWhole(page, name), [true], name);
  }
  await page.screenshot({ path: join(tmpdir(), 'traseu-layout-390-ro.png') });

  // The language can be changed from the menu, and the bar still fits in the new language.
  await menu.tap();
  await page.getByRole('combobox', { name: 'Limba' }).selectOption('en');
  const menuEn = page.getByRole('button', { name: 'Menu' });
  await menuEn.waitFor();
  assert.deepEqual((await controls()).filter((c) => !c.onScreen), []);
  await page.locator('body').tap({ position: { x: 200, y: 830 } });
  assert.equal(await menuEn.getAttribute('aria-expanded'), 'false', 'a tap outside closes the menu');

  // A finger drags a card to the next stage, and to another lane.
  await addCard(page, 'Touchpoints', 'Awareness', 'Podcast ad');
  const next = await page.getByRole('button', { name: 'Add card in Pain points, Consideration' }).boundingBox();
  const to = { x: next.x + 30, y: next.y - 10 };
  assert.ok(to.x < 390 - 48, 'the drop point is clear of the edge where the board scrolls');
  assert.equal(await swipe(await center(card(page, 'Podcast ad')), to), 'touch');
  assert.deepEqual(await placeOf(page, 'Podcast ad'), { stage: 'Consideration', lane: 'Pain points', index: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 390 px phone in English: lane names whole, the details dialog fits, analysis is a sheet', async () => {
  const { context, page } = await openTouchPage(env.browser, env.server.url, { ...PHONE, locale: 'en-US' });
  for (const name of ['Touchpoints', 'Pain points', 'Opportunities']) {
    assert.deepEqual(await shownWhole(page, name), [true], name);
  }
  await addCard(page, 'Pain points', 'Awareness', 'Slow export');
  await page.getByRole('button', { name: 'Details of “Slow export”' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Details of “Slow export”' });
  await dialog.waitFor();
  const overflow = await dialog.evaluate((d) => {
    const box = d.getBoundingClientRect();
    const out = [...d.querySelectorAll('input, select, button, textarea')]
      .filter((e) => e.getBoundingClientRect().width > 0)
      .filter((e) => e.getBoundingClientRect().right > box.right || e.getBoundingClientRect().left < box.left)
      .map((e) => e.getAttribute('aria-label') ?? e.name ?? e.textContent);
    return { out, scrolls: d.scrollWidth > d.clientWidth };
  });
  assert.deepEqual(overflow, { out: [], scrolls: false }, 'every field inside the dialog');
  await dialog.getByRole('button', { name: 'Done' }).tap();
  await page.getByRole('button', { name: 'Analysis' }).tap();
  const panel = page.locator('.analysis-panel');
  await panel.waitFor();
  assert.equal(Math.round((await panel.boundingBox()).width), 390, 'the panel takes the screen’s width');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
