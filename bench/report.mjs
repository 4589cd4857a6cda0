#!/usr/bin/env node
// Writes bench/results.md from one `bench/run`: a table per budget of issue 14, each figure beside
// the baseline measured in the same run, the ratio, the budget and whether it is met. Budgets
// are reported, never enforced: this exits 0 whatever they say.
//
//   node bench/report.mjs --dir bench/results/run-<date> --out bench/results.md
//
// Reads from --dir: board.json (bench/board.mjs), sizes.txt (bench/sizes.sh), load/summary.json
// (bench/load.sh; optional) and run.json (what bench/run knew: commit, load averages, options).

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' } } });
const read = (f) => (existsSync(join(opt.dir, f)) ? readFileSync(join(opt.dir, f), 'utf8') : null);
const json = (f) => { const t = read(f); return t ? JSON.parse(t) : null; };
const run = json('run.json') ?? {};
const board = json('board.json');
const load = json('load/summary.json');
const sizesText = read('sizes.txt');

const BUDGET_BYTES = 200 * 1024;
const n = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null);
const x = (r) => (r === null ? '—' : `${r.toFixed(2)}×`);
const met = (ok) => (ok === null ? '—' : ok ? '**met**' : '**missed**');
const range = (s) => (s && Number.isFinite(s.min) ? ` [${n(s.min)}–${n(s.max)}]` : '');
const mb = (b) => (Number.isFinite(b) ? (b / 1048576).toFixed(1) : '—');
const out = [];
const table = (head, rows) => {
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  out.push('');
};

out.push('# Issue 14 budgets: results of `bench/run`', '');
out.push(`Date ${run.date ?? board?.run.date ?? '?'}; commit ${run.commit ?? '?'}; Chromium ${board?.run.chromium ?? '?'}; ` +
  `${run.cores ?? '?'} cores; load average ${run.loadStart ?? '?'} at the start, ${run.loadEnd ?? '?'} at the end.`);
out.push(`Command: \`${run.command ?? 'bench/run'}\`. Browser figures: medians of ${board?.run.samples ?? '?'} samples per board and size ` +
  `(fresh page loads, app and baseline interleaved), ranges [min–max] over the samples. ` +
  'Budgets are reported, never enforced. Differences under about 25 % are noise on a 2-core machine; ' +
  'the ratio to the baseline measured in the same run is the figure to read. Method: bench/README.md.');
if (board?.run.server) out.push(`Server: ${board.run.server}.`);
out.push('');

// ------------------------------------------------------------------ size
out.push('## Size: whole app ≤ 200 KB brotli (wasm + JS + CSS)', '');
const files = (sizesText ?? '').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/))
  .filter((f) => f.length === 4 && f[0] !== 'total').map(([file, raw, gz, br]) => ({ file, raw: +raw, gz: +gz, br: +br }));
const app = files.filter((f) => /\.(wasm|js|css)$/.test(f.file));
const sum = (fs, k) => fs.reduce((t, f) => t + f[k], 0);
if (app.length) {
  const base = board?.sizes.baseline ?? [];
  const css = app.filter((f) => f.file.endsWith('.css'));
  const baseBr = sum(base.filter((f) => f.file.endsWith('.js')), 'brotli') + sum(css, 'br');
  table(['file', 'raw bytes', 'gzip -9', 'brotli -q 11'], [
    ...files.map((f) => [f.file, n(f.raw, 0), n(f.gz, 0), n(f.br, 0)]),
    ['**app: wasm + JS + CSS**', n(sum(app, 'raw'), 0), n(sum(app, 'gz'), 0), `**${n(sum(app, 'br'), 0)}**`],
  ]);
  const total = sum(app, 'br');
  table(['figure', 'app', 'baseline (its JS + the app\'s CSS)', 'ratio', 'budget', ''], [
    ['brotli, wasm + JS + CSS', `${n(total, 0)} B`, `${n(baseBr, 0)} B`, x(ratio(total, baseBr)), `≤ ${n(BUDGET_BYTES, 0)} B (200 KiB)`, met(total <= BUDGET_BYTES)],
  ]);
} else out.push('Not measured (bench/sizes.sh gave nothing).', '');

// ------------------------------------------------------------------ browser tables
const sizes = board ? board.run.sizes : [];
const r = (size) => board.results[size];
if (!board) out.push('**The browser benchmark did not run or wrote nothing**: see board.txt in the run\'s folder.', '');

if (board) {
  out.push('## Render: first render ≤ 1.5× the baseline at 1,000 cards, ≤ 2× at 5,000', '');
  out.push('"Ready": every card in the DOM and the next frame painted, ms from the start of a cold navigation (fresh context).', '');
  const renderBudget = { 1000: 1.5, 5000: 2 };
  table(['cards', 'app ms', 'baseline ms', 'ratio', 'budget', '', 'samples'], sizes.map((s) => {
    const a = r(s).app.ready; const b = r(s).baseline.ready; const q = ratio(a.median, b.median); const bud = renderBudget[s];
    return [n(s, 0), `${n(a.median)}${range(a)}`, `${n(b.median)}${range(b)}`, x(q), bud ? `≤ ${bud}×` : '—',
      bud ? met(q !== null && q <= bud) : '—', `${r(s).app.samples} / ${r(s).baseline.samples}`];
  }));

  out.push('## Drag: frame busy p95 at 1,000 cards ≤ the baseline\'s, for a card and for an emotion point', '');
  out.push('Main-thread busy ms per frame during a real-mouse drag (one move a frame): pointer handlers plus the frame\'s ' +
    'rAF-to-message interval; p50 / p95 per run, median over runs. "ok": runs where the drag started and ended where it should.', '');
  for (const [kind, title] of [['drag', 'Card c1 across three cells of its row and back'], ['point', 'Second emotion point up to +3, down to −3, up to +1']]) {
    out.push(`**${title}**`, '');
    table(['cards', 'app p50 / p95', 'baseline p50 / p95', 'p95 ratio', 'budget', '', 'ok app / baseline'], sizes.map((s) => {
      const a = r(s).app[kind]; const b = r(s).baseline[kind]; const q = ratio(a.p95, b.p95);
      return [n(s, 0), `${n(a.p50)} / ${n(a.p95)}`, `${n(b.p50)} / ${n(b.p95)}`, x(q), s === 1000 ? '≤ 1×' : '—',
        s === 1000 ? met(q !== null && q <= 1) : '—',
        `${Math.min(a.started, a.moved)}/${a.runs} / ${Math.min(b.started, b.moved)}/${b.runs}`];
    }));
  }

  out.push('## Saving: a local save of a 1,000-card map ≤ 5 ms; shared-map save p99 ≤ 5 ms at 500 req/s on SQLite', '');
  out.push('Local: the duration of the callback that wrote the map to local storage (serialising the map, writing it, ' +
    'the list of maps and the open map\'s id): the app\'s idle callback (asked for 300 ms after a change, run within 1 s), the baseline\'s timer; the median of each sample\'s saves, median over samples. ' +
    'The baseline writes JSON.stringify of the whole document, debounced the same. ' +
    'Thread: the same callbacks\' main-thread time in a trace (three more saves a sample, after the others), without the time the thread waited for a core; ' +
    'on two shared cores that wait is most of the wall time\'s spread.', '');
  table(['cards', 'app ms', 'baseline ms', 'ratio', 'budget', '', 'saves app / baseline', 'thread app / baseline ms', 'thread ratio'], sizes.map((s) => {
    const a = r(s).app.save; const b = r(s).baseline.save;
    const at = r(s).app.saveThread; const bt = r(s).baseline.saveThread;
    return [n(s, 0), `${n(a.median, 2)}${range(a)}`, `${n(b.median, 2)}${range(b)}`, x(ratio(a.median, b.median)),
      s === 1000 ? '≤ 5 ms' : '—', s === 1000 ? met(Number.isFinite(a.median) ? a.median <= 5 : null) : '—', `${a.count} / ${b.count}`,
      `${n(at?.median, 2)} / ${n(bt?.median, 2)}`, x(ratio(at?.median, bt?.median))];
  }));
}
if (load?.sqlite) {
  const a = load.sqlite.save.fixed; const b = load.bare.save.fixed;
  out.push(`Shared (bench/load.sh --sqlite-only: POST /api/maps of a 20,000-character ciphertext at a fixed ${load.rate} req/s, ` +
    `latency-corrected; median of ${load.repeats} runs; baseline: a bare Axum route with no database)${load.bad ? `; **${load.bad} runs had failed requests**` : ''}:`, '');
  table(['operation', 'SQLite p50 / p99 ms', 'baseline p50 / p99 ms', 'p99 ratio', 'budget', ''], [
    ['save', `${n(a.p50, 2)} / ${n(a.p99, 2)}`, `${n(b.p50, 2)} / ${n(b.p99, 2)}`, x(ratio(a.p99, b.p99)), 'p99 ≤ 5 ms', met(a.p99 <= 5)],
    ['load', `${n(load.sqlite.load.fixed.p50, 2)} / ${n(load.sqlite.load.fixed.p99, 2)}`,
      `${n(load.bare.load.fixed.p50, 2)} / ${n(load.bare.load.fixed.p99, 2)}`, x(ratio(load.sqlite.load.fixed.p99, load.bare.load.fixed.p99)), '—', '—'],
  ]);
} else out.push(`Shared save: not measured${run.loadNote ? ` (${run.loadNote})` : ''}.`, '');

if (board) {
  out.push(`## Memory and edit cost: heap after ${board.run.edits} edits; one keyboard move`, '');
  out.push(`JS heap (V8, after CDP HeapProfiler.collectGarbage) + WebAssembly linear memory (the app's state; it only grows), MB, ` +
    `right after load and after ${board.run.edits} keyboard moves (each lifted, moved a stage, dropped). The baseline has no wasm. No numeric budget.`, '');
  table(['cards', 'app after load', `app after ${board.run.edits} edits`, 'baseline after load', `baseline after edits`, 'ratio after edits'], sizes.map((s) => {
    const a = r(s).app; const b = r(s).baseline;
    const h = (t) => `${mb(t.used)} + ${mb(t.wasm)} = ${mb(t.jsWasm)}`;
    return [n(s, 0), h(a.heap), `**${h(a.heapAfterEdits)}**`, h(b.heap), h(b.heapAfterEdits), x(ratio(a.heapAfterEdits.jsWasm, b.heapAfterEdits.jsWasm))];
  }));
  out.push('Keyboard move: ms from the arrow key\'s keydown to the end of the first frame showing the card in the next stage\'s ' +
    'cell (rAF, then a MessageChannel message); median of each sample\'s moves, median over samples.', '');
  table(['cards', 'app ms', 'baseline ms', 'ratio', 'moves app / baseline'], sizes.map((s) => {
    const a = r(s).app.keyMove; const b = r(s).baseline.keyMove;
    return [n(s, 0), `${n(a.median)}${range(a)}`, `${n(b.median)}${range(b)}`, x(ratio(a.median, b.median)),
      `${a.moves}${a.missed ? ` (${a.missed} missed)` : ''} / ${b.moves}${b.missed ? ` (${b.missed} missed)` : ''}`];
  }));

  out.push('## Start: time to an editable board, cold and on a repeat visit', '');
  out.push('Cold = "ready" in a fresh context (nothing cached); repeat = the same context loading the board again after the ' +
    'edits (HTTP cache, code cache and the app\'s service worker warm). ms from navigation start. No numeric budget.', '');
  table(['cards', 'app cold', 'baseline cold', 'ratio', 'app repeat', 'baseline repeat', 'ratio'], sizes.map((s) => {
    const a = r(s).app; const b = r(s).baseline;
    return [n(s, 0), `${n(a.ready.median)}${range(a.ready)}`, `${n(b.ready.median)}${range(b.ready)}`, x(ratio(a.ready.median, b.ready.median)),
      `${n(a.repeat.median)}${range(a.repeat)}`, `${n(b.repeat.median)}${range(b.repeat)}`, x(ratio(a.repeat.median, b.repeat.median))];
  }));

  const problems = [...(board.failures ?? []), ...(board.dragProblems ?? []), ...(board.notes ?? [])];
  if (problems.length) { out.push('## Problems and notes', ''); for (const p of problems) out.push(`- ${p}`); out.push(''); }
}
const keepalive = read('keepalive.txt');
if (keepalive) {
  out.push('## Static files on a reused connection', '');
  out.push('bench/keepalive.mjs: each server\'s files requested one after another over one kept-alive connection. No budget; ' +
    'a server that leaves Nagle\'s algorithm on answers each about 40 ms late.', '');
  out.push('```', keepalive.trim(), '```', '');
}
out.push(`Raw data: \`${opt.dir}\` (board.json with every sample, board.txt, sizes.txt${keepalive ? ', keepalive.txt' : ''}${load ? ', load/' : ''}).`);
writeFileSync(opt.out, `${out.join('\n')}\n`);
console.log(`wrote ${opt.out}`);
