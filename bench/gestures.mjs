// What the board benchmark does to a board, the same on the app and the baseline: drag a card
// and an emotion point with the real mouse while every frame is recorded (bench/probe.mjs), and
// move a card with the keyboard, timing each move. Method: bench/README.md.

import { analyseFrames } from './frames.mjs';

/** Rejects if `promise` takes longer than `ms`. */
export function bounded(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms} ms`)), ms); }),
  ]);
}

/**
 * Presses at `from`, moves 10 px (past the boards' 6 px threshold, so the drag starts), then
 * along `path`, each leg at least `steps` mouse moves (one a frame), and releases. `held` runs
 * in the page just before the release. Every frame from the press to 400 ms after the release
 * is recorded.
 */
async function recordedDrag(page, from, path, steps, held) {
  await page.mouse.move(from.x, from.y);
  await page.evaluate(() => window.__bench.startRecording());
  await page.mouse.down();
  let prev = { x: from.x + 10, y: from.y + 4 };
  await page.mouse.move(prev.x, prev.y, { steps: 3 });
  for (const p of path) {
    const n = Math.max(steps, Math.round(Math.hypot(p.x - prev.x, p.y - prev.y) / 20));
    await bounded(page.mouse.move(p.x, p.y, { steps: Math.min(n, 120) }), 300_000, 'mouse move');
    prev = p;
  }
  const during = await page.evaluate(held);
  await page.mouse.up();
  await page.waitForTimeout(400); // the drop's frames
  const rec = await page.evaluate(() => window.__bench.stopRecording());
  return { during, frames: analyseFrames(rec) };
}

/** Card c1 from its cell through three cells of its row and back into the second, then dropped. */
export async function cardDrag(page, steps) {
  const face = page.locator('[data-card-id="c1"] .card-text');
  await face.waitFor({ timeout: 10_000 });
  const start = await face.boundingBox();
  const geo = await page.evaluate(() => {
    const c1 = document.querySelector('[data-card-id="c1"]').closest('td.cell');
    const lane = c1.dataset.lane;
    const row = [...document.querySelectorAll(`td.cell[data-lane="${lane}"]`)];
    const M = 60; // clear of the 48 px auto-scroll edges
    const W = innerWidth - M;
    const H = innerHeight - M;
    return row.slice(1, 4).map((td) => {
      const r = td.getBoundingClientRect();
      const left = Math.max(r.left, M); const right = Math.min(r.right, W);
      const top = Math.max(r.top, M); const bottom = Math.min(r.bottom, H);
      return right - left > 20 && bottom - top > 20
        ? { lane: td.dataset.lane, stage: td.dataset.stage, left, right, top, bottom } : null;
    }).filter(Boolean);
  });
  if (geo.length < 2) return { error: `only ${geo.length} target cells visible` };
  const at = (c, fx, fy) => ({ x: c.left + (c.right - c.left) * fx, y: c.top + Math.min(c.bottom - c.top, 200) * fy });
  const last = geo[geo.length - 1];
  const path = [at(geo[0], 0.5, 0.6), at(geo[1], 0.4, 0.3), at(last, 0.5, 0.8), at(geo[1], 0.6, 0.5)];
  const dropCell = geo[1];
  const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
  const { during, frames } = await recordedDrag(page, from, path, steps, () => ({
    ghost: document.querySelector('.ghost') !== null,
    highlighted: (() => {
      // The baseline marks the target cell with a class; the app draws an overlay over it.
      const marked = document.querySelector('td.cell.drop-target');
      if (marked) return marked.dataset.stage;
      const ring = document.querySelector('.drop-highlight')?.getBoundingClientRect();
      const under = ring && document.elementFromPoint(ring.x + ring.width / 2, ring.y + 4)?.closest('td.cell');
      return under?.dataset.stage ?? null;
    })(),
  }));
  const landed = await page.evaluate(() => document.querySelector('[data-card-id="c1"]')?.closest('td.cell')?.dataset.stage ?? null);
  return {
    started: during.ghost,
    highlighted: during.highlighted,
    moved: landed === dropCell.stage,
    dropStage: dropCell.stage,
    landed,
    ...frames,
  };
}

/** Where a score sits in the curve's box, as a fraction of its height (model::curve::y_of). */
const yOf = (score) => (12 + ((3 - score) / 6) * 76) / 100;

/**
 * The second stage's emotion point, scrolled to the middle of the window, dragged up to +3, down
 * to −3 and back up to +1, then released. "moved" = it shows +1 before and after the release.
 */
export async function pointDrag(page, steps) {
  const point = page.locator('.curve .points .point').nth(1);
  await point.waitFor({ timeout: 10_000 });
  await point.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
  await page.waitForTimeout(200); // the scroll's frames
  const curve = await page.locator('.curve').first().boundingBox();
  const box = await point.boundingBox();
  const x = box.x + Math.min(14, box.width / 2);
  const yAt = (score) => curve.y + curve.height * yOf(score);
  const path = [{ x, y: yAt(3) - 6 }, { x, y: yAt(-3) + 6 }, { x, y: yAt(1) }];
  const value = () => document.querySelectorAll('.curve .points .point')[1].getAttribute('aria-valuenow');
  const { during, frames } = await recordedDrag(page, { x, y: box.y + box.height / 2 }, path, steps, value);
  const after = await page.evaluate(value);
  return { started: during === '1', moved: after === '1', landed: after, ...frames };
}

/**
 * `count` keyboard moves of card c1, each committed on its own: focus, Space (lift), Right or
 * Left (alternately: to the next stage and back), Space (drop). Only the arrow is timed
 * (bench/probe.mjs, armMove); returns the times in ms and how many moves did not land.
 */
export async function keyMoves(page, count, signalled) {
  const times = [];
  let missed = 0;
  for (let i = 0; i < count; i++) {
    await page.evaluate(() => {
      const face = document.querySelector('[data-card-id="c1"] .card-text');
      if (document.activeElement !== face) face.focus();
    });
    await page.keyboard.press('Space');
    await page.evaluate(() => window.__bench.armMove('c1'));
    const said = signalled();
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    const ms = await bounded(said, 30_000, 'keyboard move')
      .then(() => page.evaluate(() => window.__bench.move.ms))
      .catch(() => null);
    if (ms === null) missed++;
    else times.push(ms);
    await page.keyboard.press('Space');
  }
  return { times, missed };
}
