#!/usr/bin/env node
// Board benchmark: time to first render (cold and repeat visit), per-frame cost of dragging a
// card and an emotion point, time of a keyboard move, save time and heap (after load and after
// edits) of the Traseu app at 100 / 1,000 / 5,000 cards, against a hand-written vanilla-DOM
// baseline (bench/baseline/) measured the same way in the same run. Method: /work/shared/BENCHMARKING.md and
// bench/README.md. Not a test: it asserts nothing, it prints a table and writes
// bench/results/board-<date>.json.
//
//   node bench/board.mjs [--sizes 100,1000,5000] [--samples 5] [--server PATH] [--out FILE]
//                        [--steps 15] [--edits 200] [--timeout-min 60] [--decorated]

import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { storageEntries } from './mapgen.mjs';
import { readyProbe } from './probe.mjs';
import { median, round } from './frames.mjs';
import { bounded, cardDrag, pointDrag, keyMoves } from './gestures.mjs';
import { startBaseline } from './baseline/serve.mjs';

const here = import.meta.dirname;
const root = resolve(here, '..');

// ---------------------------------------------------------------- options

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    samples: { type: 'string', default: '5' },
    server: { type: 'string' },
    out: { type: 'string' },
    steps: { type: 'string', default: '15' },
    edits: { type: 'string', default: '200' },
    'timeout-min': { type: 'string', default: '60' },
    decorated: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 10).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const SIZES = opt.sizes.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const SAMPLES = Math.max(1, Math.min(50, Number(opt.samples) || 5));
const STEPS = Math.max(2, Math.min(60, Number(opt.steps) || 15));
const EDITS = Math.max(1, Math.min(2000, Number(opt.edits) || 200));
/** Saves whose thread time is read from a trace, per sample. */
const SAVE_ROUNDS = 3;
const DEADLINE_MS = Math.max(1, Number(opt['timeout-min']) || 60) * 60_000;
if (SIZES.length === 0) throw new Error('--sizes: no valid size');

// The server binary: --server, else $TRASEU_SERVER_BIN, else release, else debug (with a note).
const releaseBin = join(root, 'target/release/server');
const debugBin = join(root, 'target/debug/server');
const serverBin = opt.server ?? process.env.TRASEU_SERVER_BIN ?? (existsSync(releaseBin) ? releaseBin : debugBin);
if (!existsSync(serverBin)) throw new Error(`no server binary at ${serverBin}: run cargo build --release -p server`);
process.env.TRASEU_SERVER_BIN = serverBin; // read by end2end/support.mjs startServer()
const { startServer, launchBrowser, CHROMIUM_ARGS } = await import('../end2end/support.mjs');

const notes = [];
if (serverBin === debugBin) notes.push('server: target/debug/server (no release build found); it only serves files, the app measured is dist/ as built');

// ---------------------------------------------------------------- watchdog

const cleanups = [];
async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    await Promise.race([fn().catch(() => {}), new Promise((ok) => setTimeout(ok, 10_000))]);
  }
}
const watchdog = setTimeout(async () => {
  console.error(`board.mjs: stopped after ${DEADLINE_MS / 60_000} min (--timeout-min)`);
  await cleanup();
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

// ---------------------------------------------------------------- in-page instruments

// ---------------------------------------------------------------- statistics

// ---------------------------------------------------------------- one sample

/**
 * One fresh context and page: writes the map to local storage on a same-origin page that does
 * not load the board, then loads the board (the measured cold navigation) and waits for
 * 'ready'; reads the heap after a forced GC; drags card c1 across cells and the second emotion
 * point up and down with the real mouse; makes `edits` keyboard moves of c1, timing each, and
 * reads the heap again; collects the saves timed meanwhile; then loads the board again in the
 * same context (the repeat visit) and waits for 'ready' once more.
 */
async function sample(browser, target, size, entries, { full = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    await context.addInitScript(readyProbe, size);
    // The probe says 'ready' through a binding. Playwright's polling wait ran its own script in
    // the page while the board loaded: 20–40 ms of the baseline's load, less of the app's.
    let signal = () => {};
    await context.exposeBinding('__benchSignal', () => signal());
    const signalled = () => new Promise((done) => { signal = done; });
    await bounded(page.goto(target.blankUrl), 30_000, 'blank page');
    await page.evaluate((e) => { localStorage.clear(); for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v); }, entries);

    const render = await load(page, target, size, problems, signalled);
    await page.waitForTimeout(300); // settled
    const cdp = await context.newCDPSession(page);
    const heap = await heapAfterGc(page, cdp);
    if (!full) return { render, heap, problems };

    const drag = await cardDrag(page, STEPS);
    const point = await pointDrag(page, STEPS);
    const keys = await keyMoves(page, EDITS, signalled);
    await page.waitForTimeout(1500); // the last save: its delay, then at most the app's idle wait
    const heapAfterEdits = await heapAfterGc(page, cdp);
    const timed = await page.evaluate(() => window.__bench.saves);
    const saves = timed.map((s) => s.ms);
    const saveDelays = [...new Set(timed.map((s) => s.delay))];
    const saveThread = await tracedSaves(browser, page, signalled);
    const repeat = await load(page, target, size, problems, signalled);
    return { render, heap, drag, point, keys, heapAfterEdits, saves, saveDelays, saveThread, repeat, problems };
  } finally {
    await bounded(context.close(), 30_000, 'context close').catch(() => {});
  }
}

/**
 * The main thread's own time in saves. A save's wall time also holds the time the thread
 * waited for a core (two cores, a browser, the servers): most of that figure's spread from run
 * to run. SAVE_ROUNDS times two keyboard moves (there and back) and the wait for their save,
 * under a trace; each save's callback is found there by its id (bench/probe.mjs) and its thread
 * time (`tdur`) read. ms, one per save.
 */
async function tracedSaves(browser, page, signalled) {
  const before = await page.evaluate(() => window.__bench.saves.length);
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  let trace;
  try {
    for (let i = 0; i < SAVE_ROUNDS; i++) {
      await keyMoves(page, 2, signalled);
      await page.waitForTimeout(1500);
    }
  } finally {
    trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  }
  const fired = (save) => trace.find((e) => e.ph === 'X' && (save.kind === 'idle'
    ? e.name === 'FireIdleCallback' && e.args?.data?.id === save.id
    : e.name === 'TimerFire' && e.args?.data?.timerId === save.id));
  const saves = (await page.evaluate(() => window.__bench.saves)).slice(before);
  return saves.map((s) => fired(s)?.tdur / 1000).filter(Number.isFinite);
}

/**
 * Navigates to the board and waits for 'ready' (or a fatal error), which the page signals
 * through `signalled()`; ms from the navigation's start.
 */
async function load(page, target, size, problems, signalled) {
  const said = signalled();
  await bounded(page.goto(target.url, { waitUntil: 'commit' }), 60_000, `${target.name} load`);
  const fatal = await bounded(said, 180_000, `${target.name} ${size} ready`)
    .then(() => page.evaluate(() => window.__bench.fatal))
    .catch((err) => err.message);
  if (fatal) {
    const n = await page.evaluate(() => document.querySelectorAll('li[data-card-id]').length).catch(() => '?');
    const hint = /CSP/.test(fatal) ? ' (was dist/ rebuilt after the server started?)' : '';
    throw new Error(`${target.name} ${size}: not ready (${n} of ${size} cards in the DOM): ${fatal}${hint}\n${problems.join('\n')}`);
  }
  return page.evaluate(() => ({ ready: window.__bench.ready, contentAt: window.__bench.contentAt,
    dom: document.getElementsByTagName('*').length }));
}

/**
 * CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage: usedSize is V8's JS heap, the
 * embedder heap Blink's (the DOM); and the size of the app's WebAssembly linear memory.
 */
async function heapAfterGc(page, cdp) {
  await cdp.send('HeapProfiler.enable');
  await bounded(cdp.send('HeapProfiler.collectGarbage'), 30_000, 'collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('HeapProfiler.disable');
  const wasm = await page.evaluate(() => window.__bench.wasmMemory?.buffer.byteLength ?? 0);
  return { used: heap.usedSize, total: heap.totalSize, wasm,
    embedder: heap.embedderHeapUsedSize ?? null, backingStorage: heap.backingStorageSize ?? null };
}

// ---------------------------------------------------------------- summaries

const spread = (xs) => ({ median: median(xs), min: xs.length ? Math.min(...xs) : null,
  max: xs.length ? Math.max(...xs) : null, all: xs.map((x) => round(x)) });
const MB = (x) => (x / 1048576).toFixed(1);

/** One sample's figures on one line, for the progress log. */
function sampleLine(s) {
  const frames = (d) => d.error ?? `p50 ${d.p50?.toFixed(1)} p95 ${d.p95?.toFixed(1)} ms/${d.frames}` +
    `${d.started ? '' : ' (DID NOT START)'}${d.moved ? '' : ` (not moved: ${d.landed})`}`;
  return `ready ${s.render.ready.toFixed(0)} ms, repeat ${s.repeat.ready.toFixed(0)} ms; card drag ${frames(s.drag)}; ` +
    `point drag ${frames(s.point)}; key move ${median(s.keys.times)?.toFixed(1)} ms (${s.keys.times.length}` +
    `${s.keys.missed ? `, ${s.keys.missed} missed` : ''}); save ${median(s.saves)?.toFixed(1) ?? '—'} ms (${s.saves.length}), thread ${median(s.saveThread)?.toFixed(1) ?? '—'} ms (${s.saveThread.length}); ` +
    `JS+wasm ${MB(s.heap.used + s.heap.wasm)} -> ${MB(s.heapAfterEdits.used + s.heapAfterEdits.wasm)} MB` +
    `${s.problems.length ? `, ${s.problems.length} console errors` : ''}`;
}

/** Medians over runs of a drag's per-run figures; "started"/"moved" count the runs that did. */
function summariseDrag(drags) {
  const ok = drags.filter((d) => !d.error);
  const m = (k) => median(ok.map((d) => d[k]));
  return {
    runs: ok.length,
    started: ok.filter((d) => d.started).length,
    moved: ok.filter((d) => d.moved).length,
    p50: m('p50'), p95: m('p95'), max: m('max'), rafP50: m('rafP50'), rafP95: m('rafP95'), rafMax: m('rafMax'),
    drop: m('drop'), frames: m('frames'), moves: m('moves'),
    maxMovesPerFrame: Math.max(0, ...ok.map((d) => d.maxMovesPerFrame)),
    errors: drags.map((d) => d.error).filter(Boolean),
  };
}

function summariseHeap(heaps) {
  const m = (k) => median(heaps.map((h) => h[k]));
  return { used: m('used'), total: m('total'), wasm: m('wasm'), embedder: m('embedder'),
    jsWasm: median(heaps.map((h) => h.used + h.wasm)) };
}

/** A board's samples at one size: medians over the samples (of each sample's median, where a
 *  sample has many values: key moves, saves). */
function summarise(raw) {
  const ok = raw.filter((s) => !s.error);
  const perSample = (f) => ok.map(f).filter((x) => Number.isFinite(x));
  return {
    samples: ok.length,
    failures: raw.filter((s) => s.error).map((s) => s.error.split('\n')[0]),
    ready: spread(ok.map((s) => s.render.ready)),
    repeat: spread(ok.map((s) => s.repeat.ready)),
    contentAt: { median: median(ok.map((s) => s.render.contentAt)) },
    domElements: median(ok.map((s) => s.render.dom)),
    drag: summariseDrag(ok.map((s) => s.drag)),
    point: summariseDrag(ok.map((s) => s.point)),
    keyMove: { ...spread(perSample((s) => median(s.keys.times))), moves: ok.reduce((n, s) => n + s.keys.times.length, 0),
      missed: ok.reduce((n, s) => n + s.keys.missed, 0) },
    save: { ...spread(perSample((s) => median(s.saves))), count: ok.reduce((n, s) => n + s.saves.length, 0),
      delays: [...new Set(ok.flatMap((s) => s.saveDelays))] },
    saveThread: { ...spread(perSample((s) => median(s.saveThread))), count: ok.reduce((n, s) => n + s.saveThread.length, 0) },
    heap: summariseHeap(ok.map((s) => s.heap)),
    heapAfterEdits: summariseHeap(ok.map((s) => s.heapAfterEdits)),
    consoleErrors: [...new Set(ok.flatMap((s) => s.problems))].slice(0, 10),
    raw,
  };
}

// ---------------------------------------------------------------- sizes of the downloads

function transferSizes() {
  let text = '';
  try {
    text = execFileSync('bash', [join(here, 'sizes.sh')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  } catch (err) {
    notes.push(`sizes.sh failed: ${err.message.split('\n')[0]}`);
  }
  const files = text.trim().split('\n').slice(1).map((line) => {
    const [file, raw, gzip, brotli] = line.trim().split(/\s+/);
    return { file, raw: Number(raw), gzip: Number(gzip), brotli: Number(brotli) };
  }).filter((f) => Number.isFinite(f.raw));
  const baseline = ['baseline/board.js', 'baseline/index.html'].map((f) => {
    const buf = readFileSync(join(here, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length };
  });
  return { text: text.trimEnd(), app: files, baseline };
}

// ---------------------------------------------------------------- main

const started = new Date();
const log = (...a) => console.error(...a);
const runInfo = {
  date: started.toISOString(), sizes: SIZES, samples: SAMPLES, stepsPerLeg: STEPS, edits: EDITS,
  server: serverBin, chromiumArgs: CHROMIUM_ARGS, viewport: '1280x720', node: process.version,
  cpus: cpus().length, loadavgStart: loadavg().map((x) => round(x, 2)),
  dist: readdirSync(join(root, 'dist')).filter((f) => /\.(wasm|js|css)$/.test(f)),
};

const app = await startServer();
cleanups.push(() => app.stop());
const base = await startBaseline();
cleanups.push(() => base.stop());
const browser = await launchBrowser();
cleanups.push(() => browser.close());
runInfo.chromium = browser.version();
const targets = [
  { name: 'app', url: `${app.url}/`, blankUrl: `${app.url}/api/health` },
  { name: 'baseline', url: `${base.url}/`, blankUrl: `${base.url}/blank` },
];
log(`board.mjs: app ${app.url}, baseline ${base.url}, Chromium ${runInfo.chromium}, sizes ${SIZES.join(', ')}, ${SAMPLES} samples${opt.decorated ? ', every card decorated' : ''}`);
if (opt.decorated) notes.push('--decorated: every card has a category, channel, source, confidence and (pain points, opportunities) impact and effort; the baseline draws none of them');

const results = {};
try {
  // One discarded warm-up load of each board, so the first measured sample does not pay for
  // the browser's own start-up.
  const warm = Math.min(...SIZES);
  for (const t of targets) {
    await sample(browser, t, warm, storageEntries(warm, { decorated: opt.decorated }), { full: false }).catch((e) => log(`warm-up ${t.name}: ${e.message}`));
  }

  for (const size of SIZES) {
    const entries = storageEntries(size, { decorated: opt.decorated });
    const raw = { app: [], baseline: [] };
    // Interleaved (app, baseline, app, …) so a burst of load on the machine hits both.
    for (let i = 0; i < SAMPLES; i++) {
      for (const t of targets) {
        try {
          const s = await sample(browser, t, size, entries);
          raw[t.name].push(s);
          log(`  ${String(size).padStart(5)} ${t.name.padEnd(8)} #${i + 1}: ${sampleLine(s)}`);
        } catch (err) {
          log(`  ${size} ${t.name} #${i + 1}: FAILED ${err.message.split('\n')[0]}`);
          raw[t.name].push({ error: err.message });
        }
      }
    }
    results[size] = {};
    for (const t of targets) results[size][t.name] = summarise(raw[t.name]);
    const a = results[size].app; const b = results[size].baseline;
    const ratio = (x, y) => (x && y ? x / y : null);
    results[size].ratio = {
      ready: ratio(a.ready.median, b.ready.median),
      repeat: ratio(a.repeat.median, b.repeat.median),
      dragP95: ratio(a.drag.p95, b.drag.p95),
      pointP95: ratio(a.point.p95, b.point.p95),
      keyMove: ratio(a.keyMove.median, b.keyMove.median),
      save: ratio(a.save.median, b.save.median),
      saveThread: ratio(a.saveThread.median, b.saveThread.median),
    };
  }
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
runInfo.loadavgEnd = loadavg().map((x) => round(x, 2));
if (Math.max(...runInfo.loadavgStart, ...runInfo.loadavgEnd) > cpus().length * 0.5) {
  notes.push(`machine busy (load average ${runInfo.loadavgStart.join(' ')} at start, ${runInfo.loadavgEnd.join(' ')} at end on ${cpus().length} cores): compare app with baseline, not absolute figures`);
}
const sizes = transferSizes();
const distEnd = readdirSync(join(root, 'dist')).filter((f) => /\.(wasm|js|css)$/.test(f));
if (distEnd.join() !== runInfo.dist.join()) {
  notes.push(`dist/ changed during the run (${runInfo.dist.join(', ')} -> ${distEnd.join(', ')}): figures may mix two builds; run again`);
}
for (const f of sizes.app.filter((x) => x.file.endsWith('.wasm') && x.raw > 4 * 1048576)) {
  notes.push(`${f.file} is ${(f.raw / 1048576).toFixed(1)} MB: that looks like a debug build, not scripts/build-web.sh's release build`);
}

// ---------------------------------------------------------------- report

const ms = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));
const mb = (x) => (x ? (x / 1048576).toFixed(1) : '—');
const pad = (s, n) => String(s).padStart(n);
const lines = [];
lines.push(`Traseu board benchmark — ${runInfo.date} — Chromium ${runInfo.chromium}, ${SAMPLES} samples per size, viewport 1280×720`);
lines.push('');
lines.push('Time to first render ("ready": content in the DOM, next frame painted; ms from navigation start), median [min–max];');
lines.push('cold = a fresh context; repeat = the same context loading the board again after the edits below');
lines.push(`${'cards'.padStart(6)} ${'app cold'.padStart(24)} ${'baseline cold'.padStart(24)} ${'ratio'.padStart(6)} ${'app repeat'.padStart(24)} ${'baseline repeat'.padStart(24)} ${'ratio'.padStart(6)}`);
for (const size of SIZES) {
  const r = results[size];
  const cell = (t) => `${ms(t.median)} [${ms(t.min)}–${ms(t.max)}]`;
  const x = (v) => (v ? `${v.toFixed(2)}×` : '—');
  lines.push(`${pad(size, 6)} ${pad(cell(r.app.ready), 24)} ${pad(cell(r.baseline.ready), 24)} ${pad(x(r.ratio.ready), 6)} ` +
    `${pad(cell(r.app.repeat), 24)} ${pad(cell(r.baseline.repeat), 24)} ${pad(x(r.ratio.repeat), 6)}`);
}
lines.push('');
lines.push('Drags, one mouse move per frame: card c1 across 3 cells of its row and back; the second emotion point');
lines.push('up to +3, down to −3, up to +1. Per-frame main-thread busy ms, p50 / p95 / max, median over runs;');
lines.push('"drop" = the frame with the pointerup; "ok" = runs where the drag started and ended where it should.');
lines.push(`${'cards'.padStart(6)} ${'drag'.padEnd(6)} ${'board'.padEnd(9)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)} ${'drop'.padStart(6)} ${'frames'.padStart(7)} ${'ok'.padStart(6)}   rAF-only p50/p95/max`);
for (const size of SIZES) {
  for (const kind of ['drag', 'point']) {
    for (const name of ['app', 'baseline']) {
      const d = results[size][name][kind];
      lines.push(`${pad(size, 6)} ${(kind === 'drag' ? 'card' : 'point').padEnd(6)} ${name.padEnd(9)} ${pad(ms(d.p50), 6)} ${pad(ms(d.p95), 6)} ${pad(ms(d.max), 6)} ${pad(ms(d.drop), 6)} ` +
        `${pad(d.frames ?? '—', 7)} ${pad(`${Math.min(d.started, d.moved)}/${d.runs}`, 6)}   ${ms(d.rafP50)} / ${ms(d.rafP95)} / ${ms(d.rafMax)}`);
    }
  }
}
lines.push('');
lines.push(`Keyboard move (Space, then the timed Right or Left, then Space; ${EDITS} a sample): ms from the keydown to the end of`);
lines.push('the first frame showing the card in its new cell; and save (a timer or idle callback that wrote the map to local');
lines.push('storage): ms, and its main-thread time in a trace (thread). Median over samples of each sample\'s median');
lines.push('[min–max of those]; counts over all samples.');
lines.push(`${'cards'.padStart(6)} ${'board'.padEnd(9)} ${'key move'.padStart(22)} ${'moves'.padStart(6)} ${'save'.padStart(22)} ${'saves'.padStart(6)} ${'save thread'.padStart(22)} ${'saves'.padStart(6)}`);
for (const size of SIZES) {
  for (const name of ['app', 'baseline']) {
    const r = results[size][name];
    const cell = (t) => `${ms(t.median)} [${ms(t.min)}–${ms(t.max)}]`;
    lines.push(`${pad(size, 6)} ${name.padEnd(9)} ${pad(cell(r.keyMove), 22)} ${pad(`${r.keyMove.moves}`, 6)} ${pad(cell(r.save), 22)} ${pad(r.save.count, 6)} ${pad(cell(r.saveThread), 22)} ${pad(r.saveThread.count, 6)}`);
  }
}
lines.push('');
lines.push('Memory after a forced GC (MB, median): V8 JS heap used; WebAssembly linear memory (the app keeps its');
lines.push('state there; it only grows); Blink heap (DOM etc., "embedder heap"); element count');
lines.push(`${'cards'.padStart(6)} ${'app JS'.padStart(7)} ${'wasm'.padStart(6)} ${'Blink'.padStart(6)} ${'total'.padStart(6)}   ${'base JS'.padStart(7)} ${'Blink'.padStart(6)} ${'total'.padStart(6)}   ${'elements app/base'.padStart(17)}`);
for (const size of SIZES) {
  const a = results[size].app.heap; const b = results[size].baseline.heap;
  const tot = (h) => (h.used ?? 0) + (h.wasm ?? 0) + (h.embedder ?? 0);
  lines.push(`${pad(size, 6)} ${pad(mb(a.used), 7)} ${pad(mb(a.wasm), 6)} ${pad(mb(a.embedder), 6)} ${pad(mb(tot(a)), 6)}   ` +
    `${pad(mb(b.used), 7)} ${pad(mb(b.embedder), 6)} ${pad(mb(tot(b)), 6)}   ` +
    `${pad(`${results[size].app.domElements ?? '—'}/${results[size].baseline.domElements ?? '—'}`, 17)}`);
}
lines.push(`After ${EDITS} keyboard moves: JS heap + wasm memory (MB, median), after load -> after the edits`);
for (const size of SIZES) {
  const r = results[size];
  const both = (t) => `${mb(t.heap.used)}+${mb(t.heap.wasm)} -> ${mb(t.heapAfterEdits.used)}+${mb(t.heapAfterEdits.wasm)} = ${mb(t.heapAfterEdits.jsWasm)}`;
  lines.push(`${pad(size, 6)}  app ${both(r.app).padEnd(34)} baseline ${both(r.baseline)}`);
}
lines.push('');
lines.push('Download sizes of dist/ (bytes; bench/sizes.sh):');
lines.push(sizes.text || '  (sizes.sh gave nothing)');
lines.push(`baseline: ${sizes.baseline.map((f) => `${f.file} ${f.raw} raw / ${f.gzip} gzip-9 / ${f.brotli} br-11`).join('; ')} (+ the app's CSS)`);
const failures = SIZES.flatMap((s) => ['app', 'baseline'].flatMap((n) => results[s][n].failures.map((f) => `${s} ${n}: ${f}`)));
const consoleErrors = SIZES.flatMap((s) => ['app', 'baseline'].flatMap((n) => results[s][n].consoleErrors.map((f) => `${s} ${n}: ${f}`)));
const dragProblems = SIZES.flatMap((s) => ['app', 'baseline'].flatMap((n) => {
  const out = [];
  for (const [kind, d] of [['card', results[s][n].drag], ['point', results[s][n].point]]) {
    out.push(...d.errors.map((e) => `${s} ${n}: ${kind} drag not run: ${e}`));
    if (d.started < d.runs) out.push(`${s} ${n}: the ${kind} drag did not start in ${d.runs - d.started} of ${d.runs} runs`);
    if (d.moved < d.runs) out.push(`${s} ${n}: the ${kind} did not land where it should in ${d.runs - d.moved} of ${d.runs} runs`);
    if (d.maxMovesPerFrame > 1) out.push(`${s} ${n}: ${kind} drag: up to ${d.maxMovesPerFrame} pointer moves fell in one frame`);
  }
  const k = results[s][n].keyMove;
  if (k.missed) out.push(`${s} ${n}: ${k.missed} keyboard moves were not seen to land within 30 s`);
  const save = results[s][n].save;
  if (!save.count) out.push(`${s} ${n}: no save was seen`);
  if (save.delays.some((d) => d !== 300 && d !== 1000)) out.push(`${s} ${n}: saves ran from callbacks with delays of ${save.delays.join(', ')} ms (expected the 300 ms save delay or the app's 1,000 ms idle wait)`);
  return out;
}));
for (const [title, list] of [['Failures', failures], ['Drag problems', dragProblems], ['Console errors', consoleErrors], ['Notes', notes]]) {
  if (list.length) { lines.push(''); lines.push(`${title}:`); for (const l of list) lines.push(`  ${l}`); }
}
console.log(lines.join('\n'));

const outFile = opt.out ?? join(here, 'results', `board-${started.toISOString().slice(0, 19).replace(/:/g, '')}.json`);
mkdirSync(resolve(outFile, '..'), { recursive: true });
writeFileSync(outFile, `${JSON.stringify({ run: runInfo, results, sizes: { app: sizes.app, baseline: sizes.baseline }, notes,
  failures, dragProblems }, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v), 1)}\n`);
console.log(`\nJSON: ${outFile}`);
process.exit(failures.length ? 1 : 0);
