// The emotion curve: dragged with a pointer, changed with arrow keys, and the same data as a
// table; each view follows the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, openTouchPage, liveText, axeViolations,
} from '../support.mjs';

const env = useServerAndBrowser();

/** A stage's point, scrolled into view, with the curve's box and where to press on the point. */
async function pointOf(page, stage) {
  const point = page.getByRole('slider', { name: stage });
  await point.scrollIntoViewIfNeeded();
  const curve = await page.locator('.curve').boundingBox();
  const box = await point.boundingBox();
  return { point, curve, x: box.x + 14, y: box.y + box.height / 2 };
}

test('dragging a point snaps to whole scores, shows in the table, and undoes as one step', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const { point, curve, x, y } = await pointOf(page, 'Adoption');
  await page.mouse.move(x, y);
  await page.mouse.down();
  // Up to near the top of the curve box: +3.
  await page.mouse.move(x, curve.y + curve.height * 0.1, { steps: 10 });
  await page.mouse.up();
  assert.equal(await point.getAttribute('aria-valuenow'), '3');
  assert.equal(await liveText(page), 'Adoption: +3 (very positive)');

  await page.getByText('Show scores as a table').click();
  const select = page.getByRole('combobox', { name: 'Score for Adoption' });
  assert.equal(await select.inputValue(), '3');

  await page.keyboard.press('Control+z');
  assert.equal(await point.getAttribute('aria-valuenow'), '0', 'one undo undoes the whole drag');
  assert.equal(await select.inputValue(), '0');
  assert.deepEqual(problems, []);
  await context.close();
});

test('pen: Escape during a point drag puts the score back and says so; nothing to undo', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const { point, curve, x, y: start } = await pointOf(page, 'Onboarding');
  const cdp = await context.newCDPSession(page);
  const pen = (type, y) => cdp.send('Input.dispatchMouseEvent', {
    type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, pointerType: 'pen',
  });
  await page.evaluate(() => {
    window.firstPointerType = new Promise((ok) => document.addEventListener(
      'pointermove', (e) => ok(e.pointerType), { once: true }));
  });
  const drawn = () => page.evaluate(() => ({
    line: document.querySelector('.curve path.mine').getAttribute('d'),
    face: document.querySelector('.point[aria-label="Onboarding"] svg.face').getAttribute('class'),
    score: document.querySelector('.point[aria-label="Onboarding"] .score').textContent,
    peaks: [...document.querySelectorAll('.points .point.peak')].map((p) => p.getAttribute('aria-label')),
  }));
  const before = await drawn();
  await pen('mousePressed', start);
  for (let i = 1; i <= 8; i++) await pen('mouseMoved', start - (i * curve.height * 0.4) / 8);
  assert.equal(await page.evaluate(() => window.firstPointerType), 'pen');
  assert.equal(await point.getAttribute('aria-valuenow'), '3', 'the point follows the pen');
  const during = await drawn();
  assert.notEqual(during.line, before.line, 'the line follows the point');
  assert.deepEqual([during.face, during.score, during.peaks], ['face score3', '+3', ['Onboarding']]);
  await page.keyboard.press('Escape');
  assert.equal(await point.getAttribute('aria-valuenow'), '0');
  assert.deepEqual(await drawn(), before, 'the curve is drawn as it was');
  assert.equal(await liveText(page), 'Onboarding: 0 (neutral)');
  // The rest of the gesture does nothing.
  await pen('mouseMoved', curve.y + curve.height * 0.9);
  await pen('mouseReleased', curve.y + curve.height * 0.9);
  assert.equal(await point.getAttribute('aria-valuenow'), '0');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'nothing changed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a point’s Home and End go to the lowest and highest score, as on every slider', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const { point } = await pointOf(page, 'Retention');
  assert.equal(await point.getAttribute('aria-orientation'), 'vertical');
  await point.focus();
  await page.keyboard.press('Home');
  assert.equal(await point.getAttribute('aria-valuenow'), '-3');
  await page.keyboard.press('End');
  assert.equal(await point.getAttribute('aria-valuenow'), '3');
  await context.close();
});

test('touch: a finger on a point\'s face drags the point', async () => {
  const { context, page, swipe } = await openTouchPage(env.browser, env.server.url);
  const { point, curve } = await pointOf(page, 'Retention');
  // The face inside the point, which a finger captures first.
  const face = await point.locator('svg.face').boundingBox();
  const from = { x: face.x + face.width / 2, y: face.y + face.height / 2 };
  assert.equal(await swipe(from, { x: from.x, y: curve.y + curve.height * 0.9 }), 'touch');
  assert.equal(await point.getAttribute('aria-valuenow'), '-3');
  assert.equal(await liveText(page), 'Retention: −3 (very negative)');
  await context.close();
});

test('the table edits the curve: score and note', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByText('Show scores as a table').click();
  await page.getByRole('combobox', { name: 'Score for Onboarding' }).selectOption('-2');
  assert.equal(await page.getByRole('slider', { name: 'Onboarding' }).getAttribute('aria-valuenow'), '-2');
  assert.equal(await page.getByRole('slider', { name: 'Onboarding' }).getAttribute('aria-valuetext'), '−2 (negative)');
  assert.equal(await liveText(page), 'Onboarding: −2 (negative)');
  const note = page.getByRole('textbox', { name: 'Note — Onboarding' });
  await note.fill('Empty workspace');
  await note.press('Tab');
  await page.reload();
  await page.getByRole('table').first().waitFor();
  await page.getByText('Show scores as a table').click();
  assert.equal(await page.getByRole('textbox', { name: 'Note — Onboarding' }).inputValue(), 'Empty workspace');
  assert.equal(await page.getByRole('combobox', { name: 'Score for Onboarding' }).inputValue(), '-2');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('arrow keys on a point change the table and are announced', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByText('Show scores as a table').click();
  await page.getByRole('slider', { name: 'Retention' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('combobox', { name: 'Score for Retention' }).inputValue(), '-3');
  assert.equal(await liveText(page), 'Retention: −3 (very negative)');
  await context.close();
});
