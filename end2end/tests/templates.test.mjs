// Starting a map: the template picker with its previews, the service blueprint's three lines
// on the board, and the example map in English and in Romanian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, openLibrary, laneNames, stageNames, axeViolations, card, cellLocator, addCard,
  setTitle,
} from '../support.mjs';

const env = useServerAndBrowser();

/** Every blueprint line on the board, top to bottom, with the lanes it lies between. */
function boardLines(page) {
  return page.locator('table.board tr.blueprint-line').evaluateAll((rows) => rows.map((tr) => {
    const lane = (row) => row.querySelector('th input').value;
    return [lane(tr.previousElementSibling), tr.textContent.trim(), lane(tr.nextElementSibling)];
  }));
}

/** The blueprint line on the board named `label`. */
function line(page, label) {
  return page.locator('table.board').getByText(label, { exact: true });
}

/** The lanes a line named `label` lies between, found by its text. */
function laneAround(page, label) {
  return line(page, label).evaluate((el) => {
    const tr = el.closest('tr');
    const lane = (row) => row.querySelector('th input').value;
    return [lane(tr.previousElementSibling), lane(tr.nextElementSibling)];
  });
}

test('the picker previews each template and is a radio group the keyboard can work', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const library = await openLibrary(page);
  const picker = library.getByRole('group', { name: 'Template' });
  const radios = picker.getByRole('radio');
  assert.equal(await radios.count(), 4);
  const saas = picker.getByRole('radio', { name: 'SaaS (8 stages)' });
  assert.equal(await saas.isChecked(), true, 'SaaS is chosen first');
  // What a screen reader says after the name: the preview, as text.
  const description = (radio) => radio.evaluate((el) => document
    .getElementById(el.getAttribute('aria-describedby')).innerText.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim());
  assert.equal(await description(saas),
    'Stages: Awareness, Consideration, Acquisition / Sign-up, Onboarding, Adoption, Retention, Expansion, Advocacy, '
    + 'Lanes: Touchpoints, Emotions, Pain points, Opportunities,');
  const blueprint = picker.getByRole('radio', { name: 'Service blueprint (5 stages)' });
  assert.equal(await description(blueprint),
    'Stages: Discover, Request, Receive the service, Pay, Follow-up, '
    + 'Lanes: Emotions, Physical evidence, Actions, Line of interaction, Frontstage, Line of visibility, '
    + 'Backstage, Line of internal interaction, Support processes,');
  assert.match(await description(picker.getByRole('radio', { name: 'Classic (5 stages)' })),
    /^Stages: Awareness, Consideration, Purchase, Retention, Advocacy, Lanes:/);

  await saas.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await picker.getByRole('radio', { name: 'Classic (5 stages)' }).isChecked(), true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await blueprint.isChecked(), true);
  assert.equal(await blueprint.evaluate((el) => el === document.activeElement), true);
  assert.deepEqual(await axeViolations(page), []);

  // Room under the legend's line for the comma below "Ș": nothing below overlaps its box.
  await library.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Language').selectOption('ro');
  await page.getByRole('button', { name: 'Hărți', exact: true }).click();
  const legend = page.getByRole('dialog', { name: 'Hărțile dumneavoastră' }).locator('.templates legend');
  await legend.getByText('Șablon').waitFor();
  const gap = await legend.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const next = el.parentElement.querySelector('.template-option').getBoundingClientRect();
    return next.top - text.bottom;
  });
  assert.ok(gap >= 2, `the options start ${gap}px under the legend's text`);
  assert.match(await description(page.getByRole('radio', { name: /^Plan de serviciu/ })),
    /^Etape: Descoperire, Solicitare, Primirea serviciului, Plată, Revenire, Culoare: Emoții, Dovezi fizice, Acțiuni, Linia de interacțiune,/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a service blueprint draws its three lines between the right lanes, as lanes move and hide', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const library = await openLibrary(page);
  await library.getByRole('radio', { name: 'Service blueprint (5 stages)' }).check();
  await library.getByRole('button', { name: 'New map' }).click();
  assert.deepEqual(await stageNames(page), ['Discover', 'Request', 'Receive the service', 'Pay', 'Follow-up']);
  assert.deepEqual(await laneNames(page),
    ['Emotions', 'Physical evidence', 'Actions', 'Frontstage', 'Backstage', 'Support processes']);

  assert.deepEqual(await laneAround(page, 'Line of interaction'), ['Actions', 'Frontstage']);
  assert.deepEqual(await laneAround(page, 'Line of visibility'), ['Frontstage', 'Backstage']);
  assert.deepEqual(await laneAround(page, 'Line of internal interaction'), ['Backstage', 'Support processes']);
  assert.equal(await line(page, 'Line of visibility').isVisible(), true);

  // Decoration only: the table's rows are still its header and its lanes, and no line is
  // named to assistive technology or can take focus.
  const board = page.locator('table.board');
  assert.equal(await board.getByRole('row').count(), 1 + 6);
  assert.doesNotMatch(await board.ariaSnapshot(), /Line of/);
  assert.equal(await page.locator('tr.blueprint-line :is(a, button, input, [tabindex])').count(), 0);
  assert.equal(await page.locator('tr.blueprint-line').first().evaluate((el) => el.getAttribute('aria-hidden')), 'true');

  // Hiding the frontstage leaves only the line between backstage and support.
  await page.locator('summary[aria-label="Actions for lane Frontstage"]').click();
  await page.getByRole('button', { name: 'Hide lane' }).click();
  await line(page, 'Line of interaction').waitFor({ state: 'detached' });
  assert.deepEqual(await boardLines(page), [['Backstage', 'Line of internal interaction', 'Support processes']]);
  await page.getByRole('button', { name: 'Show Frontstage' }).click();
  await line(page, 'Line of interaction').waitFor();

  // Support processes moved above the backstage: the pair keeps its line, the frontstage and
  // the backstage no longer touch.
  const support = page.getByRole('textbox', { name: 'Lane name' }).nth(5);
  await support.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await line(page, 'Line of visibility').waitFor({ state: 'detached' });
  assert.deepEqual(await boardLines(page), [
    ['Actions', 'Line of interaction', 'Frontstage'],
    ['Support processes', 'Line of internal interaction', 'Backstage'],
  ]);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await line(page, 'Line of visibility').waitFor();

  // A card still lands in the lane under a line, and the lines follow the language.
  await addCard(page, 'Frontstage', 'Pay', 'Cashier hands over the receipt');
  assert.equal(await cellLocator(page, 'Frontstage', 'Pay').getByText('Cashier hands over the receipt').count(), 1);
  await page.getByLabel('Language').selectOption('ro');
  assert.deepEqual(await laneAround(page, 'Linia de vizibilitate'), ['Interacțiuni vizibile', 'Culise']);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Opens the library in `words`' language, opens the example map, and checks what a newcomer sees. */
async function openExample(page, words) {
  await page.getByRole('button', { name: words.maps, exact: true }).click();
  const library = page.getByRole('dialog', { name: words.library });
  await library.getByRole('button', { name: words.example }).click();
  await library.waitFor({ state: 'hidden' });
  const title = page.getByRole('textbox', { name: words.mapTitle });
  assert.equal(await title.inputValue(), words.title);
  assert.equal((await stageNames(page)).length, 8);
  assert.equal((await stageNames(page))[0], words.firstStage);
  assert.deepEqual(await laneNames(page), words.lanes);
  // The persona header above the stages (the filter's persona menu names her too).
  await page.locator('.persona-header strong').getByText('Ana Popescu', { exact: true }).waitFor();
  await page.getByText(words.touchpoint, { exact: true }).waitFor();
  const cardsIn = (lane) => page.locator('table.board tbody th input').evaluateAll((inputs, name) => inputs
    .find((i) => i.value === name).closest('tr').querySelectorAll('.card').length, lane);
  assert.equal(await cardsIn(words.lanes[1]), 14);
  assert.equal(await cardsIn(words.lanes[5]), 8);
  await page.getByText(words.metric, { exact: true }).waitFor();
  const trough = page.getByRole('slider', { name: words.onboarding, exact: true });
  assert.equal(await trough.getAttribute('aria-valuenow'), '-2');
}

test('the example map opens as a new map in one click, in English', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await setTitle(page, 'Mine');
  await openExample(page, {
    maps: 'Maps', library: 'Your maps', example: 'Open the example map', mapTitle: 'Map title',
    title: 'Example: an agency adopts Planwise', firstStage: 'Awareness', onboarding: 'Onboarding',
    lanes: ['Actions', 'Touchpoints', 'Emotions', 'Pain points', 'Opportunities', 'Metrics'],
    touchpoint: 'LinkedIn post from a peer agency', metric: 'Sign-ups abandoned at the card step',
  });
  assert.ok(await card(page, 'Spreadsheet import fails on merged cells').isVisible());
  // A map of its own beside the one that was open, kept after a reload.
  const library = await openLibrary(page);
  assert.deepEqual(await library.locator('.map-name').allInnerTexts(), ['Example: an agency adopts Planwise', 'Mine']);
  await library.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await page.getByText('LinkedIn post from a peer agency', { exact: true }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the example map opens in Romanian when the interface is in Romanian', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  await openExample(page, {
    maps: 'Hărți', library: 'Hărțile dumneavoastră', example: 'Deschide harta exemplu',
    mapTitle: 'Titlul hărții', title: 'Exemplu: o agenție adoptă Planwise', firstStage: 'Conștientizare',
    onboarding: 'Integrare',
    lanes: ['Acțiuni', 'Puncte de contact', 'Emoții', 'Puncte de durere', 'Oportunități', 'Indicatori'],
    touchpoint: 'Postare pe LinkedIn a unei agenții prietene', metric: 'Înscrieri abandonate la pasul cardului',
  });
  assert.deepEqual(problems, []);
  await context.close();
});
