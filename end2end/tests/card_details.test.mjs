// A card's details: category and channel (icon and name on the card, the channel in its
// accessible name), sources with safe links only, the confidence marker, and impact and effort
// from the dialog and from the keyboard. Each change is one undo step and is announced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, axeViolations, addCard, card, liveText, showTools,
} from '../support.mjs';

const env = useServerAndBrowser();

/** The note around a card's face. */
const note = (face) => face.locator('xpath=..');

/** The facts under a card's text, each as a screen reader reads it: a mark by its name, other
 *  facts by their words, less what is hidden from assistive technology. */
function facts(face) {
  return note(face).evaluate((el) => [...el.querySelectorAll('.card-facts > .fact')].map((fact) => {
    if (fact.getAttribute('role') === 'img') return fact.getAttribute('aria-label');
    const copy = fact.cloneNode(true);
    copy.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }));
}

/** The symbols a card's facts draw, each checked to exist in the page's sprite. */
function symbols(face) {
  return note(face).evaluate((el) => [...el.querySelectorAll('.card-facts use')].map((u) => {
    const id = u.getAttribute('href');
    const symbol = document.querySelector(id);
    const box = u.closest('svg').getBoundingClientRect();
    return { id, drawn: symbol?.tagName === 'symbol' && box.width > 0 && box.height > 0 };
  }));
}

/** Whether the style sheet draws the mark of a card's fact (an SVG image before it, with a size). */
function marked(face, selector) {
  return note(face).locator(selector).evaluate((el) => {
    const style = getComputedStyle(el, '::before');
    return style.backgroundImage.startsWith('url("data:image/svg+xml') && parseFloat(style.width) > 0;
  });
}

async function openDetails(page, text) {
  await showTools(page, text);
  await page.getByRole('button', { name: `Details of “${text}”` }).click();
  const dialog = page.getByRole('dialog', { name: `Details of “${text}”` });
  await dialog.waitFor();
  return dialog;
}

async function reload(page) {
  await page.reload();
  await page.getByRole('table').first().waitFor();
}

test('a touchpoint shows its category and channel, the channel also in its name; undo takes it back', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Touchpoints', 'Onboarding', 'Welcome email');
  await addCard(page, 'Touchpoints', 'Consideration', 'Pricing table');
  assert.equal(await note(card(page, 'Welcome email')).locator('.card-facts').count(), 0, 'a plain card shows no facts');

  const dialog = await openDetails(page, 'Welcome email');
  await dialog.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Customer success' });
  assert.equal(await liveText(page), 'Category of “Welcome email”: Customer success.');
  await dialog.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Onboarding email' });
  assert.equal(await liveText(page), 'Channel of “Welcome email”: Onboarding email.');
  // Impact and effort are for pain points and opportunities only.
  assert.equal(await dialog.getByRole('group', { name: 'Impact' }).count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.equal(await dialog.isVisible(), false);

  const face = page.getByRole('button', { name: 'Edit card: Welcome email (Onboarding email)', exact: true });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Welcome email (Onboarding email)');
  assert.deepEqual(await facts(face), ['Onboarding email', 'Customer success', 'Confidence: Assumed']);
  assert.deepEqual(await symbols(face), [{ id: '#icon-onboarding', drawn: true }]);
  assert.equal(await marked(face, '.fact-confidence'), true, 'the confidence mark is drawn');

  // From the keyboard: D on a focused card opens its details.
  await card(page, 'Pricing table').focus();
  await page.keyboard.press('d');
  const other = page.getByRole('dialog', { name: 'Details of “Pricing table”' });
  await other.waitFor();
  await other.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Pricing page' });
  await page.keyboard.press('Escape');
  assert.equal(await other.isVisible(), false);
  const pricing = page.getByRole('button', { name: 'Edit card: Pricing table (Pricing page)', exact: true });
  assert.deepEqual((await symbols(pricing)).map((s) => s.id), ['#icon-pricing']);

  await reload(page);
  assert.deepEqual(await facts(face), ['Onboarding email', 'Customer success', 'Confidence: Assumed']);
  const again = await openDetails(page, 'Welcome email');
  await again.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'None' });
  assert.equal(await liveText(page), 'Channel of “Welcome email”: none.');
  await again.getByRole('button', { name: 'Done' }).click();
  await card(page, 'Welcome email').waitFor();
  await page.keyboard.press('Control+z');
  await face.waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a source with an https link is kept and opens safely; a javascript: link is refused; validated shows', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Onboarding', 'Users skip the tour');
  const face = card(page, 'Users skip the tour');
  const dialog = await openDetails(page, 'Users skip the tour');
  const sources = dialog.getByRole('group', { name: 'Evidence' });
  assert.equal(await sources.getByText('No sources yet.').count(), 1);

  await sources.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Interview' });
  await sources.getByRole('textbox', { name: 'Note' }).fill('5 of 8 skipped it');
  await sources.getByRole('textbox', { name: 'Link (optional)' }).fill(' https://example.org/notes/tour ');
  await sources.getByRole('button', { name: 'Add source' }).click();
  assert.equal(await liveText(page), 'Sources of “Users skip the tour”: 1.');
  const link = sources.getByRole('link', { name: 'https://example.org/notes/tour (opens in a new tab)' });
  assert.equal(await link.getAttribute('href'), 'https://example.org/notes/tour');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await sources.getByRole('textbox', { name: 'Note' }).inputValue(), '', 'the form is cleared');

  await sources.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Survey' });
  await sources.getByRole('textbox', { name: 'Note' }).fill('sneaky');
  const field = sources.getByRole('textbox', { name: 'Link (optional)' });
  await field.fill('javascript:alert(1)');
  await sources.getByRole('button', { name: 'Add source' }).click();
  const message = 'Only a whole web address starting with http:// or https:// can be linked. The source was not added.';
  await sources.getByText(message).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await field.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent), message);
  assert.equal(await field.inputValue(), 'javascript:alert(1)', 'what was typed stays to be corrected');
  await page.locator('[role=alert]', { hasText: 'That change was not made: a link must be a whole web address' }).waitFor();
  assert.equal(await sources.getByRole('listitem').count(), 1, 'nothing was added');
  assert.deepEqual(await axeViolations(page), []);
  // Typing again takes the message away.
  await field.fill('');
  assert.equal(await sources.getByText(message).count(), 0);

  assert.deepEqual(await facts(face), ['Evidence sources: 1', 'Confidence: Assumed']);
  await dialog.getByRole('radio', { name: 'Validated' }).check();
  assert.equal(await liveText(page), 'Confidence of “Users skip the tour”: Validated.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.deepEqual(await facts(face), ['Evidence sources: 1', 'Confidence: Validated']);
  assert.equal(await marked(face, '.fact-sources'), true, 'the sources mark is drawn');
  assert.match(await note(face).locator('.fact-confidence').getAttribute('class'), /confidence-validated/);

  await reload(page);
  assert.deepEqual(await facts(face), ['Evidence sources: 1', 'Confidence: Validated']);
  const reopened = await openDetails(page, 'Users skip the tour');
  assert.equal(await reopened.getByRole('radio', { name: 'Validated' }).isChecked(), true);
  await reopened.getByRole('button', { name: 'Remove source 1 (Interview)' }).click();
  assert.equal(await liveText(page), 'Sources of “Users skip the tour”: 0.');
  await reopened.getByText('No sources yet.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('impact and effort are set from the dialog and with I or E then a digit, and stay after a reload', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await addCard(page, 'Pain points', 'Onboarding', 'Setup takes a day');
  await addCard(page, 'Touchpoints', 'Onboarding', 'Kick-off call');
  const face = card(page, 'Setup takes a day');

  const dialog = await openDetails(page, 'Setup takes a day');
  const impact = dialog.getByRole('group', { name: 'Impact' });
  const effort = dialog.getByRole('group', { name: 'Effort' });
  assert.equal(await impact.getByRole('radio', { name: 'Not rated' }).isChecked(), true);
  await impact.getByRole('radio', { name: '4', exact: true }).check();
  assert.equal(await liveText(page), 'Impact of “Setup takes a day”: 4 of 5.');
  await effort.getByRole('radio', { name: '2', exact: true }).check();
  assert.equal(await liveText(page), 'Effort of “Setup takes a day”: 2 of 5.');
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Done' }).click();
  assert.deepEqual(await facts(face), ['Impact 4', 'Effort 2', 'Confidence: Assumed']);
  // Seen as "Impact 4 · Effort 2": the dot is drawn between the two, and not read out.
  const dot = await note(face).locator('.fact-rating').nth(1).evaluate((el) => getComputedStyle(el, '::before').content);
  assert.equal(dot, '"·" / ""');

  // The keyboard: I then a digit sets the impact, E then 0 clears the effort; focus stays.
  await face.focus();
  await page.keyboard.press('i');
  assert.equal(await liveText(page), 'Impact of “Setup takes a day”: press 1 to 5, or 0 for not rated.');
  await page.keyboard.press('5');
  assert.equal(await liveText(page), 'Impact of “Setup takes a day”: 5 of 5.');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Setup takes a day');
  await page.keyboard.press('e');
  await page.keyboard.press('0');
  assert.equal(await liveText(page), 'Effort of “Setup takes a day”: not rated.');
  assert.deepEqual(await facts(face), ['Impact 5', 'Confidence: Assumed']);
  // A digit without I or E first does nothing.
  await face.focus();
  await page.keyboard.press('3');
  assert.deepEqual(await facts(face), ['Impact 5', 'Confidence: Assumed']);
  // Each rating is one undo step.
  await page.keyboard.press('Control+z');
  assert.deepEqual(await facts(face), ['Impact 5', 'Effort 2', 'Confidence: Assumed']);

  // A touchpoint takes no rating, and says so.
  await card(page, 'Kick-off call').focus();
  await page.keyboard.press('i');
  assert.equal(await liveText(page), 'Impact and effort are given to pain points and opportunities.');
  await page.keyboard.press('4');
  assert.equal(await note(card(page, 'Kick-off call')).locator('.card-facts').count(), 0);

  await reload(page);
  assert.deepEqual(await facts(face), ['Impact 5', 'Effort 2', 'Confidence: Assumed']);
  const reopened = await openDetails(page, 'Setup takes a day');
  assert.equal(await reopened.getByRole('group', { name: 'Impact' }).getByRole('radio', { name: '5', exact: true }).isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Romanian the details, the facts on the card and the announcements are Romanian', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  await page.getByRole('button', { name: 'Adaugă card în Puncte de durere, Integrare' }).click();
  await page.getByRole('textbox', { name: 'Textul cardului' }).fill('Integrare lentă');
  await page.getByRole('textbox', { name: 'Textul cardului' }).press('Control+Enter');
  await page.getByRole('button', { name: 'Detaliile cardului „Integrare lentă”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Detaliile cardului „Integrare lentă”' });
  await dialog.getByRole('combobox', { name: 'Canal' }).selectOption({ label: 'E-mail de integrare' });
  assert.equal(await liveText(page), 'Canal pentru „Integrare lentă”: E-mail de integrare.');
  assert.deepEqual(await axeViolations(page), []);
  await dialog.getByRole('button', { name: 'Gata' }).click();

  const face = page.getByRole('button', { name: 'Editează cardul: Integrare lentă (E-mail de integrare)', exact: true });
  await face.focus();
  await page.keyboard.press('i');
  await page.keyboard.press('3');
  assert.equal(await liveText(page), 'Impact pentru „Integrare lentă”: 3 din 5.');
  assert.deepEqual(await facts(face), ['E-mail de integrare', 'Impact 3', 'Încredere: Presupus']);
  assert.deepEqual(problems, []);
  await context.close();
});
