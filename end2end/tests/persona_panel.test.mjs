// The persona panel: each persona's profile card, edited in place and kept; an uploaded
// picture becomes a small avatar shown above the board; files that are not pictures, too
// large or unreadable are refused with a message and change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openPage, liveText, axeViolations, openPersonaPanel as openPanel, profileCard as profile,
} from '../support.mjs';

const env = useServerAndBrowser();

const header = (page, name = 'Who this map is for') => page.getByRole('region', { name });
const undoDisabled = (page) => page.getByRole('button', { name: 'Undo' }).isDisabled();

/** Types into a labelled field of a card and commits it by leaving the field. */
async function fill(card, label, text) {
  const field = card.getByRole('textbox', { name: label, exact: true });
  await field.fill(text);
  await field.press('Tab');
}

/** A real PNG, drawn in the page: a gradient with noise, so it does not compress to nothing. */
async function png(page, width, height) {
  const base64 = await page.evaluate(([w, h]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(w, h);
    let seed = 7;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const x = (i / 4) % w;
      image.data[i] = (x * 255) / w;
      image.data[i + 1] = seed % 256;
      image.data[i + 2] = 120;
      image.data[i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    return canvas.toDataURL('image/png').split(',')[1];
  }, [width, height]);
  return Buffer.from(base64, 'base64');
}

test('a profile filled in the panel is kept, and the board header shows role and quote', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  let panel = await openPanel(page);
  assert.equal(await panel.locator('.persona-hint').textContent(),
    '3–5 personas per map are recommended; this map has 1.');
  let card = profile(panel, 'Main persona');
  await fill(card, 'Role', 'Operations lead at a logistics start-up');
  await fill(card, 'Age range', '35–44');
  await fill(card, 'Industry', 'Logistics');
  await fill(card, 'Goals', 'Onboard a new depot in a week\nwithout calling support');
  await card.getByRole('checkbox', { name: 'Email', exact: true }).check();
  await card.getByRole('checkbox', { name: 'Live chat' }).check();
  await fill(card, 'Quote', 'I need to see value in the first week.');
  // Each of those is one change of its own.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await card.getByRole('textbox', { name: 'Quote' }).inputValue(), '');
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.deepEqual(await axeViolations(page), []);

  const board = header(page);
  assert.equal(await board.locator('strong').textContent(), 'Main persona');
  assert.equal(await board.locator('.persona-role').textContent(), 'Operations lead at a logistics start-up');
  assert.equal(await board.locator('q').textContent(), 'I need to see value in the first week.');
  assert.equal(await board.locator('.avatar.initials').textContent(), 'MP');

  await page.reload();
  await page.getByRole('table').waitFor();
  assert.equal(await header(page).locator('q').textContent(), 'I need to see value in the first week.');
  panel = await openPanel(page);
  card = profile(panel, 'Main persona');
  const value = (label) => card.getByRole('textbox', { name: label, exact: true }).inputValue();
  assert.equal(await value('Role'), 'Operations lead at a logistics start-up');
  assert.equal(await value('Age range'), '35–44');
  assert.equal(await value('Industry'), 'Logistics');
  assert.equal(await value('Goals'), 'Onboard a new depot in a week\nwithout calling support');
  assert.equal(await value('Quote'), 'I need to see value in the first week.');
  const checked = await card.getByRole('checkbox').evaluateAll(
    (boxes) => boxes.filter((b) => b.checked).map((b) => b.labels[0].textContent.trim()));
  assert.deepEqual(checked, ['Email', 'Live chat']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an uploaded picture is scaled down to a small avatar on the board; removing it brings the initials back', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const panel = await openPanel(page);
  const card = profile(panel, 'Main persona');
  const picture = await png(page, 900, 600);
  assert.ok(picture.length > 64 * 1024, `the test picture (${picture.length} B) is larger than an avatar may be`);
  await card.getByLabel('Upload a picture').setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: picture });
  assert.equal(await liveText(page), 'Picture of “Main persona” saved.');

  const img = header(page).locator('img.avatar');
  await img.waitFor();
  const seen = await img.evaluate((el) => ({
    src: el.getAttribute('src'), width: el.naturalWidth, height: el.naturalHeight, alt: el.alt,
  }));
  assert.match(seen.src, /^data:image\/(webp|jpeg);base64,/);
  const bytes = Buffer.from(seen.src.split(',')[1], 'base64').length;
  assert.ok(bytes <= 64 * 1024, `the avatar is ${bytes} B`);
  assert.deepEqual([seen.width, seen.height], [256, 171], 'the longer side scaled to 256 px');
  assert.equal(seen.alt, '', 'decorative: the name is written beside it');
  assert.equal(await card.locator('img.avatar').count(), 1, 'the card shows it too');

  await page.reload();
  await page.getByRole('table').waitFor();
  assert.equal(await header(page).locator('img.avatar').getAttribute('src'), seen.src, 'kept with the map');

  const again = profile(await openPanel(page), 'Main persona');
  await again.getByRole('button', { name: 'Remove picture' }).click();
  assert.equal(await header(page).locator('.avatar.initials').textContent(), 'MP');
  assert.equal(await header(page).locator('img').count(), 0);
  assert.equal(await again.getByRole('button', { name: 'Remove picture' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file that is not a picture, is over 10 MB or cannot be read is refused and changes nothing', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const card = profile(await openPanel(page), 'Main persona');
  const upload = card.getByLabel('Upload a picture');
  const refusal = card.getByRole('alert');

  await upload.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await refusal.getByText('That file is not a picture, so it was not used. Choose a PNG, JPEG or WebP image.').waitFor();

  const huge = Buffer.alloc(10 * 1024 * 1024 + 1);
  (await png(page, 4, 4)).copy(huge);
  await upload.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge });
  await refusal.getByText('That picture is larger than 10 MB, so it was not used. Choose a smaller one.').waitFor();

  await upload.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('no pixels here') });
  await refusal.getByText('That picture could not be read, so it was not used. Try another file.').waitFor();

  assert.equal(await header(page).locator('img').count(), 0);
  assert.equal(await header(page).locator('.avatar.initials').textContent(), 'MP');
  assert.equal(await undoDisabled(page), true, 'nothing changed');

  // A picture that works clears the message.
  await upload.setInputFiles({ name: 'ok.png', mimeType: 'image/png', buffer: await png(page, 40, 40) });
  await header(page).locator('img.avatar').waitFor();
  assert.equal(await refusal.textContent(), '');
  await context.close();
});

test('in Romanian the panel, its hint and its refusals are in Romanian', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'ro-RO' });
  const panel = await openPanel(page, 'Persone');
  assert.equal(await panel.locator('.persona-hint').textContent(),
    'Se recomandă 3–5 persone pe hartă; harta aceasta are 1.');
  const card = profile(panel, 'Persona principală');
  await card.getByLabel('Încarcă o imagine').setInputFiles({
    name: 'notite.txt', mimeType: 'text/plain', buffer: Buffer.from('text'),
  });
  await card.getByRole('alert').getByText(
    'Fișierul nu este o imagine, așa că nu a fost folosit. Alegeți o imagine PNG, JPEG sau WebP.').waitFor();
  assert.ok(await card.getByRole('group', { name: 'Date despre companie (B2B)' }).isVisible());
  assert.ok(await card.getByRole('checkbox', { name: 'Bază de cunoștințe' }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('with three personas the hint goes; the board header follows the persona chosen', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Add persona' }).click();
  await panel.getByRole('button', { name: 'Add persona' }).click();
  await profile(panel, 'Persona 3').waitFor();
  assert.equal(await panel.locator('.persona-hint').count(), 0);
  assert.equal(await header(page).locator('strong').textContent(), 'Persona 3');
  await profile(panel, 'Main persona').getByRole('button', { name: 'Show on the board' }).click();
  assert.equal(await header(page).locator('strong').textContent(), 'Main persona');
  assert.ok(await profile(panel, 'Main persona').getByText('Shown on the board').isVisible());
  assert.equal(await page.getByRole('radio', { name: 'Main persona' }).isChecked(), true);
  await context.close();
});
