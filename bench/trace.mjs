#!/usr/bin/env node
// Where the main thread's time goes, app beside baseline: a Chromium trace of a cold load or of a
// drag, summed as self time per trace event name on the page's renderer main thread (Paint,
// Layout, FunctionCall for script and wasm, wasm.CompileLazy, ...). A tool for finding causes,
// not a benchmark: tracing slows the page, so read it as proportions, and take figures from
// bench/run.
//
//   node bench/trace.mjs [--size 1000] [--gesture load|card|point] [--runs 3] [--top 20]

import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { storageEntries } from './mapgen.mjs';
import { readyProbe } from './probe.mjs';
import { median } from './frames.mjs';
import { cardDrag, pointDrag } from './gestures.mjs';
import { startBaseline } from './baseline/serve.mjs';

const root = resolve(import.meta.dirname, '..');
const { values: opt } = parseArgs({
  options: {
    size: { type: 'string', default: '1000' },
    gesture: { type: 'string', default: 'load' },
    runs: { type: 'string', default: '3' },
    top: { type: 'string', default: '20' },
  },
});
const SIZE = Number(opt.size);
const RUNS = Math.max(1, Number(opt.runs) || 3);
if (!['load', 'card', 'point'].includes(opt.gesture)) throw new Error('--gesture: load, card or point');
const release = join(root, 'target/release/server');
process.env.TRASEU_SERVER_BIN ??= existsSync(release) ? release : join(root, 'target/debug/server');
const { startServer, launchBrowser } = await import('../end2end/support.mjs');

/** Self time (ms) per event name on the busiest renderer main thread of one trace. */
function selfTimes(events) {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busy = (m) => events.reduce((s, e) => s + (e.pid === m.pid && e.tid === m.tid && e.ph === 'X' ? e.dur ?? 0 : 0), 0);
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur != null)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = {};
  const open = [];
  for (const e of spans) {
    while (open.length && open.at(-1).ts + open.at(-1).dur <= e.ts) open.pop();
    if (open.length) self[open.at(-1).name] = (self[open.at(-1).name] ?? 0) - e.dur / 1000;
    self[e.name] = (self[e.name] ?? 0) + e.dur / 1000;
    open.push(e);
  }
  return self;
}

async function traceOnce(browser, target) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await context.addInitScript(readyProbe, SIZE);
    await page.goto(target.blankUrl);
    await page.evaluate((e) => { localStorage.clear(); for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v); }, storageEntries(SIZE));
    const ready = () => page.waitForFunction(() => window.__bench?.ready != null, null, { timeout: 180_000, polling: 100 });
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', 'v8.wasm'];
    if (opt.gesture !== 'load') {
      await page.goto(target.url, { waitUntil: 'commit' });
      await ready();
      await page.waitForTimeout(400);
    }
    await browser.startTracing(page, { categories });
    if (opt.gesture === 'load') {
      await page.goto(target.url, { waitUntil: 'commit' });
      await ready();
    } else {
      await (opt.gesture === 'card' ? cardDrag : pointDrag)(page, 15);
    }
    return selfTimes(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
  } finally {
    await context.close();
  }
}

const app = await startServer();
const base = await startBaseline();
const browser = await launchBrowser();
const targets = [
  { name: 'app', url: `${app.url}/`, blankUrl: `${app.url}/api/health` },
  { name: 'baseline', url: `${base.url}/`, blankUrl: `${base.url}/blank` },
];
const runs = { app: [], baseline: [] };
try {
  for (let i = 0; i < RUNS; i++) for (const t of targets) runs[t.name].push(await traceOnce(browser, t));
} finally {
  await browser.close();
  await app.stop();
  await base.stop();
}
const names = [...new Set(Object.values(runs).flat().flatMap(Object.keys))];
const med = (who, name) => median(runs[who].map((r) => r[name] ?? 0));
const rows = names.map((n) => [n, med('app', n), med('baseline', n)])
  .sort((a, b) => Math.max(b[1], b[2]) - Math.max(a[1], a[2]))
  .slice(0, Number(opt.top) || 20);
console.log(`${opt.gesture} at ${SIZE} cards: main-thread self ms per trace event, median of ${RUNS} traces`);
console.log(`${'app'.padStart(9)} ${'baseline'.padStart(9)}  event`);
for (const [n, a, b] of rows) console.log(`${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)}  ${n}`);
