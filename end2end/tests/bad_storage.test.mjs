// Bad local storage: the person is told what happened, and the stored data stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openPage, setTitle, openLibrary } from '../support.mjs';

const env = useServerAndBrowser();

/** Opens the app once so it saves a map, then replaces that map's stored text. */
async function withStoredMap(locale, corrupt) {
  const opened = await openPage(env.browser, env.server.url, { locale });
  const { page } = opened;
  await page.getByRole('button', { name: /^(Add card in|Adaugă card în)/ }).first().click();
  const editor = page.getByRole('textbox', { name: /^(Card text|Textul cardului)$/ });
  await editor.fill('Keep me');
  await editor.press('Control+Enter');
  const key = await page.waitForFunction(() => {
    const ui = JSON.parse(localStorage.getItem('traseu.ui') ?? '{}');
    return ui.current && localStorage.getItem(`traseu.map.${ui.current}`) ? `traseu.map.${ui.current}` : null;
  }).then((h) => h.jsonValue());
  const text = await page.evaluate(([k, f]) => {
    const original = localStorage.getItem(k);
    const replaced = new Function('t', `return (${f})(t)`)(original);
    localStorage.setItem(k, replaced);
    return replaced;
  }, [key, corrupt.toString()]);
  await page.reload();
  await page.getByRole('table').waitFor();
  return { ...opened, key, text };
}

test('a corrupt stored map is kept as a backup, left untouched, and the person is told', async () => {
  const { context, page, key, text } = await withStoredMap('en-US', (t) => t.slice(0, 40));
  const alert = page.getByRole('alert');
  await alert.getByText('could not be opened because its text is not valid JSON').waitFor();
  assert.match(await alert.innerText(), new RegExp(`${key}\\.unreadable`));
  const stored = await page.evaluate((k) => [localStorage.getItem(k), localStorage.getItem(`${k}.unreadable`)], key);
  assert.deepEqual(stored, [text, text]);
  // A fresh map is open and usable.
  assert.equal(await page.getByRole('columnheader').count(), 8);
  await context.close();
});

test('a map from a newer Traseu is not overwritten, and the message is in Romanian', async () => {
  const newer = (t) => { const d = JSON.parse(t); d.version = 99; d.map.future = true; return JSON.stringify(d); };
  const { context, page, key, text } = await withStoredMap('ro-RO', newer);
  await page.getByRole('alert').getByText('versiune mai nouă a Traseu').waitFor();
  // Edits in the new map never touch the newer map's key.
  await page.getByRole('button', { name: 'Adaugă card în Puncte de contact, Integrare' }).click();
  await page.getByRole('textbox', { name: 'Textul cardului' }).fill('New work');
  await page.getByRole('textbox', { name: 'Textul cardului' }).press('Control+Enter');
  // Once the new map is saved, any write to the newer map's key would have happened too.
  await page.waitForFunction(() => Object.keys(localStorage)
    .some((k) => k.startsWith('traseu.map.') && localStorage.getItem(k).includes('New work')));
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), text);
  await context.close();
});

test('a stored map from another tool is named as such', async () => {
  const { context, page } = await withStoredMap('en-US', () => JSON.stringify({ type: 'board', widgets: [] }));
  await page.getByRole('alert').getByText('it is not a Traseu map').waitFor();
  await context.close();
});

test('a stored map with an invalid value names where', async () => {
  const bad = (t) => { const d = JSON.parse(t); d.map.lanes[0].kind = 'vibes'; return JSON.stringify(d); };
  const { context, page } = await withStoredMap('en-US', bad);
  await page.getByRole('alert').getByText('the value at “map.lanes[0].kind” is not valid').waitFor();
  await context.close();
});

test('a repairable map opens with its card and says what was fixed', async () => {
  const clamp = (t) => { const d = JSON.parse(t); d.map.personas[0].emotions[0].score = 9; return JSON.stringify(d); };
  const { context, page } = await withStoredMap('en-US', clamp);
  await page.getByRole('alert').getByText('Traseu fixed 1 problem(s)').waitFor();
  await page.getByRole('button', { name: 'Edit card: Keep me' }).waitFor();
  assert.equal(await page.getByRole('slider').first().getAttribute('aria-valuenow'), '3');
  await context.close();
});

test('a full storage quota shows a banner and keeps the edit in the page', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  // Fill the origin's quota with filler until the browser refuses.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 10_000; i++) {
      try { localStorage.setItem(`filler.${i}`, chunk); } catch { break; }
    }
    let small = 'x'.repeat(1024);
    for (let i = 0; i < 10_000; i++) {
      try { localStorage.setItem(`filler.s${i}`, small); } catch { break; }
    }
  });
  await page.getByRole('button', { name: 'Add card in Opportunities, Adoption' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Still here ' + 'y'.repeat(2000));
  await page.getByRole('textbox', { name: 'Card text' }).press('Control+Enter');
  await page.getByRole('alert').getByText("This browser's storage is full").waitFor();
  assert.equal(await page.getByRole('button', { name: /^Edit card: Still here/ }).count(), 1);
  // Another map would take the place of the one whose change is only in this tab: it stays.
  const library = await openLibrary(page);
  await library.getByRole('button', { name: 'New map' }).click();
  await page.getByRole('alert').getByText('stays open: its latest changes could not be stored').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Edit card: Still here/ }).count(), 1);
  await context.close();
});

test('a browser that refuses the page its storage still opens the board, says so, and edits in the tab', async () => {
  // What Chromium does with "Don't allow sites to save data": reading localStorage throws.
  const context = await env.browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await page.getByRole('table').waitFor();
  await page.getByRole('button', { name: 'Add card in Touchpoints, Awareness' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Only in this tab');
  await page.getByRole('textbox', { name: 'Card text' }).press('Control+Enter');
  await page.getByRole('button', { name: 'Edit card: Only in this tab' }).waitFor();
  await page.getByRole('alert').getByText('This browser does not let Traseu save').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupt list of maps is kept as a backup and rebuilt from the maps; no save loses one', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const title = page.getByRole('textbox', { name: 'Map title' });
  await setTitle(page, 'Alpha');
  for (const name of ['Beta', 'Gamma']) {
    await (await openLibrary(page)).getByRole('button', { name: 'New map' }).click();
    await setTitle(page, name);
  }
  const stored = () => page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('traseu.maps'));
    return index.map((e) => e.title).sort();
  });
  await page.waitForFunction(() => (localStorage.getItem('traseu.maps') ?? '').includes('Gamma'));
  assert.deepEqual(await stored(), ['Alpha', 'Beta', 'Gamma']);
  // The list is cut short, and Beta's own text no longer loads (its title can still be read).
  const corrupt = await page.evaluate(() => {
    const text = localStorage.getItem('traseu.maps').slice(0, 30);
    localStorage.setItem('traseu.maps', text);
    const id = JSON.parse(localStorage.getItem('traseu.ui')).current;
    for (const key of Object.keys(localStorage)) {
      const value = localStorage.getItem(key);
      if (key.startsWith('traseu.map.') && key !== `traseu.map.${id}` && value.includes('"Beta"')) {
        const d = JSON.parse(value);
        d.map.lanes[0].kind = 'vibes';
        localStorage.setItem(key, JSON.stringify(d));
      }
    }
    return text;
  });
  await page.reload();
  await page.getByRole('table').waitFor();

  const alert = page.getByRole('alert');
  await alert.getByText('The list of your maps could not be read, or did not match the maps stored here.').waitFor();
  assert.match(await alert.innerText(), /traseu\.maps\.unreadable/);
  assert.match(await alert.innerText(), /from the 3 map\(s\) stored in this browser/);
  assert.match(await alert.innerText(), /1 of them could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem('traseu.maps.unreadable')), corrupt);
  assert.equal(await title.inputValue(), 'Gamma');

  // A save after the repair keeps every map in the list.
  await setTitle(page, 'Gamma renamed');
  await page.waitForFunction(() => localStorage.getItem('traseu.maps').includes('Gamma renamed'));
  await page.reload();
  await page.getByRole('table').waitFor();
  assert.deepEqual(await stored(), ['Alpha', 'Beta', 'Gamma renamed']);
  const dialog = await openLibrary(page);
  assert.deepEqual((await dialog.locator('.map-name').allInnerTexts()).sort(), ['Alpha', 'Beta', 'Gamma renamed']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a list of maps that leaves stored maps out, or names one not there, is made again from the maps', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await setTitle(page, 'Alpha');
  await (await openLibrary(page)).getByRole('button', { name: 'New map' }).click();
  await setTitle(page, 'Beta');
  await page.waitForFunction(() => (localStorage.getItem('traseu.maps') ?? '').includes('Beta'));
  // The list emptied by hand (or by another program), and a ghost entry whose map is gone.
  await page.evaluate(() => localStorage.setItem('traseu.maps', JSON.stringify([
    { id: 'ghost', title: 'Ghost', updated: '2026-01-01T00:00:00Z' },
  ])));
  await page.reload();
  await page.getByRole('table').waitFor();
  await page.getByRole('alert').getByText('did not match the maps stored here').waitFor();
  const dialog = await openLibrary(page);
  assert.deepEqual((await dialog.locator('.map-name').allInnerTexts()).sort(), ['Alpha', 'Beta']);
  assert.deepEqual(problems, []);
  await context.close();
});
