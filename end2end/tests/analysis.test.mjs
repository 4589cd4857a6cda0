// The analysis panel (method step 6): what to fix first, worked out from the map itself and
// said in the interface's language; each finding leads to what it is about on the board.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, axeViolations, addCard, card } from '../support.mjs';
import { openSeeded } from '../seed.mjs';

const env = useServerAndBrowser();

/**
 * A SaaS map (stages Awareness … Advocacy) with a gap at Onboarding, a trough there, Email
 * dropping out at Consideration and coming back, the lowest conversion at Consideration, and
 * pain points and an opportunity with impact and effort.
 */
function filled(d, seed) {
  d.map.lanes.push({ id: 'kpi', kind: 'metrics' });
  const scores = [1, -1, 0, -3, 2, 1, 1, 2];
  d.map.personas[0].emotions = scores.map((score, i) => ({ stage: d.map.stages[i].id, score }));
  seed(d, [
    { id: 't0', lane: 'touchpoints', stage: 0, text: 'Launch email', channel: 'email' },
    { id: 't1', lane: 'touchpoints', stage: 1, text: 'Pricing page', channel: 'pricing_page' },
    { id: 't2', lane: 'touchpoints', stage: 2, text: 'Welcome email', channel: 'email' },
    ...[4, 5, 6, 7].map((stage) => ({ id: `t${stage}`, lane: 'touchpoints', stage, text: `In-app tip ${stage}`, channel: 'in_app' })),
    { id: 'm1', lane: 'metrics', stage: 1, text: 'Trial to paid', metric: { kind: 'conversion_rate', value: 3.2, target: 5 } },
    { id: 'm2', lane: 'metrics', stage: 2, text: 'Sign-up rate', metric: { kind: 'conversion_rate', value: 12 } },
    { id: 'p1', lane: 'pain_points', stage: 3, text: 'Import fails', impact: 5, effort: 1 },
    { id: 'p2', lane: 'pain_points', stage: 1, text: 'Pricing unclear', impact: 4, effort: 2 },
    { id: 'p3', lane: 'pain_points', stage: 2, text: 'Slow sign-up' },
    { id: 'o1', lane: 'opportunities', stage: 3, text: 'Import wizard', impact: 4, effort: 4, addresses: ['p1'] },
  ]);
}

const panel = (page) => page.getByRole('complementary', { name: /^(What to fix first|Ce de rezolvat întâi)$/ });

/** The findings of one group, as their buttons read. */
async function group(page, title) {
  const section = panel(page).getByRole('region', { name: title });
  return (await section.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

test('the analysis names the gap, the low, the bottleneck, the broken channel and the priorities, and follows the map', async () => {
  const { context, page, problems } = await openSeeded(env, filled);
  const toggle = page.getByRole('button', { name: 'Analysis', exact: true });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await panel(page).waitFor();

  assert.deepEqual(await group(page, /^Gaps/), [
    'High: “Onboarding” has no touchpoints, though a persona feels −3 there.',
  ]);
  const moments = await group(page, /^Moments/);
  assert.ok(moments.includes('High: Main persona feels worst (−3) at “Onboarding”.'), moments.join('\n'));
  assert.ok(moments.includes('High: Main persona\'s feeling falls most from “Acquisition / Sign-up” (0) to “Onboarding” (−3).'), moments.join('\n'));
  const bottlenecks = await group(page, /^Bottlenecks/);
  assert.match(bottlenecks[0], /^High: “Consideration” is the bottleneck of 2 stages measured: Conversion rate 3\.2\s?% · target 5\s?% · target missed\.$/);
  assert.deepEqual(await group(page, /^Channel/), [
    'Low: Email serves “Awareness”, is missing at “Consideration”, then comes back at “Acquisition / Sign-up”.',
  ]);
  const unaddressed = await group(page, /^Pains with no opportunity/);
  assert.deepEqual(unaddressed, [
    'High: No opportunity addresses “Pricing unclear” (Consideration).',
    'Medium: No opportunity addresses “Slow sign-up” (Acquisition / Sign-up).',
  ]);
  const priorities = panel(page).getByRole('region', { name: /^Priorities/ });
  assert.deepEqual(await priorities.locator('ol li').allTextContents(), [
    '“Import fails”: impact 5 ÷ effort 1',
    '“Pricing unclear”: impact 4 ÷ effort 2',
    '“Import wizard”: impact 4 ÷ effort 4',
  ]);
  assert.deepEqual(await priorities.locator('ul li').allTextContents(), ['Slow sign-up']);
  assert.deepEqual(await axeViolations(page), []);

  // With the keyboard: Enter on a finding takes focus to its card, which lights up.
  await priorities.getByRole('button', { name: '“Import fails”: impact 5 ÷ effort 1' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit card: Import fails');
  assert.equal(await card(page, 'Import fails').evaluate((el) => el.closest('.card').classList.contains('spotlight')), true);
  // A stage, and an emotion point of the curve, are found the same way.
  await panel(page).getByRole('button', { name: /Onboarding” has no touchpoints/ }).press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('th')?.dataset.stage !== undefined);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'Onboarding');
  await panel(page).getByRole('button', { name: /feels worst/ }).press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'slider');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Onboarding');

  // The panel follows the map: a touchpoint at Onboarding closes the gap.
  await addCard(page, 'Touchpoints', 'Onboarding', 'Import guide');
  await page.waitForFunction(() => document.querySelector('#analysis-gaps + p')?.textContent === 'Nothing to report.');
  assert.deepEqual(await group(page, /^Gaps/), []);

  await page.getByRole('button', { name: 'Close the analysis' }).click();
  assert.equal(await panel(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Romanian the analysis speaks Romanian and names the stages as the board does', async () => {
  const { context, page, problems } = await openSeeded(env, filled);
  await page.getByLabel('Language').selectOption('ro');
  await page.getByRole('button', { name: 'Analiză', exact: true }).click();
  await panel(page).waitFor();
  const stages = await page.getByRole('textbox', { name: 'Numele etapei' }).evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(await group(page, /^Goluri/), [
    `Ridicat: „${stages[3]}” nu are puncte de contact, deși o persona se simte −3 acolo.`,
  ]);
  const channels = await group(page, /^Nepotriviri de canal/);
  assert.deepEqual(channels, [
    `Scăzut: E-mail servește „${stages[0]}”, lipsește la „${stages[1]}”, apoi revine la „${stages[2]}”.`,
  ]);
  const priorities = panel(page).getByRole('region', { name: /^Priorități/ });
  assert.equal(await priorities.locator('ol li').first().textContent(), '„Import fails”: impact 5 ÷ efort 1');
  assert.match((await panel(page).locator('.analysis-summary').textContent()), /^Ridicat: \d+ · Mediu: \d+ · Scăzut: \d+\./);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
