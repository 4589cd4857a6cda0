// The channels view: touchpoints counted per channel and stage, every channel on demand, and a
// count that opens the board filtered to its channel with focus on its stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, axeViolations } from '../support.mjs';
import { openSeeded } from '../seed.mjs';

const env = useServerAndBrowser();

const cardsSeeded = (d, seed) => seed(d, [
  { id: 'e1', lane: 'touchpoints', stage: 3, text: 'Welcome email', channel: 'email' },
  { id: 'e2', lane: 'touchpoints', stage: 3, text: 'Day-3 tips email', channel: 'email' },
  { id: 'e3', lane: 'pain_points', stage: 3, text: 'Emails land in spam', channel: 'email' },
  { id: 'p1', lane: 'touchpoints', stage: 1, text: 'Pricing page', channel: 'pricing_page' },
  { id: 'x1', lane: 'touchpoints', stage: 3, text: 'No channel yet' },
]);

test('the channels view counts touchpoints per channel and stage, and a count opens the filtered board', async () => {
  const { context, page, problems } = await openSeeded(env, cardsSeeded);
  const channels = page.getByRole('button', { name: 'Channels', exact: true });
  await channels.click();
  assert.equal(await channels.getAttribute('aria-pressed'), 'true');
  const view = page.getByRole('region', { name: 'Channels by stage' });
  await view.waitFor();
  assert.equal(await page.locator('table.board').isVisible(), false);

  const table = view.getByRole('table');
  const rowNames = () => table.locator('tbody th[scope=row]').allTextContents();
  // Only the channels present, in the channel list's order.
  assert.deepEqual(await rowNames(), ['Email', 'Pricing page']);
  const headers = await table.locator('thead th[scope=col]').allTextContents();
  assert.deepEqual(headers.slice(0, 5), ['Channel', 'Awareness', 'Consideration', 'Acquisition / Sign-up', 'Onboarding']);
  // Every card with a channel counts, the pain point too; the card without one does not.
  const emailOnboarding = table.getByRole('button', { name: 'Email in Onboarding: 3 touchpoints' });
  assert.equal((await emailOnboarding.textContent()).trim(), '3');
  await table.getByRole('button', { name: 'Pricing page in Consideration: 1 touchpoint' }).waitFor();
  await table.getByRole('button', { name: 'Email in Awareness: 0 touchpoints' }).waitFor();
  const totals = await table.locator('tfoot td').allTextContents();
  assert.deepEqual(totals.slice(0, 4), ['0', '1', '0', '3']);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('checkbox', { name: 'Show all 17 channels' }).check();
  assert.equal((await rowNames()).length, 17);
  await page.getByRole('checkbox', { name: 'Show all 17 channels' }).uncheck();
  assert.equal((await rowNames()).length, 2);

  await emailOnboarding.click();
  await page.locator('table.board').waitFor();
  assert.equal(await view.isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Board', exact: true }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Remove “Email” from the filter' }).waitFor();
  await page.locator('.filter-status').getByText('2 cards hidden by the filter — show all').waitFor();
  for (const [id, visible] of [['e1', true], ['e2', true], ['e3', true], ['p1', false], ['x1', false]]) {
    await page.locator(`li[data-card-id="${id}"]`).waitFor({ state: visible ? 'visible' : 'hidden' });
  }
  // Focus is on the stage the count was for.
  await page.waitForFunction(() => document.activeElement?.closest('th')?.querySelector('input')?.value === 'Onboarding');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a map without channels says so, and every channel can still be listed', async () => {
  const { context, page, problems } = await openSeeded(env, (d, seed) => seed(d, [
    { id: 'x1', lane: 'touchpoints', stage: 0, text: 'No channel yet' },
  ]));
  await page.getByRole('button', { name: 'Channels', exact: true }).click();
  await page.getByText('No card has a channel yet.', { exact: false }).waitFor();
  await page.getByRole('checkbox', { name: 'Show all 17 channels' }).check();
  await page.getByRole('button', { name: 'Blog in Awareness: 0 touchpoints' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // Back to the board with the other button; nothing is filtered.
  await page.getByRole('button', { name: 'Board', exact: true }).click();
  await page.locator('li[data-card-id="x1"]').waitFor();
  assert.equal((await page.locator('.filter-status').textContent()).trim(), '');
  assert.deepEqual(problems, []);
  await context.close();
});
