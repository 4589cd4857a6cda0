// Statistics of the board benchmark: quantiles, and the per-frame busy time of a recorded drag
// (bench/README.md, "Drag").

export const median = (xs) => quantile(xs, 0.5);
export function quantile(xs, q) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((p, r) => p - r);
  if (a.length === 0) return null;
  const i = (a.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return a[lo] + (a[hi] - a[lo]) * (i - lo);
}
export const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

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
export function analyseFrames(rec) {
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

