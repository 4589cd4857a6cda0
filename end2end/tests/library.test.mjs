// Several maps in one browser, and two tabs on the same map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, addCard, card, stageNames, axeViolations, setTitle, openLibrary,
} from '../support.mjs';

const env = useServerAndBrowser();

test('several maps: create from a template, switch, reload, duplicate, delete and undo', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await setTitle(page, 'Checkout');
  await addCard(page, 'Touchpoints', 'Awareness', 'Search ad');

  let library = await openLibrary(page);
  await library.getByRole('radio', { name: 'Classic (5 stages)' }).check();
  await library.getByRole('button', { name: 'New map' }).click();
  assert.equal((await stageNames(page)).length, 5);
  await setTitle(page, '  Store visit  ');
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Store visit',
    'the title field shows the title as the map keeps it (trimmed)');
  await addCard(page, 'Touchpoints', 'Purchase', 'Till queue');

  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Store visit');

  library = await openLibrary(page);
  const names = await library.locator('.map-name').allInnerTexts();
  assert.deepEqual(names, ['Store visit', 'Checkout'], 'most recently changed first');
  assert.deepEqual(await axeViolations(page), []);
  await library.getByRole('button', { name: /^Checkout changed/ }).click();
  await card(page, 'Search ad').waitFor();
  assert.equal((await stageNames(page)).length, 8);

  library = await openLibrary(page);
  await library.getByRole('button', { name: 'Duplicate “Store visit”' }).click();
  await library.getByRole('button', { name: /^Store visit \(copy\) changed/ }).waitFor();
  await library.getByRole('button', { name: 'Delete “Store visit”', exact: true }).click();
  await library.getByText('Map “Store visit” deleted.').waitFor();
  assert.equal(await library.getByRole('button', { name: /^Store visit changed/ }).count(), 0);
  await library.getByRole('button', { name: 'Undo delete' }).click();
  await library.getByRole('button', { name: /^Store visit changed/ }).click();
  await card(page, 'Till queue').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs: a change in one appears in the other, and an older tab never overwrites it', async () => {
  const context = await env.browser.newContext({ locale: 'en-US' });
  // Lets the test make the first tab miss other tabs' writes, as a tab that is behind would.
  await context.addInitScript(() => {
    // Every change another tab stored, heard or not, so the test can wait until one arrived.
    window.storedElsewhere = [];
    window.addEventListener('storage', (e) => window.storedElsewhere.push(e.newValue ?? ''));
    const add = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
      const heard = type === 'storage' ? (e) => { if (!window.muteStorage) listener.call(this, e); } : listener;
      return add.call(this, type, heard, options);
    };
  });
  const first = await context.newPage();
  await first.goto(env.server.url);
  await addCard(first, 'Touchpoints', 'Awareness', 'From tab one');
  // Saving follows a change by 300 ms; the second tab opens what is saved.
  await first.waitForFunction(() => Object.keys(localStorage)
    .some((k) => k.startsWith('traseu.map.') && localStorage.getItem(k).includes('From tab one')));
  const second = await context.newPage();
  await second.goto(env.server.url);
  await card(second, 'From tab one').waitFor();

  await addCard(second, 'Pain points', 'Onboarding', 'From tab two');
  await card(first, 'From tab two').waitFor({ timeout: 5000 });

  await first.evaluate(() => { window.muteStorage = true; });
  await addCard(second, 'Opportunities', 'Adoption', 'Newer in tab two');
  // The save reached the first tab, which did not listen.
  await first.waitForFunction(() => window.storedElsewhere.some((v) => v.includes('Newer in tab two')));
  assert.equal(await card(first, 'Newer in tab two').count(), 0, 'the first tab is behind');
  await addCard(first, 'Opportunities', 'Retention', 'Older tab edit');
  await first.getByRole('alert').getByText('changed in another tab at the same time').waitFor();
  // The newer version is open in the first tab, and its own edit was kept as a copy.
  await card(first, 'Newer in tab two').waitFor();
  assert.equal(await card(first, 'Older tab edit').count(), 0);
  const library = await openLibrary(first);
  await library.getByRole('button', { name: /^My customer journey \(copy\) changed/ }).click();
  await card(first, 'Older tab edit').waitFor();
  // Tab two's version is stored intact, and the older tab's edit lives only in the copy.
  const stored = await second.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('traseu.maps'));
    return Object.fromEntries(index.map((e) => [e.title, localStorage.getItem(`traseu.map.${e.id}`)]));
  });
  assert.match(stored['My customer journey'], /Newer in tab two/);
  assert.doesNotMatch(stored['My customer journey'], /Older tab edit/);
  assert.match(stored['My customer journey (copy)'], /Older tab edit/);
  await context.close();
});

test('the maps list, open in one tab, follows a map renamed in another', async () => {
  const context = await env.browser.newContext({ locale: 'en-US' });
  const first = await context.newPage();
  await first.goto(env.server.url);
  await setTitle(first, 'Before');
  await first.waitForFunction(() => (localStorage.getItem('traseu.maps') ?? '').includes('Before'));
  const second = await context.newPage();
  await second.goto(env.server.url);
  await second.getByRole('table').first().waitFor();
  const library = await openLibrary(first);
  await library.getByRole('button', { name: /^Before changed/ }).waitFor();
  await setTitle(second, 'After');
  await library.getByRole('button', { name: /^After changed/ }).waitFor({ timeout: 5000 });
  assert.equal(await library.getByRole('button', { name: /^Before changed/ }).count(), 0);
  await context.close();
});
