// The map away from the board: presented stage by stage in a meeting room (keys, buttons,
// swipes, a live region saying each slide), printed on landscape pages, and a blank worksheet
// printed for a paper workshop, in English and Romanian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, openTouchPage, axeViolations, liveText, stageNames, setTitle,
} from '../support.mjs';
import { openSeeded, seedInto } from '../seed.mjs';

const env = useServerAndBrowser();

/** Opens the example map (eight SaaS stages, Ana Popescu's curve) from the library. */
async function openExample(page, { maps = 'Maps', example = 'Open the example map' } = {}) {
  await page.getByRole('button', { name: maps, exact: true }).click();
  await page.getByRole('button', { name: example }).click();
  await page.locator('.persona-header strong').getByText('Ana Popescu', { exact: true }).waitFor();
}

const presentation = (page) => page.getByRole('dialog', { name: /^(Presenting|Prezentarea) / });
const slideTitle = (page) => presentation(page).getByRole('heading', { level: 2 });

/** Waits until the live region says `text`, and the slide's heading reads `heading`. */
async function onSlide(page, heading, said) {
  await page.waitForFunction(([h, s]) => document.querySelector('.presentation h2')?.textContent === h
    && document.querySelector('[data-testid=live-region]').textContent === s, [heading, said]);
  assert.equal(await slideTitle(page).textContent(), heading);
  assert.equal(await liveText(page), said);
}

/** Each lane heading of the slide with the texts of its cards. */
async function slideLanes(page) {
  return presentation(page).locator('.slide-lane').evaluateAll((lanes) => lanes.map((l) => [
    l.querySelector('h3').textContent,
    [...l.querySelectorAll('.slide-card')].map((c) => [...c.querySelectorAll('p')].map((p) => p.textContent)),
  ]));
}

test('presenting walks the map stage by stage with the keyboard, says each stage and ends on the whole journey', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await openExample(page);
  // A change that undo would take back, were the board's shortcuts to reach the map.
  await setTitle(page, 'Agency journey');
  const present = page.getByRole('button', { name: 'Present', exact: true });
  await present.click();
  await presentation(page).waitFor();
  assert.equal(await presentation(page).getAttribute('aria-label'), 'Presenting “Agency journey”');
  await onSlide(page, 'Awareness', 'Stage 1 of 8: Awareness');
  // "1 / 8" is seen; "Stage 1 of 8" is read.
  assert.equal(await presentation(page).locator('.slide-number [aria-hidden=true]').textContent(), '1 / 8');
  assert.equal(await presentation(page).locator('.slide-number .visually-hidden').textContent(), 'Stage 1 of 8');
  // Everything behind is out of reach while the live region keeps speaking.
  assert.equal(await page.locator('header.topbar').getAttribute('inert'), '');
  assert.equal(await page.locator('main').getAttribute('inert'), '');
  assert.equal(await page.getByTestId('live-region').getAttribute('inert'), null);

  await page.keyboard.press('ArrowRight');
  await onSlide(page, 'Consideration', 'Stage 2 of 8: Consideration');
  await page.keyboard.press('PageDown');
  await onSlide(page, 'Acquisition / Sign-up', 'Stage 3 of 8: Acquisition / Sign-up');
  await page.keyboard.press(' ');
  await onSlide(page, 'Onboarding', 'Stage 4 of 8: Onboarding');
  assert.equal(await presentation(page).locator('.slide-number [aria-hidden=true]').textContent(), '4 / 8');

  // The stage's cards under their lanes, with their channels; Ana's feeling there, and why.
  const lanes = await slideLanes(page);
  assert.deepEqual(lanes.map(([name]) => name), ['Actions', 'Touchpoints', 'Pain points', 'Opportunities', 'Metrics']);
  assert.deepEqual(lanes[1][1], [
    ['Welcome email series', 'Onboarding email'],
    ['Video tutorial: importing a spreadsheet', 'Tutorial'],
    ['Live chat about a failed import', 'Live chat'],
  ]);
  assert.ok(lanes[2][1].some(([text]) => text === 'Spreadsheet import fails on merged cells'), JSON.stringify(lanes[2]));
  assert.match(lanes[4][1][0].at(-1), /%/, 'the metric is read out on its card');
  assert.equal(await presentation(page).locator('.slide-feels').textContent(), 'Ana Popescu feels −2 (negative)');
  assert.equal(await presentation(page).locator('.slide-note').textContent(), 'Frustrated: the import fails twice');
  assert.equal(await presentation(page).locator('.slide-feeling svg.face.score-2').count(), 1);
  assert.deepEqual(await axeViolations(page), []);

  await page.keyboard.press('ArrowLeft');
  await onSlide(page, 'Acquisition / Sign-up', 'Stage 3 of 8: Acquisition / Sign-up');
  await page.keyboard.press('PageUp');
  await onSlide(page, 'Consideration', 'Stage 2 of 8: Consideration');

  // End: the overview, the curve through every stage with the stage names under it.
  await page.keyboard.press('End');
  await onSlide(page, 'The whole journey', 'The whole journey');
  const curve = presentation(page).getByRole('group', { name: 'Emotion curve for Ana Popescu' });
  const points = await curve.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.equal(points.length, 8);
  assert.equal(points[3], 'Onboarding: −2 (negative)');
  assert.deepEqual(await presentation(page).locator('.overview-stages li').allTextContents(), await stageNames(page));
  assert.deepEqual(await axeViolations(page), []);
  // Past the last slide nothing changes; Home goes back to the first.
  await page.keyboard.press('ArrowRight');
  assert.equal(await slideTitle(page).textContent(), 'The whole journey');
  await page.keyboard.press('Home');
  await onSlide(page, 'Awareness', 'Stage 1 of 8: Awareness');

  // Esc at the sixth stage: back on the board, focus on "Present", that stage's column in view.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await onSlide(page, 'Retention', 'Stage 6 of 8: Retention');
  // The board's own shortcuts do not reach a map shown read-only.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  await presentation(page).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Present');
  assert.equal(await page.locator('header.topbar').getAttribute('inert'), null);
  const shown = await page.evaluate(() => {
    const th = [...document.querySelectorAll('table.board thead th[data-stage]')][5];
    const scroller = th.closest('.board-scroll').getBoundingClientRect();
    const corner = document.querySelector('table.board td.corner').getBoundingClientRect();
    const box = th.getBoundingClientRect();
    return { name: th.querySelector('input').value, left: box.left, right: box.right, from: scroller.left + corner.width - 1, to: scroller.right };
  });
  assert.equal(shown.name, 'Retention');
  assert.ok(shown.left >= shown.from && shown.right <= shown.to, JSON.stringify(shown));
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Agency journey');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a swipe on a touch screen turns the slide, and the buttons turn it and close it', async () => {
  const { context, page, swipe } = await openTouchPage(env.browser, env.server.url);
  await seedInto(page, (d, seed) => seed(d, [
    { id: 'o1', lane: 'opportunities', stage: 0, text: 'Explain the plans', status: 'in_progress', channel: 'pricing_page' },
    { id: 't1', lane: 'touchpoints', stage: 1, text: 'Welcome email', channel: 'email' },
  ]));
  const stages = await stageNames(page);
  const n = stages.length;
  await page.getByRole('button', { name: 'Present', exact: true }).tap();
  await presentation(page).waitFor();
  await onSlide(page, stages[0], `Stage 1 of ${n}: ${stages[0]}`);
  assert.deepEqual(await slideLanes(page), [['Opportunities', [['Explain the plans', 'Pricing page · In progress']]]]);

  const box = await presentation(page).boundingBox();
  const y = box.y + box.height / 2;
  assert.equal(await swipe({ x: box.x + box.width * 0.8, y }, { x: box.x + box.width * 0.2, y: y + 10 }), 'touch');
  await onSlide(page, stages[1], `Stage 2 of ${n}: ${stages[1]}`);
  assert.deepEqual(await slideLanes(page), [['Touchpoints', [['Welcome email', 'Email']]]]);
  await swipe({ x: box.x + box.width * 0.2, y }, { x: box.x + box.width * 0.8, y });
  await onSlide(page, stages[0], `Stage 1 of ${n}: ${stages[0]}`);
  // Up and down is scrolling a long slide, not turning it.
  await swipe({ x: box.x + box.width / 2, y: y + 100 }, { x: box.x + box.width / 2 - 20, y: y - 100 });
  assert.equal(await slideTitle(page).textContent(), stages[0]);

  const button = (name) => presentation(page).getByRole('button', { name, exact: true });
  await button('Next').tap();
  await onSlide(page, stages[1], `Stage 2 of ${n}: ${stages[1]}`);
  await button('Previous').tap();
  await onSlide(page, stages[0], `Stage 1 of ${n}: ${stages[0]}`);
  assert.equal(await button('Previous').getAttribute('aria-disabled'), 'true');
  await button('Close the presentation').tap();
  await presentation(page).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Present');
  await context.close();
});

test('where the browser refuses the full screen, the presentation covers the window instead, without an error', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
  });
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await presentation(page).waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('presentation'));
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  const box = await presentation(page).boundingBox();
  const viewport = page.viewportSize();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, viewport.width, viewport.height]);
  await page.keyboard.press('End');
  await onSlide(page, 'The whole journey', 'The whole journey');
  await page.keyboard.press('Escape');
  await presentation(page).waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

/** The width of a landscape A4 page less its 8 mm margins, in CSS pixels (96 per inch). */
const PAGE_WIDTH = Math.floor(((297 - 16) / 25.4) * 96);

/** The number of pages of a PDF made by Chromium, and whether the first is landscape. */
function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  const box = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  return { pages, landscape: Boolean(box) && Number(box[1]) > Number(box[2]) };
}

/** Whether each of `selectors` matches nothing that takes room on the page. */
async function allHidden(page, selectors) {
  return page.evaluate((list) => Object.fromEntries(list.map((s) => [s,
    [...document.querySelectorAll(s)].every((e) => e.getClientRects().length === 0)])), selectors);
}

test('printing lays every stage of the map across a landscape page, without the chrome', async (t) => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await openExample(page);
  // The screen's board is wider than the page: printing must not clip it.
  await page.setViewportSize({ width: PAGE_WIDTH, height: 760 });
  await page.emulateMedia({ media: 'print' });
  const chrome = ['.filter-area', '.topbar button', '.topbar select', '.lane-bar', '.add-card', '.card-tools',
    '.emotion-table', '.persona-chooser', '.skip-link', '.header .menu', '.grip'];
  assert.deepEqual(await allHidden(page, chrome), Object.fromEntries(chrome.map((s) => [s, true])));
  const layout = await page.evaluate(() => {
    const heads = [...document.querySelectorAll('table.board thead th[data-stage]')];
    const card = document.querySelector('table.board .card');
    return {
      heads: heads.map((th) => ({ name: th.querySelector('.header-text').textContent, ...th.getBoundingClientRect().toJSON() })),
      table: document.querySelector('table.board').getBoundingClientRect().toJSON(),
      thead: getComputedStyle(document.querySelector('table.board thead')).display,
      breakInside: getComputedStyle(card).breakInside,
      colours: getComputedStyle(card).printColorAdjust,
      title: document.querySelector('.map-title input').getBoundingClientRect().width > 0,
    };
  });
  assert.deepEqual(layout.heads.map((h) => h.name), await stageNames(page));
  for (const head of layout.heads) {
    assert.ok(head.left >= 0 && head.right <= PAGE_WIDTH + 1 && head.width > 40, JSON.stringify(head));
  }
  assert.ok(layout.table.right <= PAGE_WIDTH + 1, JSON.stringify(layout.table));
  assert.equal(layout.thead, 'table-header-group');
  assert.equal(layout.breakInside, 'avoid');
  assert.equal(layout.colours, 'exact');
  assert.ok(layout.title, 'the map title is printed');

  const { pages, landscape } = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  t.diagnostic(`the example map prints on ${pages} landscape page(s)`);
  assert.ok(pages >= 1);
  assert.ok(landscape);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Stubs the browser's print dialog, counting the calls. */
async function stubPrint(page) {
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
}

/** What the printed worksheet shows: its column heads, persona boxes, rows and faces. */
async function sheet(page) {
  return page.evaluate(() => {
    const el = document.querySelector('.sheet');
    return {
      heads: [...el.querySelectorAll('thead th')].map((th) => th.textContent),
      boxes: [...el.querySelectorAll('.sheet-box')].map((b) => b.textContent),
      rows: [...el.querySelectorAll('tbody th')].map((th) => th.textContent),
      faces: [...el.querySelectorAll('.sheet-emotions td')].map((td) => td.querySelectorAll('svg.face').length),
      scale: [...el.querySelectorAll('.sheet-emotions td:first-of-type li')].map((li) => li.textContent),
      width: el.getBoundingClientRect().width,
      right: Math.max(...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)),
    };
  });
}

test('the blank worksheet prints the stage names, the persona boxes and a scale of faces, in English', async (t) => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await openExample(page);
  await stubPrint(page);
  const open = page.getByRole('button', { name: 'Print a blank worksheet' });
  await open.click();
  await page.waitForFunction(() => window.printed === 1);
  const region = page.getByRole('region', { name: 'Customer journey worksheet' });
  await region.waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await page.setViewportSize({ width: PAGE_WIDTH, height: 760 });
  await page.emulateMedia({ media: 'print' });
  const shown = await sheet(page);
  assert.deepEqual(shown.heads, await page.evaluate(() => [...document.querySelectorAll('table.board thead .header-text')].map((e) => e.textContent)));
  assert.deepEqual(shown.heads.slice(0, 2), ['Awareness', 'Consideration']);
  assert.deepEqual(shown.boxes, ['Name', 'Role', 'Goals', 'Challenges and frustrations', 'Quote']);
  assert.deepEqual(shown.rows, ['Touchpoints', 'Emotions (circle one)', 'Pain points', 'Opportunities']);
  assert.deepEqual(shown.faces, Array(8).fill(7));
  assert.deepEqual(shown.scale, ['+3', '+2', '+1', '0', '−1', '−2', '−3']);
  assert.ok(shown.right <= PAGE_WIDTH + 1, JSON.stringify(shown));
  const chrome = ['.topbar', '.filter-area', '.worksheet-tools', 'table.board'];
  assert.deepEqual(await allHidden(page, chrome), Object.fromEntries(chrome.map((s) => [s, true])));
  const { pages, landscape } = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  t.diagnostic(`the worksheet prints on ${pages} landscape page(s)`);
  assert.equal(pages, 1);
  assert.ok(landscape);

  await page.emulateMedia({ media: 'screen' });
  await region.getByRole('button', { name: 'Print', exact: true }).click();
  assert.equal(await page.evaluate(() => window.printed), 2);
  await region.getByRole('button', { name: 'Back to the board' }).click();
  await region.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Print a blank worksheet');
  assert.ok(await page.locator('table.board').isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Romanian the worksheet speaks Romanian, with six blank columns for a map without stages', async () => {
  const { context, page, problems } = await openSeeded(env, (d) => {
    d.map.stages = [];
    d.map.cards = [];
    for (const p of d.map.personas) p.emotions = [];
  });
  await page.getByLabel('Language').selectOption('ro');
  await stubPrint(page);
  await page.getByRole('button', { name: 'Tipărește o fișă de lucru goală' }).click();
  await page.waitForFunction(() => window.printed === 1);
  await page.getByRole('region', { name: 'Fișă de lucru pentru călătoria clientului' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.setViewportSize({ width: PAGE_WIDTH, height: 760 });
  await page.emulateMedia({ media: 'print' });
  const shown = await sheet(page);
  assert.deepEqual(shown.heads, ['Etapa 1', 'Etapa 2', 'Etapa 3', 'Etapa 4', 'Etapa 5', 'Etapa 6']);
  assert.deepEqual(shown.boxes, ['Nume', 'Rol', 'Obiective', 'Provocări și frustrări', 'Citat']);
  assert.deepEqual(shown.rows, ['Puncte de contact', 'Emoții (încercuiți una)', 'Puncte de durere', 'Oportunități']);
  assert.deepEqual(shown.faces, Array(6).fill(7));
  assert.ok(shown.right <= PAGE_WIDTH + 1, JSON.stringify(shown));
  assert.deepEqual(await allHidden(page, ['.topbar', '.worksheet-tools']), { '.topbar': true, '.worksheet-tools': true });

  // Presenting a map without stages shows the overview alone, in Romanian too.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Înapoi la tablă' }).click();
  await page.getByRole('button', { name: 'Prezintă', exact: true }).click();
  await onSlide(page, 'Întreaga călătorie', 'Întreaga călătorie');
  assert.equal(await presentation(page).getAttribute('aria-label'), 'Prezentarea „Seeded”');
  assert.equal(await presentation(page).getByRole('button', { name: 'Înainte' }).getAttribute('aria-disabled'), 'true');
  await page.keyboard.press('Escape');
  await presentation(page).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Prezintă');
  assert.deepEqual(problems, []);
  await context.close();
});
