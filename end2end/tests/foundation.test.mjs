// Issue 3: the first slice of the app, in a real browser against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openPage, axeViolations, stageNames, laneNames } from '../support.mjs';

const SAAS_EN = ['Awareness', 'Consideration', 'Acquisition / Sign-up', 'Onboarding',
  'Adoption', 'Retention', 'Expansion', 'Advocacy'];
const SAAS_RO = ['Conștientizare', 'Considerare', 'Achiziție / Înregistrare', 'Integrare',
  'Adopție', 'Retenție', 'Extindere', 'Recomandare'];

const env = useServerAndBrowser();


test('a new visitor sees the eight SaaS stages at once', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  assert.deepEqual(await stageNames(page), SAAS_EN);
  const lanes = await laneNames(page);
  assert.deepEqual(lanes, ['Touchpoints', 'Emotions', 'Pain points', 'Opportunities']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a card added to a cell is still there after a reload', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Add card in Touchpoints, Onboarding' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill('Welcome email\nwith a video');
  await editor.press('Control+Enter');
  const card = page.getByRole('button', { name: 'Edit card: Welcome email with a video' });
  await card.waitFor();
  assert.equal(await card.evaluate((el) => el.ownerDocument.activeElement === el), true,
    'focus returns to the card after editing');

  await page.reload();
  await page.getByRole('table').waitFor();
  const cells = page.getByRole('cell');
  const withCard = cells.filter({ has: page.getByRole('button', { name: /^Edit card: Welcome email/ }) });
  assert.equal(await withCard.count(), 1);
  // The card sits in the Onboarding column of the Touchpoints row.
  const column = await withCard.evaluate((td) => td.cellIndex);
  const header = (await stageNames(page))[column - 1];
  assert.equal(header, 'Onboarding');
  assert.deepEqual(problems, []);
  await context.close();
});

test('editing a card changes its text; Esc keeps the old text; an empty new card goes away', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Add card in Pain points, Awareness' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Ads feel generic');
  await page.getByRole('textbox', { name: 'Card text' }).press('Control+Enter');
  await page.getByRole('button', { name: 'Edit card: Ads feel generic' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('changed my mind');
  await page.getByRole('textbox', { name: 'Card text' }).press('Escape');
  await page.getByRole('button', { name: 'Edit card: Ads feel generic' }).waitFor();

  await page.getByRole('button', { name: 'Add card in Pain points, Retention' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).press('Control+Enter');
  assert.equal(await page.getByRole('button', { name: /^Edit card:/ }).count(), 1);
  await context.close();
});

test('switching to Romanian shows Romanian stage names, and it stays after a reload', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.getByLabel('Language').selectOption('ro');
  await page.getByRole('columnheader', { name: 'Conștientizare' }).waitFor();
  assert.deepEqual(await stageNames(page), SAAS_RO);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
  assert.ok(await page.getByRole('button', { name: 'Adaugă card în Puncte de contact, Integrare' }).isVisible());

  await page.reload();
  await page.getByRole('table').waitFor();
  assert.deepEqual(await stageNames(page), SAAS_RO);
  assert.equal(await page.getByLabel('Limba').inputValue(), 'ro');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Romanian browser starts in Romanian', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  assert.deepEqual(await stageNames(page), SAAS_RO);
  await context.close();
});

test('the page is served under a strict CSP and still works under it', async () => {
  const { context, page, problems, response } = await openPage(env.browser, env.server.url);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /default-src 'self'/);
  // The app ran (it rendered the board) and nothing was blocked or thrown.
  assert.equal(await page.getByRole('columnheader').count(), 8);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the board has no axe-core violations', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Add card in Touchpoints, Awareness' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Podcast mention');
  await page.getByRole('textbox', { name: 'Card text' }).press('Control+Enter');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('an emotion point moves with the arrow keys and keeps its score', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const point = page.getByRole('slider', { name: 'Onboarding' });
  assert.equal(await point.getAttribute('aria-valuenow'), '0');
  await point.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const moved = page.getByRole('slider', { name: 'Onboarding' });
  assert.equal(await moved.getAttribute('aria-valuenow'), '2');
  assert.equal(await moved.getAttribute('aria-valuetext'), '+2 (positive)');
  await page.reload();
  await page.getByRole('table').waitFor();
  assert.equal(await page.getByRole('slider', { name: 'Onboarding' }).getAttribute('aria-valuenow'), '2');
  await context.close();
});
