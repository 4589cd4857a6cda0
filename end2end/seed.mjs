// Maps with the new card fields for the filter and channels tests, written straight into local
// storage: the interface that sets a card's channel or personas is another part's to test.
import { openPage, setTitle } from './support.mjs';

/**
 * Adds cards to a stored map document `d`. Each card names its lane by kind (`touchpoints`,
 * `pain_points`, …) and its stage by index; any other field (channel, category, tags,
 * personas, confidence) is copied onto it.
 */
function seedCards(d, cards) {
  for (const { lane, stage, ...rest } of cards) {
    d.map.cards.push({
      colour: 'yellow',
      lane: d.map.lanes.find((l) => l.kind === lane).id,
      stage: d.map.stages[stage].id,
      ...rest,
    });
  }
}

/**
 * Opens the app on a new map, lets `change(d, seedCards, arg)` rewrite the stored document
 * (`arg` is any JSON value, passed into the page), and reloads so the board draws it.
 */
export async function openSeeded(env, change, arg = null) {
  const opened = await openPage(env.browser, env.server.url);
  await seedInto(opened.page, change, arg);
  return opened;
}

/** As `openSeeded`, on a page already open on the app (a touch screen's, say). */
export async function seedInto(page, change, arg = null) {
  // A rename makes sure the map is stored before it is rewritten.
  await setTitle(page, 'Seeded');
  const key = await page.waitForFunction(() => {
    const ui = JSON.parse(localStorage.getItem('traseu.ui') ?? '{}');
    const stored = ui.current && localStorage.getItem(`traseu.map.${ui.current}`);
    return stored?.includes('Seeded') ? `traseu.map.${ui.current}` : null;
  }).then((h) => h.jsonValue());
  await page.evaluate(([k, changeText, seedText, a]) => {
    const d = JSON.parse(localStorage.getItem(k));
    const seed = new Function(`return (${seedText})`)();
    new Function(`return (${changeText})`)()(d, seed, a);
    localStorage.setItem(k, JSON.stringify(d));
  }, [key, change.toString(), seedCards.toString(), arg]);
  await page.reload();
  await page.getByRole('table').first().waitFor();
}
