// Metrics (method step 5): entries on the cards of a Metrics lane, set in a dialog that refuses
// a value the metric cannot hold (said under the field, nothing saved), shown on the card in
// the interface's language (1,234.5 / 1.234,5, dates too), whether each meets its target, kept
// after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, axeViolations, addCard, card, liveText,
} from '../support.mjs';

const env = useServerAndBrowser();

/** `text` with each "~" made the no-break space that ties a number to its unit. */
const nb = (text) => text.replaceAll('~', '\u00a0');

async function addMetricsLane(page) {
  await page.getByLabel('Kind of lane').selectOption({ label: 'Metrics' });
  await page.getByRole('button', { name: 'Add lane' }).click();
  await page.getByRole('button', { name: 'Add card in Metrics, Awareness' }).waitFor();
}

/** The metric button on the card whose text is `text` (in either language): its reading, or "Add metric". */
const metricButton = (page, text) => page.locator('.card')
  .filter({ has: page.locator('.card-text').getByText(text, { exact: true }) })
  .locator('.card-metric');

/** What the card says of its metric, as its button's accessible name. */
const readingOf = (page, text) => metricButton(page, text).getAttribute('aria-label');

function metricDialog(page) {
  return page.getByRole('dialog', { name: /^(Metric of|Indicatorul cardului)/ });
}

/** Fills the open metric dialog; fields left out stay as they are. */
async function fill(page, { kind, name, value, unit, date, target }) {
  const dialog = metricDialog(page);
  if (kind) await dialog.getByLabel(/^(Metric|Indicator)$/).selectOption({ label: kind });
  if (name !== undefined) await dialog.getByLabel(/^(Name|Nume)$/).fill(name);
  if (value !== undefined) await dialog.getByLabel(/^(Value|Valoare)$/).fill(value);
  if (unit !== undefined) await dialog.getByLabel(/^(Unit|Unitate)/).fill(unit);
  if (date !== undefined) await dialog.getByLabel(/^(Date|Data)$/).fill(date);
  if (target !== undefined) await dialog.getByLabel(/^(Target|Țintă)/).fill(target);
}

/** Adds a card to the Metrics lane and gives it a metric through the dialog. */
async function addMetric(page, stage, text, fields) {
  await addCard(page, 'Metrics', stage, text);
  await page.getByRole('button', { name: `Add a metric to “${text}”` }).click();
  await metricDialog(page).waitFor();
  await fill(page, fields);
  await metricDialog(page).getByRole('button', { name: 'Save' }).click();
  await metricDialog(page).waitFor({ state: 'hidden' });
}

test('metrics of each kind are shown in the interface language, with their verdict, and kept', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addMetricsLane(page);
  await addCard(page, 'Metrics', 'Consideration', 'Trial to paid');
  await page.getByRole('button', { name: 'Add a metric to “Trial to paid”' }).click();
  const dialog = metricDialog(page);
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-labelledby'), 'metric-title');
  await fill(page, { kind: 'Conversion rate', value: '12.5', date: '2026-10-05', target: '15' });
  // A percentage has no unit of its own to type.
  assert.equal(await dialog.getByLabel(/^Unit/).count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Save' }).click();
  assert.equal(await liveText(page),
    'Metric saved: Conversion rate 12.5% · target 15% · 5 Oct 2026 · target missed.');
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await readingOf(page, 'Trial to paid'),
    'Edit metric: Conversion rate 12.5% · target 15% · 5 Oct 2026 · target missed');
  // The verdict is words and a mark, not colour alone.
  assert.equal(await metricButton(page, 'Trial to paid').locator('.metric-verdict').textContent(), '✗ target missed');

  await addMetric(page, 'Onboarding', 'Survey after setup',
    { kind: 'NPS', value: '-12', date: '2026-10-12', target: '-20' });
  await addMetric(page, 'Acquisition / Sign-up', 'Checkout',
    { kind: 'Average order value', value: '1,234.5', unit: '€', date: '2026-11-24', target: '1000' });
  await addMetric(page, 'Adoption', 'Support load',
    { kind: 'Custom metric', name: 'Tickets per account', value: '1234.5', unit: 'tickets', date: '2027-05-01' });
  const english = {
    'Survey after setup': 'Edit metric: NPS −12 · target −20 · 12 Oct 2026 · target met',
    Checkout: 'Edit metric: Average order value €1,234.50 · target €1,000 · 24 Nov 2026 · target met',
    'Support load': nb('Edit metric: Tickets per account 1,234.5~tickets · 1 May 2027'),
  };
  for (const [text, reading] of Object.entries(english)) {
    assert.equal(await readingOf(page, text), reading, text);
  }
  assert.equal(await metricButton(page, 'Support load').locator('.metric-verdict').count(), 0,
    'a custom metric has no better direction, so no verdict');

  await page.getByLabel('Language').selectOption('ro');
  const romanian = {
    'Trial to paid': nb('Modifică indicatorul: Rata de conversie 12,5~% · țintă 15~% · 5 oct. 2026 · țintă neatinsă'),
    'Survey after setup': 'Modifică indicatorul: NPS −12 · țintă −20 · 12 oct. 2026 · țintă atinsă',
    Checkout: nb('Modifică indicatorul: Valoarea medie a comenzii 1.234,50~€ · țintă 1.000~€ · 24 nov. 2026 · țintă atinsă'),
    'Support load': nb('Modifică indicatorul: Tickets per account 1.234,5~tickets · 1 mai 2027'),
  };
  for (const [text, reading] of Object.entries(romanian)) {
    assert.equal(await readingOf(page, text), reading, text);
  }
  assert.equal(await metricButton(page, 'Checkout').locator('.metric-value').textContent(), nb('1.234,50~€'));

  await page.reload();
  await page.getByRole('table').first().waitFor();
  for (const [text, reading] of Object.entries(romanian)) {
    assert.equal(await readingOf(page, text), reading, `${text} after a reload`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a value the metric cannot hold is said under its field and nothing is saved', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addMetricsLane(page);
  await addCard(page, 'Metrics', 'Retention', 'Renewals');
  await page.getByRole('button', { name: 'Add a metric to “Renewals”' }).click();
  const dialog = metricDialog(page);
  const value = dialog.getByLabel('Value');
  const save = dialog.getByRole('button', { name: 'Save' });
  /** The message tied to the value field, or null when the field is fine. */
  const problemOf = (field) => field.evaluate((el) => {
    if (el.getAttribute('aria-invalid') !== 'true') return null;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
    return ids.map((id) => document.getElementById(id)).find((p) => p?.classList.contains('field-problem'))?.textContent ?? 'invalid, no message';
  });

  await fill(page, { kind: 'Conversion rate', value: '140' });
  await save.click();
  assert.equal(await problemOf(value), 'A percentage is between 0 and 100.');
  assert.equal(await dialog.isVisible(), true);
  await page.waitForFunction(() => document.activeElement?.id === 'metric-value');
  assert.deepEqual(await axeViolations(page), []);
  // The message follows the typing once shown.
  await value.fill('14');
  assert.equal(await problemOf(value), null);

  const refusals = [
    [{ kind: 'NPS', value: '-101' }, 'NPS is between −100 and 100.'],
    [{ kind: 'Churn rate', value: 'lots' }, 'This is not a number: use digits, a point for decimals, e.g. 12.5.'],
    [{ kind: 'Bounce rate', value: '1,5' }, 'In English decimals take a point and thousands a comma: did you mean 1.5?'],
    [{ kind: 'Average order value', value: '−3' }, 'An amount cannot be below 0.'],
    [{ kind: 'CSAT', value: '' }, 'Enter a value.'],
  ];
  for (const [fields, message] of refusals) {
    await fill(page, fields);
    await save.click();
    assert.equal(await problemOf(value), message, fields.value);
  }
  await fill(page, { kind: 'Conversion rate', value: '20', target: '120' });
  await save.click();
  assert.equal(await problemOf(dialog.getByLabel(/^Target/)), 'A percentage is between 0 and 100.');
  await fill(page, { kind: 'Custom metric', target: '' });
  await save.click();
  assert.equal(await problemOf(dialog.getByLabel('Name')), 'A custom metric needs a name.');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.isVisible(), false);
  await page.getByRole('button', { name: 'Add a metric to “Renewals”' }).waitFor();
  // The stored map has the card (so it is up to date) and no metric.
  const stored = () => page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('traseu.map.')).map((k) => localStorage.getItem(k)).join('\n'));
  await page.waitForFunction(() => Object.keys(localStorage)
    .some((k) => k.startsWith('traseu.map.') && localStorage.getItem(k).includes('Renewals')));
  assert.doesNotMatch(await stored(), /"metric"/);

  // In Romanian, the English way of writing a decimal is refused with the Romanian form.
  await page.getByLabel('Language').selectOption('ro');
  await page.getByRole('button', { name: 'Adaugă card în Indicatori, Retenție' }).click();
  await page.getByRole('textbox', { name: 'Textul cardului' }).fill('Reînnoiri');
  await page.getByRole('textbox', { name: 'Textul cardului' }).press('Control+Enter');
  await page.getByRole('button', { name: 'Adaugă un indicator cardului „Reînnoiri”' }).click();
  await fill(page, { kind: 'Rata de pierdere a clienților', value: '2.5' });
  await dialog.getByRole('button', { name: 'Salvează' }).click();
  assert.equal(await problemOf(dialog.getByLabel('Valoare')),
    'În română zecimalele se scriu cu virgulă, iar miile cu punct: ați vrut să scrieți 2,5?');
  await fill(page, { value: '2,5', date: '2026-11-24', target: '3' });
  await dialog.getByRole('button', { name: 'Salvează' }).click();
  assert.equal(await readingOf(page, 'Reînnoiri'),
    nb('Modifică indicatorul: Rata de pierdere a clienților 2,5~% · țintă 3~% · 24 nov. 2026 · țintă atinsă'));
  await page.waitForFunction(() => Object.keys(localStorage)
    .some((k) => k.startsWith('traseu.map.') && localStorage.getItem(k).includes('"metric"')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a metric is edited from the keyboard and removed, each change one undo step', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addMetricsLane(page);
  await addMetric(page, 'Awareness', 'Landing page',
    { kind: 'Bounce rate', value: '48.25', date: '2026-11-24', target: '40' });
  const before = 'Edit metric: Bounce rate 48.25% · target 40% · 24 Nov 2026 · target missed';
  assert.equal(await readingOf(page, 'Landing page'), before);

  // Tab from the card's face reaches its metric; Enter opens the dialog with what it holds.
  await card(page, 'Landing page').focus();
  await page.keyboard.press('Tab');
  assert.equal(await metricButton(page, 'Landing page').evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press('Enter');
  const dialog = metricDialog(page);
  await dialog.waitFor();
  const kind = dialog.getByLabel('Metric', { exact: true });
  assert.equal(await kind.evaluate((el) => el.selectedOptions[0].textContent), 'Bounce rate');
  assert.equal(await dialog.getByLabel('Value').inputValue(), '48.25');
  assert.equal(await dialog.getByLabel('Date').inputValue(), '2026-11-24');
  assert.equal(await dialog.getByLabel(/^Target/).inputValue(), '40');
  await dialog.getByLabel('Value').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('35');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  const after = 'Edit metric: Bounce rate 35% · target 40% · 24 Nov 2026 · target met';
  assert.equal(await liveText(page), 'Metric saved: Bounce rate 35% · target 40% · 24 Nov 2026 · target met.');
  assert.equal(await readingOf(page, 'Landing page'), after);
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Landing page');

  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await readingOf(page, 'Landing page'), before);
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await readingOf(page, 'Landing page'), after);

  await metricButton(page, 'Landing page').click();
  await dialog.getByRole('button', { name: 'Remove metric' }).click();
  assert.equal(await liveText(page), 'Metric removed.');
  await page.getByRole('button', { name: 'Add a metric to “Landing page”' }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await readingOf(page, 'Landing page'), after);

  // Esc leaves without saving and gives focus back to the card.
  await metricButton(page, 'Landing page').click();
  await dialog.getByLabel('Value').fill('1');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await readingOf(page, 'Landing page'), after);
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Landing page');
  assert.deepEqual(problems, []);
  await context.close();
});
