#!/usr/bin/env node
// Board benchmark: time to first render, per-frame drag cost and JS heap of the Traseu app at
// 100 / 1,000 / 5,000 cards, against a hand-written vanilla-DOM baseline (bench/baseline/)
// measured the same way in the same run. Method: /work/shared/BENCHMARKING.md and
// bench/README.md. Not a test: it asserts nothing, it prints a table and writes
// bench/results/board-<date>.json.
//
//   node bench/board.mjs [--sizes 100,1000,5000] [--samples 5] [--server PATH] [--out FILE]
//                        [--steps 15] [--timeout-min 60] [--decorated]

import { createServer } from 'node:http';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { storageEntries } from './mapgen.mjs';

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
    'timeout-min': { type: 'string', default: '60' },
    decorated: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 9).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const SIZES = opt.sizes.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const SAMPLES = Math.max(1, Math.min(50, Number(opt.samples) || 5));
const STEPS = Math.max(2, Math.min(60, Number(opt.steps) || 15));
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

/** Rejects if `promise` takes longer than `ms`. */
function bounded(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms} ms`)), ms); }),
  ]);
}

// ---------------------------------------------------------------- baseline server

function startBaseline() {
  const css = readdirSync(join(root, 'dist')).find((f) => /^main-.*\.css$/.test(f) || f === 'main.css');
  const files = {
    '/': ['text/html; charset=utf-8', join(here, 'baseline/index.html')],
    '/index.html': ['text/html; charset=utf-8', join(here, 'baseline/index.html')],
    '/board.js': ['text/javascript; charset=utf-8', join(here, 'baseline/board.js')],
    '/main.css': ['text/css; charset=utf-8', join(root, 'dist', css)],
    '/public/favicon.svg': ['image/svg+xml', join(root, 'dist/public/favicon.svg')],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/blank') { // where the bench writes local storage before the measured load
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('ok');
      return;
    }
    const f = files[path];
    if (!f || !existsSync(f[1])) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-cache' });
    res.end(readFileSync(f[1]));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
  })));
}

// ---------------------------------------------------------------- in-page instruments

/** Init script: marks 'ready' once `expected` cards are in the DOM and painted. */
function readyProbe(expected) {
  if (location.pathname === '/blank' || location.pathname.startsWith('/api/')) return;
  const b = (window.__bench = { expected, contentAt: null, ready: null, wasmMemory: null, fatal: null });
  // A blocked script never renders: stop waiting at once. (Typically dist/index.html was rebuilt
  // after the server started, so its inline loader no longer matches the CSP hash.)
  document.addEventListener('securitypolicyviolation', (e) => {
    b.fatal ??= `CSP violation: ${e.violatedDirective} ${e.blockedURI || '(inline)'}`;
  });
  // The app's Trunk loader announces its WebAssembly instance; keep its memory to size it.
  addEventListener('TrunkApplicationStarted', (e) => { b.wasmMemory = e.detail?.wasm?.memory ?? null; });
  const count = () => document.querySelectorAll('li[data-card-id]').length;
  const mo = new MutationObserver(() => {
    if (b.contentAt !== null || count() !== expected) return;
    b.contentAt = performance.now();
    mo.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { performance.mark('ready'); b.ready = performance.now(); };
      ch.port2.postMessage(0);
    });
  });
  mo.observe(document, { childList: true, subtree: true });

  // Frame recorder for drags. A frame's busy time runs from its rAF callback to a
  // MessageChannel message posted there (style, layout, paint of that frame). Pointer events
  // may be dispatched before rAF in the same frame (rAF-aligned input), so each pointer event
  // is also timed, from a capture listener on window to a message posted there; the analysis
  // joins both into per-frame busy time.
  b.rec = null;
  b.startRecording = () => {
    const rec = (b.rec = { frames: [], inputs: [], on: true });
    const tick = () => {
      if (!rec.on) return;
      const r = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => rec.frames.push([r, performance.now()]);
      ch.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  b.stopRecording = () => { if (b.rec) b.rec.on = false; return b.rec; };
  for (const type of ['pointerdown', 'pointermove', 'pointerup']) {
    addEventListener(type, () => {
      const rec = b.rec;
      if (!rec?.on) return;
      const s = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => rec.inputs.push([type, s, performance.now()]);
      ch.port2.postMessage(0);
    }, { capture: true });
  }
}

// ---------------------------------------------------------------- statistics

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((p, r) => p - r);
  if (a.length === 0) return null;
  const i = (a.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return a[lo] + (a[hi] - a[lo]) * (i - lo);
}
const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Length of the union of intervals [s, e]. */
function unionLength(intervals) {
  const a = intervals.filter(([s, e]) => e > s).sort((p, q) => p[0] - q[0]);
  let total = 0;
  let cs = null;
  let ce = null;
  for (const [s, e] of a) {
    if (ce === null || s > ce) { if (ce !== null) total += ce - cs; cs = s; ce = e; } else if (e > ce) ce = e;
  }
  if (ce !== null) total += ce - cs;
  return total;
}

/**
 * Per-frame busy time. Frame k owns the pointer events that started after frame k-1's message
 * and before frame k's; its busy time is the union of [rAF, message] and those events'
 * [listener, message] intervals. Frames that owned a pointermove are the drag's frames; the
 * frame that owned the pointerup is the drop.
 */
function analyseFrames(rec) {
  const frames = [...rec.frames].sort((a, b) => a[0] - b[0]);
  const inputs = [...rec.inputs].sort((a, b) => a[1] - b[1]);
  const out = [];
  let j = 0;
  let prevEnd = -Infinity;
  for (const [r, e] of frames) {
    const owned = [];
    while (j < inputs.length && inputs[j][1] <= e) { if (inputs[j][1] > prevEnd) owned.push(inputs[j]); j++; }
    out.push({
      rafBusy: e - r,
      busy: unionLength([[r, e], ...owned.map(([, s, f]) => [s, f])]),
      moves: owned.filter(([t]) => t === 'pointermove').length,
      // moves handled in a task of their own, finished before this frame's rAF (the others
      // were dispatched inside the frame, before rAF: Chromium's rAF-aligned input)
      ownTask: owned.filter(([t, , f]) => t === 'pointermove' && f < r).length,
      up: owned.some(([t]) => t === 'pointerup'),
    });
    prevEnd = e;
  }
  const drag = out.filter((f) => f.moves > 0 && !f.up);
  const drop = out.find((f) => f.up);
  const busy = drag.map((f) => f.busy);
  const raf = drag.map((f) => f.rafBusy);
  return {
    frames: drag.length,
    moves: drag.reduce((n, f) => n + f.moves, 0),
    maxMovesPerFrame: Math.max(0, ...drag.map((f) => f.moves)),
    p50: quantile(busy, 0.5), p95: quantile(busy, 0.95), max: busy.length ? Math.max(...busy) : null,
    rafP50: quantile(raf, 0.5), rafP95: quantile(raf, 0.95), rafMax: raf.length ? Math.max(...raf) : null,
    drop: drop ? drop.busy : null,
    movesInOwnTask: drag.reduce((n, f) => n + f.ownTask, 0),
    perFrame: drag.map((f) => [round(f.busy, 2), round(f.rafBusy, 2)]),
  };
}

// ---------------------------------------------------------------- one sample

/**
 * One fresh context and page: writes the map to local storage on a same-origin page that does
 * not load the board, then loads the board (the measured navigation), waits for 'ready',
 * measures the heap after a forced GC, then drags card c1 across cells with the real mouse.
 */
async function sample(browser, target, size, entries, { drag: withDrag = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    await context.addInitScript(readyProbe, size);
    await bounded(page.goto(target.blankUrl), 30_000, 'blank page');
    await page.evaluate((e) => { localStorage.clear(); for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v); }, entries);

    // Render.
    await bounded(page.goto(target.url, { waitUntil: 'commit' }), 60_000, `${target.name} load`);
    const fatal = await page.waitForFunction(() => window.__bench?.ready != null || window.__bench?.fatal != null, null,
      { timeout: 180_000, polling: 100 })
      .then(() => page.evaluate(() => window.__bench.fatal))
      .catch((err) => err.message);
    if (fatal) {
      const n = await page.evaluate(() => document.querySelectorAll('li[data-card-id]').length).catch(() => '?');
      const hint = /CSP/.test(fatal) ? ' (was dist/ rebuilt after the server started?)' : '';
      throw new Error(`${target.name} ${size}: not ready (${n} of ${size} cards in the DOM): ${fatal}${hint}\n${problems.join('\n')}`);
    }
    const render = await page.evaluate(() => ({ ready: window.__bench.ready, contentAt: window.__bench.contentAt,
      dom: document.getElementsByTagName('*').length }));

    // Heap after a forced GC, once the page has settled.
    await page.waitForTimeout(300);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await bounded(cdp.send('HeapProfiler.collectGarbage'), 30_000, 'collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.disable');
    const wasmBytes = await page.evaluate(() => window.__bench.wasmMemory?.buffer.byteLength ?? 0);

    const drag = withDrag ? await dragSample(page, target, size) : null;
    // usedSize: V8's JS heap. Newer Chromium also reports the embedder (Blink: DOM) heap.
    return { render, heap: { used: heap.usedSize, total: heap.totalSize, wasm: wasmBytes,
      embedder: heap.embedderHeapUsedSize ?? null, backingStorage: heap.backingStorageSize ?? null }, drag, problems };
  } finally {
    await bounded(context.close(), 30_000, 'context close').catch(() => {});
  }
}

/** The same path for both boards: from c1 through three cells of its row and back, then drop. */
async function dragSample(page, target, size) {
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

  const x0 = start.x + start.width / 2;
  const y0 = start.y + start.height / 2;
  await page.mouse.move(x0, y0);
  await page.evaluate(() => window.__bench.startRecording());
  await page.mouse.down();
  await page.mouse.move(x0 + 10, y0 + 4, { steps: 3 }); // past the 6 px threshold: the drag starts
  let prev = { x: x0 + 10, y: y0 + 4 };
  for (const p of path) {
    const steps = Math.max(STEPS, Math.round(Math.hypot(p.x - prev.x, p.y - prev.y) / 20));
    await bounded(page.mouse.move(p.x, p.y, { steps: Math.min(steps, 120) }), 300_000, 'mouse move');
    prev = p;
  }
  const during = await page.evaluate(() => ({
    ghost: document.querySelector('.ghost') !== null,
    highlighted: document.querySelector('td.cell.drop-target')?.dataset.stage ?? null,
  }));
  await page.mouse.up();
  await page.waitForTimeout(400); // the drop's frames
  const rec = await page.evaluate(() => window.__bench.stopRecording());
  const landed = await page.evaluate(() => document.querySelector('[data-card-id="c1"]')?.closest('td.cell')?.dataset.stage ?? null);
  return {
    started: during.ghost,
    highlighted: during.highlighted,
    moved: landed === dropCell.stage,
    dropStage: dropCell.stage,
    landed,
    ...analyseFrames(rec),
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
  date: started.toISOString(), sizes: SIZES, samples: SAMPLES, stepsPerLeg: STEPS,
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
    await sample(browser, t, warm, storageEntries(warm, { decorated: opt.decorated }), { drag: false }).catch((e) => log(`warm-up ${t.name}: ${e.message}`));
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
          const d = s.drag;
          log(`  ${String(size).padStart(5)} ${t.name.padEnd(8)} #${i + 1}: ready ${s.render.ready.toFixed(0)} ms, ` +
            `drag ${d.error ?? `p50 ${d.p50?.toFixed(1)} p95 ${d.p95?.toFixed(1)} max ${d.max?.toFixed(1)} ms over ${d.frames} frames` +
              `${d.started ? '' : ' (DRAG DID NOT START)'}${d.moved ? '' : ` (card not moved: landed ${d.landed}, wanted ${d.dropStage})`}`}, ` +
            `heap ${(s.heap.used / 1048576).toFixed(1)} MB${s.problems.length ? `, ${s.problems.length} console errors` : ''}`);
        } catch (err) {
          log(`  ${size} ${t.name} #${i + 1}: FAILED ${err.message.split('\n')[0]}`);
          raw[t.name].push({ error: err.message });
        }
      }
    }
    results[size] = {};
    for (const t of targets) {
      const ok = raw[t.name].filter((s) => !s.error);
      const drags = ok.map((s) => s.drag).filter((d) => !d.error);
      const ready = ok.map((s) => s.render.ready);
      results[size][t.name] = {
        samples: ok.length,
        failures: raw[t.name].filter((s) => s.error).map((s) => s.error.split('\n')[0]),
        ready: { median: median(ready), min: Math.min(...ready), max: Math.max(...ready), all: ready.map((x) => round(x)) },
        contentAt: { median: median(ok.map((s) => s.render.contentAt)) },
        domElements: median(ok.map((s) => s.render.dom)),
        drag: {
          runs: drags.length,
          started: drags.filter((d) => d.started).length,
          moved: drags.filter((d) => d.moved).length,
          p50: median(drags.map((d) => d.p50)), p95: median(drags.map((d) => d.p95)), max: median(drags.map((d) => d.max)),
          rafP50: median(drags.map((d) => d.rafP50)), rafP95: median(drags.map((d) => d.rafP95)), rafMax: median(drags.map((d) => d.rafMax)),
          drop: median(drags.map((d) => d.drop)),
          frames: median(drags.map((d) => d.frames)), moves: median(drags.map((d) => d.moves)),
          maxMovesPerFrame: Math.max(0, ...drags.map((d) => d.maxMovesPerFrame)),
          errors: ok.map((s) => s.drag.error).filter(Boolean),
        },
        heap: { used: median(ok.map((s) => s.heap.used)), total: median(ok.map((s) => s.heap.total)),
          wasm: median(ok.map((s) => s.heap.wasm)), embedder: median(ok.map((s) => s.heap.embedder)) },
        consoleErrors: [...new Set(ok.flatMap((s) => s.problems))].slice(0, 10),
        raw: raw[t.name],
      };
    }
    const a = results[size].app; const b = results[size].baseline;
    results[size].ratio = {
      ready: a.ready.median && b.ready.median ? a.ready.median / b.ready.median : null,
      dragP95: a.drag.p95 && b.drag.p95 ? a.drag.p95 / b.drag.p95 : null,
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
lines.push('Time to first render ("ready": content in the DOM, next frame painted; ms from navigation start), median [min–max]');
lines.push(`${'cards'.padStart(6)} ${'app'.padStart(24)} ${'baseline'.padStart(24)} ${'app/baseline'.padStart(13)}`);
for (const size of SIZES) {
  const r = results[size];
  const cell = (t) => `${ms(t.ready.median)} [${ms(t.ready.min)}–${ms(t.ready.max)}]`;
  lines.push(`${pad(size, 6)} ${pad(cell(r.app), 24)} ${pad(cell(r.baseline), 24)} ${pad(r.ratio.ready ? `${r.ratio.ready.toFixed(2)}×` : '—', 13)}`);
}
lines.push('');
lines.push('Drag (card c1 across 3 cells of its row and back, one mouse move per frame): per-frame main-thread');
lines.push('busy ms, p50 / p95 / max, median over runs; "drop" = the frame with the pointerup; "ok" = runs');
lines.push('where the drag started (ghost shown) and the card landed in the target cell. Target: app p95 < 8 ms at 1,000.');
lines.push(`${'cards'.padStart(6)} ${'board'.padEnd(9)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)} ${'drop'.padStart(6)} ${'frames'.padStart(7)} ${'ok'.padStart(6)}   rAF-only p50/p95/max`);
for (const size of SIZES) {
  for (const name of ['app', 'baseline']) {
    const d = results[size][name].drag;
    lines.push(`${pad(size, 6)} ${name.padEnd(9)} ${pad(ms(d.p50), 6)} ${pad(ms(d.p95), 6)} ${pad(ms(d.max), 6)} ${pad(ms(d.drop), 6)} ` +
      `${pad(d.frames ?? '—', 7)} ${pad(`${Math.min(d.started, d.moved)}/${d.runs}`, 6)}   ${ms(d.rafP50)} / ${ms(d.rafP95)} / ${ms(d.rafMax)}`);
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
lines.push('');
lines.push('Download sizes of dist/ (bytes; bench/sizes.sh):');
lines.push(sizes.text || '  (sizes.sh gave nothing)');
lines.push(`baseline: ${sizes.baseline.map((f) => `${f.file} ${f.raw} raw / ${f.gzip} gzip-9 / ${f.brotli} br-11`).join('; ')} (+ the app's CSS)`);
const failures = SIZES.flatMap((s) => ['app', 'baseline'].flatMap((n) => results[s][n].failures.map((f) => `${s} ${n}: ${f}`)));
const consoleErrors = SIZES.flatMap((s) => ['app', 'baseline'].flatMap((n) => results[s][n].consoleErrors.map((f) => `${s} ${n}: ${f}`)));
const dragProblems = SIZES.flatMap((s) => ['app', 'baseline'].flatMap((n) => {
  const d = results[s][n].drag;
  const out = d.errors.map((e) => `${s} ${n}: drag not run: ${e}`);
  if (d.started < d.runs) out.push(`${s} ${n}: the drag did not start in ${d.runs - d.started} of ${d.runs} runs (no ghost)`);
  if (d.moved < d.runs) out.push(`${s} ${n}: the card did not land in the target cell in ${d.runs - d.moved} of ${d.runs} runs`);
  if (d.maxMovesPerFrame > 1) out.push(`${s} ${n}: up to ${d.maxMovesPerFrame} pointer moves fell in one frame`);
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
