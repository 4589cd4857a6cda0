// A shared link to a map past the format's limits shows a plain message promptly, rather than
// freezing the reader's tab. The maps are sealed here in node exactly as `model::sealed` seals
// them (raw deflate, AES-256-GCM with a 12-byte IV in front, base64url) and uploaded through
// the real server's API, since the app itself never makes a map this large.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { useServerAndBrowser } from '../support.mjs';

const env = useServerAndBrowser();

/** A current document whose `count` cards all have the id `c`. */
function cardsWithOneId(count) {
  const card = '{"id":"c","lane":"l1","stage":"s1","text":""}';
  return '{"format":"traseu.map","version":2,"map":{"id":"m","title":"T","locale":"en",'
    + '"created":"2026-11-01T09:00:00Z","updated":"2026-11-01T09:00:00Z",'
    + '"stages":[{"id":"s1","name":"A"}],"lanes":[{"id":"l1","kind":"goals"}],'
    + `"cards":[${new Array(count).fill(card).join(',')}]}}`;
}

/** Seals `json` as `model::sealed::seal_json` does, uploads it, and returns the share link. */
async function uploadSealed(json) {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const packed = deflateRawSync(Buffer.from(json), { level: 6 });
  const sealed = Buffer.concat([iv, cipher.update(packed), cipher.final(), cipher.getAuthTag()]);
  const response = await fetch(`${env.server.url}/api/maps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ v: 1, ciphertext: sealed.toString('base64url') }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const { id } = await response.json();
  return { link: `${env.server.url}/s/${id}#${key.toString('base64url')}`, bytes: sealed.length };
}

/** Opens `link` in a fresh context and waits for `message` in the alert; logs how long it took. */
async function expectMessage(link, message, { locale = 'en-US' } = {}) {
  const context = await env.browser.newContext({ locale });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const started = performance.now();
  await page.goto(link);
  await page.getByRole('alert').getByText(message).waitFor();
  const elapsed = Math.round(performance.now() - started);
  assert.deepEqual(problems, []);
  await context.close();
  return elapsed;
}

test('a link to a million cards with one repeated id says the map is too large', async () => {
  const { link, bytes } = await uploadSealed(cardsWithOneId(1_000_000));
  const ms = await expectMessage(link, 'This shared map is too large to open.');
  // For comparison: the same link without its key, which the app refuses without a download.
  const keyless = await expectMessage(link.split('#')[0], 'This link’s key is missing or incomplete');
  console.log(`1,000,000 cards (${bytes} bytes sealed): message shown ${ms} ms after opening the link `
    + `(${keyless} ms for the link without its key)`);
});

test('a link to more cards than a map holds names the limit, in English and Romanian', async () => {
  const { link } = await uploadSealed(cardsWithOneId(20_001));
  const ms = await expectMessage(link, 'it has more cards than Traseu opens (at most 20000)');
  console.log(`20,001 cards: message shown ${ms} ms after opening the link`);
  await expectMessage(link, 'are mai multe carduri decât poate deschide Traseu (cel mult 20000)', { locale: 'ro-RO' });
});
