// Several personas on one map: pick the one whose curve is edited (in the persona header),
// add, rename and delete them (in the persona panel, with undo); the others' curves are drawn
// behind with a legend; the table follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, liveText, axeViolations, openPersonaPanel as openPanel, profileCard as profile,
} from '../support.mjs';

const env = useServerAndBrowser();

const persona = (page, name) => page.getByRole('radio', { name, exact: true });
const personaNames = (page) => page.getByRole('group', { name: 'Personas on the curve' })
  .getByRole('radio').evaluateAll((els) => els.map((e) => e.labels[0].textContent.trim()));
const scoreAt = (page, stage) => page.getByRole('slider', { name: stage }).getAttribute('aria-valuenow');

test('add, rename, switch and delete personas; undo brings one back; the table follows', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  assert.deepEqual(await personaNames(page), ['Main persona']);
  assert.equal(await persona(page, 'Main persona').isChecked(), true);
  assert.equal(await page.locator('.curve-line path.other').count(), 0, 'one persona: no overlay');

  let panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Add persona' }).click();
  assert.equal(await liveText(page), 'Persona “Persona 2” added; the curve now edits its scores.');
  assert.equal(await persona(page, 'Persona 2').isChecked(), true);
  const name = profile(panel, 'Persona 2').getByRole('textbox', { name: 'Persona name' });
  await page.waitForFunction(() => document.activeElement?.value === 'Persona 2');
  assert.equal(await name.evaluate((el) => document.activeElement === el), true, 'ready to type a name');
  await name.fill('Ana');
  await name.press('Enter');
  assert.deepEqual(await personaNames(page), ['Main persona', 'Ana']);
  assert.ok(await profile(panel, 'Ana').getByText('Shown on the board').isVisible());
  // Esc closes the panel and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('button', { name: 'Personas', exact: true })
    .evaluate((el) => document.activeElement === el), true);
  assert.ok(await page.getByRole('group', { name: 'Emotion curve for Ana' }).isVisible());

  // Ana's curve is the one edited now; Main persona's is drawn behind it.
  await page.getByRole('slider', { name: 'Onboarding' }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await liveText(page), 'Onboarding: +2 (positive)');
  await page.getByText('Show scores as a table').click();
  assert.equal(await page.locator('.emotion-table caption').textContent(), 'Emotion curve for Ana');
  assert.equal(await page.getByRole('combobox', { name: 'Score for Onboarding' }).inputValue(), '2');
  // The overlay and its legend: Main persona (first in the map) is drawn with style 0, and its
  // legend entry shows that same dash pattern and marker.
  assert.equal(await page.locator('.curve-line path.other.line0').count(), 1);
  assert.equal(await page.locator('.markers .marker.line0').count(), 8, 'a marker at each of its scored stages');
  const legendOf = (who) => page.locator('label.persona-choice', { has: persona(page, who) });
  assert.equal(await legendOf('Main persona').locator('.legend-line.line0').count(), 1);
  assert.equal(await legendOf('Main persona').locator('.marker.line0').count(), 1);
  assert.equal(await legendOf('Ana').locator('.legend-line.current').count(), 1);

  // Switching persona switches the curve and the table.
  await persona(page, 'Main persona').check();
  assert.equal(await scoreAt(page, 'Onboarding'), '0');
  assert.equal(await page.locator('.emotion-table caption').textContent(), 'Emotion curve for Main persona');
  assert.equal(await page.getByRole('combobox', { name: 'Score for Onboarding' }).inputValue(), '0');
  assert.equal(await page.locator('.curve-line path.other.line1').count(), 1, "Ana's curve is behind now");
  assert.equal(await page.locator('.markers .marker.line1').count(), 1, 'Ana has one scored stage');
  assert.equal(await legendOf('Ana').locator('.legend-line.line1').count(), 1);
  assert.deepEqual(await axeViolations(page), []);

  // Delete Ana; undo brings her back, current again, scores and all.
  await persona(page, 'Ana').check();
  panel = await openPanel(page);
  await profile(panel, 'Ana').getByRole('button', { name: 'Delete persona' }).click();
  assert.equal(await liveText(page), 'Persona “Ana” deleted. Undo brings it back.');
  assert.deepEqual(await personaNames(page), ['Main persona']);
  assert.equal(await persona(page, 'Main persona').isChecked(), true);
  assert.equal(await page.locator('.curve-line path.other').count(), 0);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await personaNames(page), ['Main persona', 'Ana']);
  assert.equal(await persona(page, 'Ana').isChecked(), true);
  assert.equal(await scoreAt(page, 'Onboarding'), '2');

  await page.reload();
  await page.getByRole('table').first().waitFor();
  assert.deepEqual(await personaNames(page), ['Main persona', 'Ana'], 'personas are saved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the last persona cannot be deleted, and a blank name is refused', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const card = profile(await openPanel(page), 'Main persona');
  await card.getByRole('button', { name: 'Delete persona' }).click();
  await page.getByRole('alert').getByText('That change was not made: a map keeps at least one persona.').waitFor();
  assert.deepEqual(await personaNames(page), ['Main persona']);
  const name = card.getByRole('textbox', { name: 'Persona name' });
  await name.fill('   ');
  await name.press('Enter');
  assert.equal(await name.inputValue(), 'Main persona');
  await page.getByRole('alert').getByText('That change was not made: a name cannot be empty.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'nothing changed');
  await context.close();
});

test('in Romanian a new persona is named and announced in Romanian', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  const panel = await openPanel(page, 'Persone');
  await panel.getByRole('button', { name: 'Adaugă o persona' }).click();
  assert.equal(await liveText(page), 'Persona „Persona 2” a fost adăugată; curba îi editează acum scorurile.');
  assert.deepEqual(
    await page.getByRole('group', { name: 'Persone pe curbă' }).getByRole('radio')
      .evaluateAll((els) => els.map((e) => e.labels[0].textContent.trim())),
    ['Persona principală', 'Persona 2'],
  );
  await profile(panel, 'Persona 2').getByRole('button', { name: 'Șterge persona' }).click();
  assert.equal(await liveText(page), 'Persona „Persona 2” a fost ștearsă. Anularea o readuce.');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
