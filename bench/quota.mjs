#!/usr/bin/env node
// Local storage benchmark (issue 11): does a browser hold 50 maps of 200 cards with 5 snapshots
// each, kept as Traseu keeps them? In Debian's Chromium it (a) measures one origin's quota,
// (b) writes the entries model/examples/quota_fixture.rs generates and sees whether they fit,
// (c) checks that the app lists what was stored, opens a map, its snapshots and a comparison,
// (d) does (b) again with twice the maps, to find how many fit. Not a test: it asserts
// nothing, it prints a table and writes bench/results/quota-<date>.json. Method: bench/README.md.
//
//   node bench/quota.mjs [--maps 50] [--more 100] [--samples 5] [--server PATH] [--dist DIR]
//                        [--out FILE] [--timeout-min 30]

import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { quantile } from './frames.mjs';

const here = import.meta.dirname;
const root = resolve(here, '..');

// ---------------------------------------------------------------- options

const { values: opt } = parseArgs({
  options: {
    maps: { type: 'string', default: '50' },
    more: { type: 'string', default: '100' },
    samples: { type: 'string', default: '5' },
    server: { type: 'string' },
    dist: { type: 'string' },
    out: { type: 'string' },
    'timeout-min': { type: 'string', default: '30' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const MAPS = Math.max(1, Number(opt.maps) || 50);
const MORE = Math.max(MAPS, Number(opt.more) || 100);
const SAMPLES = Math.max(1, Math.min(50, Number(opt.samples) || 5));
const DEADLINE_MS = Math.max(1, Number(opt['timeout-min']) || 30) * 60_000;
const dist = resolve(opt.dist ?? join(root, 'dist'));
if (!existsSync(join(dist, 'index.html'))) throw new Error(`no front end in ${dist}: run scripts/build-web.sh, or pass --dist`);

// The server binary: --server, else $TRASEU_SERVER_BIN, else release, else debug. It only
// serves files here, so a debug build does as well.
const releaseBin = join(root, 'target/release/server');
const debugBin = join(root, 'target/debug/server');
const serverBin = opt.server ?? process.env.TRASEU_SERVER_BIN ?? (existsSync(releaseBin) ? releaseBin : debugBin);
if (!existsSync(serverBin)) throw new Error(`no server binary at ${serverBin}: run cargo build -p server, or pass --server`);
process.env.TRASEU_SERVER_BIN = serverBin; // read by end2end/support.mjs startServer()
const { startServer, launchBrowser, CHROMIUM_ARGS } = await import('../end2end/support.mjs');

// ---------------------------------------------------------------- watchdog

const cleanups = [];
async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    await Promise.race([fn().catch(() => {}), new Promise((ok) => setTimeout(ok, 10_000))]);
  }
}
const watchdog = setTimeout(async () => {
  console.error(`quota.mjs: stopped after ${DEADLINE_MS / 60_000} min (--timeout-min)`);
  await cleanup();
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

// ---------------------------------------------------------------- the fixture

/**
 * The local-storage entries of `maps` maps, from model/examples/quota_fixture.rs, in the order a
 * browser would have written them: the list of maps and the open map, then each map with its
 * snapshots, oldest first. Also its size summary (what the example prints on stderr).
 */
function fixture(maps) {
  const run = spawnSync('cargo', ['run', '-q', '--release', '-p', 'model', '--example', 'quota_fixture', '--', String(maps)],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`quota_fixture ${maps} failed (${run.status}):\n${run.stderr}`);
  const { entries } = JSON.parse(run.stdout);
  const index = JSON.parse(entries['traseu.maps']);
  const groups = index.map(({ id, title }) => {
    const keys = [`traseu.map.${id}`, `traseu.map.${id}.snapshots`];
    return { id, title, locale: JSON.parse(entries[keys[0]]).map.locale, keys };
  });
  const order = ['traseu.maps', 'traseu.ui', ...groups.flatMap((g) => g.keys)];
  return { entries: order.map((k) => [k, entries[k]]), groups, summary: run.stderr.trimEnd() };
}

/** UTF-16 code units of an entry's key and value: what JavaScript's `length` counts. */
const units = ([k, v]) => k.length + v.length;

// ---------------------------------------------------------------- in the page

/**
 * Fills local storage with text made of `ch` until the browser refuses (1 MiB, 64 KiB, 4 KiB
 * items, then a last item grown to the exact limit), counts what was added in UTF-16 code units
 * (keys and values), and removes it again unless `keep`.
 */
function fillUp([ch, prefix, keep]) {
  const before = new Set(Object.keys(localStorage));
  let refusal = null;
  const put = (k, v) => {
    try { localStorage.setItem(k, v); return true; } catch (e) { refusal ??= e.name; return false; }
  };
  let n = 0;
  for (const size of [1 << 20, 1 << 16, 1 << 12]) while (put(`${prefix}${n}`, ch.repeat(size))) n++;
  // A replaced value is counted by its difference, so the last item is grown by bisection: the
  // value left is the last that fitted.
  const last = `${prefix}${n}`;
  let lo = -1;
  let hi = 1 << 12;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (put(last, ch.repeat(mid))) lo = mid; else hi = mid - 1;
  }
  const added = Object.keys(localStorage).filter((k) => !before.has(k));
  const count = added.reduce((sum, k) => sum + k.length + localStorage.getItem(k).length, 0);
  if (!keep) for (const k of added) localStorage.removeItem(k);
  return { units: count, items: added.length, refusal };
}

/** Writes `list` ([key, value] pairs) in order, stopping at the first refusal. */
function writeAll(list) {
  const started = performance.now();
  for (let i = 0; i < list.length; i++) {
    try {
      localStorage.setItem(list[i][0], list[i][1]);
    } catch (e) {
      return { written: i, refusal: e.name, ms: performance.now() - started };
    }
  }
  return { written: list.length, refusal: null, ms: performance.now() - started };
}

// ---------------------------------------------------------------- statistics

const spread = (xs) => (xs.length ? `${quantile(xs, 0.5).toFixed(0)} [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]` : '—');
const n = (x) => (x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const pad = (s, w) => String(s).padStart(w);
const padEnd = (s, w) => String(s).padEnd(w);

// ---------------------------------------------------------------- the steps

/** A fresh context (its own, empty storage) on a same-origin page that does not run the app. */
async function blankPage(browser, url) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${url}/api/health`);
  return { context, page };
}

/** (a) The quota, with a filler of each kind of character. */
async function quota(browser, url) {
  const fillers = [['a', 'ASCII'], ['\u00e9', 'Latin-1, not ASCII (é)'], ['\u0219', 'not Latin-1 (ș)']];
  const out = [];
  for (const [ch, label] of fillers) {
    const { context, page } = await blankPage(browser, url);
    try {
      out.push({ label, ...(await page.evaluate(fillUp, [ch, 'fill-', false])) });
    } finally {
      await context.close();
    }
  }
  return out;
}

/**
 * (b), (d): writes the fixture's entries into an empty origin and says what fitted: how many
 * maps were stored with their snapshots, which entry was refused, and (filled with ASCII after
 * the last entry that fitted) how much room was left. Keeps the context open when `keep`.
 */
async function fit(browser, url, fx, { keep = false } = {}) {
  const { context, page } = await blankPage(browser, url);
  try {
    const wrote = await page.evaluate(writeAll, fx.entries);
    const room = await page.evaluate(fillUp, ['a', 'room-', false]);
    const stored = new Set(fx.entries.slice(0, wrote.written).map(([k]) => k));
    const maps = fx.groups.filter((g) => g.keys.every((k) => stored.has(k)));
    const refused = fx.entries[wrote.written]?.[0] ?? null;
    const result = {
      entries: fx.entries.length, written: wrote.written, refusal: wrote.refusal, writeMs: wrote.ms,
      needed: fx.entries.reduce((s, e) => s + units(e), 0),
      stored: fx.entries.slice(0, wrote.written).reduce((s, e) => s + units(e), 0),
      maps: maps.length, refused,
      refusedWhat: refused === null ? null : refused.endsWith('.snapshots') ? 'snapshots' : refused.startsWith('traseu.map.') ? 'map' : 'list',
      roomUnits: room.units, roomRefusal: room.refusal,
      mapsStored: maps,
    };
    if (keep) return { result, context, page };
    await context.close();
    return { result };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/** Clicks a top-bar action, through the "Menu" button when the bar is folded (narrow windows). */
async function topBar(page, name) {
  const action = page.getByRole('button', { name, exact: true });
  if (!(await action.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await action.click();
}

/** Folds the top bar's menu away again, as a person does before reaching what it covers. */
async function closeMenu(page) {
  const toggle = page.getByRole('button', { name: 'Menu', exact: true });
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
}

/**
 * (c) The app on what (b) stored, or on the largest whole part of the fixture when not all of
 * it fitted (its maps, a list of exactly those and the newest open): load, list the maps, open
 * one (the oldest Romanian map, to have its letters on screen), list its snapshots, compare the
 * newest with the map now. Each timed `SAMPLES` times from the click (or navigation) to the
 * content on screen, Playwright's round trips included.
 */
async function app(browser, url, fx, fitted) {
  let context;
  let page;
  const maps = fitted.result.mapsStored;
  if (!fitted.result.refusal) {
    ({ context, page } = fitted);
  } else {
    await fitted.context.close();
    ({ context, page } = await blankPage(browser, url));
    const updated = new Map(JSON.parse(fx.entries[0][1]).map((e) => [e.id, e]));
    const index = maps.map((g) => updated.get(g.id));
    const newest = index.reduce((a, b) => (a.updated > b.updated ? a : b));
    const list = [['traseu.maps', JSON.stringify(index)], ['traseu.ui', JSON.stringify({ current: newest.id })],
      ...fx.entries.filter(([k]) => maps.some((g) => g.keys.includes(k)))];
    const wrote = await page.evaluate(writeAll, list);
    if (wrote.refusal) throw new Error(`the maps that fitted in (b) no longer fit: ${wrote.refusal} at ${list[wrote.written][0]}`);
  }
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const out = { stored: maps.length, load: [], library: [], listed: null, snapshots: [], snapshotsListed: null,
    compare: [], differences: null, opened: null, alerts: [], problems, error: null };
  try {
    const timed = async (list, action) => {
      const t = performance.now();
      await action();
      list.push(performance.now() - t);
    };
    for (let i = 0; i < SAMPLES; i++) {
      await timed(out.load, async () => {
        await page.goto(url);
        await page.getByRole('table').first().waitFor();
      });
    }
    out.alerts = (await page.getByRole('alert').allTextContents()).map((t) => t.trim()).filter(Boolean);

    const library = page.getByRole('dialog', { name: 'Your maps' });
    for (let i = 0; i < SAMPLES; i++) {
      await timed(out.library, async () => {
        await page.getByRole('button', { name: 'Maps', exact: true }).click();
        await library.waitFor();
        await page.waitForFunction((count) => document.querySelectorAll('dialog.library .map-name').length >= count, maps.length);
      });
      out.listed = await library.locator('.map-name').count();
      if (i < SAMPLES - 1) {
        await library.getByRole('button', { name: 'Close', exact: true }).click();
        await library.waitFor({ state: 'hidden' });
      }
    }
    const chosen = maps.find((g) => g.locale === 'ro') ?? maps[0];
    out.opened = chosen.title;
    const names = await library.locator('.map-name').allTextContents();
    await library.locator('.map-open').nth(names.findIndex((t) => t.trim() === chosen.title)).click();
    await page.waitForFunction((title) => document.querySelector('.map-title input')?.value === title, chosen.title);

    const dialog = page.getByRole('dialog', { name: `Snapshots of “${chosen.title}”` });
    const openSnapshots = async () => {
      await topBar(page, 'Snapshots');
      await dialog.waitFor();
      await dialog.locator('.snapshot-name').first().waitFor();
    };
    for (let i = 0; i < SAMPLES; i++) {
      await timed(out.snapshots, openSnapshots);
      out.snapshotsListed = await dialog.locator('.snapshot-name').count();
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await closeMenu(page);
    }
    for (let i = 0; i < SAMPLES; i++) {
      await openSnapshots();
      const newest = (await dialog.locator('.snapshot-name').first().textContent()).trim();
      const view = page.getByRole('region', { name: `Comparing “${newest}” with “The map now”` });
      await timed(out.compare, async () => {
        await dialog.getByRole('button', { name: `Compare with now: “${newest}”` }).click();
        await view.waitFor();
      });
      out.differences = await view.getByRole('region', { name: 'Differences' }).getByRole('listitem').count();
      await closeMenu(page);
      await view.getByRole('button', { name: 'Back to the board' }).click();
      await page.getByRole('table').first().waitFor();
    }
  } catch (err) {
    out.error = err.message;
  } finally {
    await context.close();
  }
  return out;
}

// ---------------------------------------------------------------- main

const started = new Date();
const log = (...a) => console.error(...a);
const git = (...args) => { try { return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim(); } catch { return null; } };
const distFiles = readdirSync(dist).filter((f) => /\.(wasm|js|html)$/.test(f));
const runInfo = {
  date: started.toISOString(), maps: MAPS, more: MORE, samples: SAMPLES, server: serverBin, dist,
  distBuilt: new Date(Math.max(...distFiles.map((f) => statSync(join(dist, f)).mtimeMs))).toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  // The last change to what the front end is built from.
  sourcesChanged: git('log', '-1', '--format=%cI', '--', 'app', 'model/src', 'style', 'public', 'Trunk.toml', 'Cargo.lock'),
  chromiumArgs: CHROMIUM_ARGS, node: process.version, cpus: cpus().length,
  loadavgStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
const notes = [];
if (runInfo.sourcesChanged && new Date(runInfo.distBuilt) < new Date(runInfo.sourcesChanged)) {
  notes.push(`${dist} was built (${runInfo.distBuilt}) before the front end's sources last changed (${runInfo.sourcesChanged}): rebuild it with scripts/build-web.sh`);
}

log(`quota.mjs: generating the fixtures (${MAPS} and ${MORE} maps)…`);
const small = fixture(MAPS);
const large = fixture(MORE);
log(small.summary);

const server = await startServer({ dist });
cleanups.push(() => server.stop());
const browser = await launchBrowser();
cleanups.push(() => browser.close());
runInfo.chromium = browser.version();
log(`quota.mjs: server ${server.url} (${serverBin}, ${dist}), Chromium ${runInfo.chromium}`);

const failures = [];
const step = async (name, fn) => {
  try {
    return await fn();
  } catch (err) {
    failures.push(`${name}: ${err.message.split('\n')[0]}`);
    log(`  ${name}: FAILED ${err.message}`);
    return null;
  }
};
const a = await step('(a) quota', () => quota(browser, server.url));
log('  (a) done');
const b = await step('(b) fit', () => fit(browser, server.url, small, { keep: true }));
log('  (b) done');
const c = b && await step('(c) app', () => app(browser, server.url, small, b));
if (c?.error) failures.push(`(c) app: ${c.error.split('\n')[0]}`);
log('  (c) done');
const d = await step('(d) fit, more maps', () => fit(browser, server.url, large));
log('  (d) done');
runInfo.loadavgEnd = loadavg().map((x) => Math.round(x * 100) / 100);
await cleanup();

// ---------------------------------------------------------------- report

const lines = [];
const quotaUnits = a?.[0]?.units ?? null;
const perMap = (fx) => fx.entries.slice(2).reduce((s, e) => s + units(e), 0) / fx.groups.length;
lines.push(`Local storage in Chromium ${runInfo.chromium} (headless), ${runInfo.cpus} cores, load average ` +
  `${runInfo.loadavgStart.join(' ')} at the start, ${runInfo.loadavgEnd.join(' ')} at the end; commit ${runInfo.commit}`);
lines.push('');
lines.push('The fixture (model/examples/quota_fixture.rs):');
lines.push(small.summary.split('\n').map((l) => `  ${l}`).join('\n'));
lines.push('');
lines.push('(a) One origin\'s quota: filled until the browser refuses; keys and values in UTF-16 code units');
lines.push(`  ${padEnd('filler', 26)} ${pad('code units', 11)} ${pad('items', 6)}  refusal`);
for (const q of a ?? []) lines.push(`  ${padEnd(q.label, 26)} ${pad(n(q.units), 11)} ${pad(q.items, 6)}  ${q.refusal}`);
if (a) {
  const same = a.every((q) => q.units === a[0].units);
  lines.push(same
    ? `  Every filler stops at the same count: the quota is ${n(quotaUnits)} UTF-16 code units (${n(2 * quotaUnits)} bytes at two per unit), whatever the characters.`
    : '  The fillers stop at different counts: the quota depends on the characters (see the JSON).');
}
/** The lines of (b) or (d). */
function fitLines(name, fx, r) {
  lines.push('');
  lines.push(`${name}: ${fx.entries.length} entries written in order (list of maps, open map, then each map and its snapshots, oldest first)`);
  if (!r) { lines.push('  not measured'); return; }
  lines.push(`  needed      ${pad(n(r.needed), 11)} code units${quotaUnits ? ` = ${pct(r.needed / quotaUnits)} of the quota` : ''}; ${n(perMap(fx))} per map with its snapshots`);
  lines.push(`  stored      ${pad(n(r.stored), 11)} code units in ${n(r.writeMs)} ms: ${r.written} of ${r.entries} entries, ${r.maps} of ${fx.groups.length} maps with their snapshots`);
  lines.push(r.refusal
    ? `  refused     the ${r.refusedWhat === 'list' ? 'list of maps' : `${r.refusedWhat === 'map' ? 'map JSON' : 'snapshots'} of map ${r.maps + 1}`} (${r.refusal})`
    : '  all fitted');
  lines.push(`  room left   ${pad(n(r.roomUnits), 11)} code units (ASCII filler, then ${r.roomRefusal})${quotaUnits ? ` = ${pct(r.roomUnits / quotaUnits)} of the quota` : ''}`);
}
fitLines(`(b) The ${MAPS}-map fixture`, small, b?.result);
lines.push('');
lines.push(`(c) The app on the ${c?.stored ?? '—'} maps stored${b?.result.refusal ? ` (the largest whole part of the ${MAPS} that fitted)` : ''}: ` +
  `ms from navigation or click to content on screen, median [min–max] of ${SAMPLES}`);
if (c) {
  const row = (label, times, result) => lines.push(`  ${padEnd(label, 28)} ${padEnd(spread(times), 22)} ${result}`);
  row('board loaded (reload)', c.load, `alerts: ${c.alerts.length ? c.alerts.join(' | ') : 'none'}`);
  row('"Maps"', c.library, `${c.listed} of ${c.stored} maps listed`);
  row('"Snapshots"', c.snapshots, `${c.snapshotsListed} of 5 listed, of "${c.opened}"`);
  row('"Compare with now" (newest)', c.compare, `comparison opened, ${c.differences} differences listed`);
  if (c.problems.length) lines.push(`  console: ${c.problems.slice(0, 5).join(' | ')}`);
  if (c.error) lines.push(`  stopped: ${c.error.split('\n')[0]}`);
} else {
  lines.push('  not measured');
}
fitLines(`(d) The ${MORE}-map fixture`, large, d?.result);
if (quotaUnits) {
  lines.push('');
  lines.push(`Maps of this kind that fit: ${(quotaUnits / perMap(large)).toFixed(1)} by arithmetic (quota ÷ code units per map), ` +
    `${d?.result.maps ?? '—'} measured in (d). For ${MAPS} to fit, a map with its snapshots may take at most ${n(quotaUnits / MAPS)} code units.`);
}
for (const [title, list] of [['Failures', failures], ['Notes', notes]]) {
  if (list.length) { lines.push(''); lines.push(`${title}:`); for (const l of list) lines.push(`  ${l}`); }
}
console.log(lines.join('\n'));

const outFile = opt.out ?? join(here, 'results', `quota-${started.toISOString().slice(0, 19).replace(/:/g, '')}.json`);
mkdirSync(resolve(outFile, '..'), { recursive: true });
const strip = (r) => r && { ...r, mapsStored: r.mapsStored.length };
writeFileSync(outFile, `${JSON.stringify({ run: runInfo, fixture: small.summary, quota: a, fit: strip(b?.result),
  app: c, more: strip(d?.result), notes, failures }, null, 1)}\n`);
console.log(`\nJSON: ${outFile}`);
process.exit(failures.length ? 1 : 0);
