// The benchmark's in-page instruments, installed as an init script on both boards (a function
// Playwright serialises: it must not refer to anything outside itself). Method:
// /work/shared/BENCHMARKING.md and bench/README.md.

/**
 * Init script: marks 'ready' once `expected` cards are in the DOM and painted, and tells the
 * benchmark through its binding `__benchSignal` when there is one (as on a fatal error).
 */
export function readyProbe(expected) {
  if (location.pathname === '/blank' || location.pathname.startsWith('/api/')) return;
  const b = (window.__bench = { expected, contentAt: null, ready: null, wasmMemory: null, fatal: null });
  // A blocked script never renders: stop waiting at once. (Typically dist/index.html was rebuilt
  // after the server started, so its inline loader no longer matches the CSP hash.)
  document.addEventListener('securitypolicyviolation', (e) => {
    b.fatal ??= `CSP violation: ${e.violatedDirective} ${e.blockedURI || '(inline)'}`;
    window.__benchSignal?.();
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
      ch.port1.onmessage = () => {
        performance.mark('ready');
        b.ready = performance.now();
        window.__benchSignal?.();
      };
      ch.port2.postMessage(0);
    });
  });
  mo.observe(document, { childList: true, subtree: true });

  // Saves. Both boards write local storage a moment after a change: the baseline from a timer,
  // the app from a timer (a Leptos set_timeout, 300 ms) and then an idle callback. Every timer
  // and idle callback is timed, and one in which a map was written (`traseu.map.<id>`) is a
  // save: its duration includes serialising the map and writing it, the list of maps and the
  // open map's id. `delay` is the timer's delay, or the idle callback's timeout; `kind` and
  // `id` name the callback as a trace does (TimerFire's timerId, FireIdleCallback's id), so
  // that the benchmark can read the save's thread time there.
  b.saves = [];
  let inTimer = null;
  const timed = (callback, delay, kind) => {
    const wrapper = function (...a) {
      const outer = inTimer;
      const run = (inTimer = { wrote: false });
      const start = performance.now();
      try {
        return callback.apply(this, a);
      } finally {
        inTimer = outer;
        if (run.wrote) b.saves.push({ at: start, ms: performance.now() - start, delay, kind, id: wrapper.id });
      }
    };
    return wrapper;
  };
  const setTimer = window.setTimeout;
  window.setTimeout = function (callback, delay, ...args) {
    if (typeof callback !== 'function') return setTimer.call(window, callback, delay, ...args);
    const wrapper = timed(callback, delay, 'timer');
    return (wrapper.id = setTimer.call(window, wrapper, delay, ...args));
  };
  const whenIdle = window.requestIdleCallback;
  window.requestIdleCallback = function (callback, options) {
    const wrapper = timed(callback, options?.timeout ?? null, 'idle');
    return (wrapper.id = whenIdle.call(window, wrapper, options));
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (inTimer && String(key).startsWith('traseu.map.')) inTimer.wrote = true;
    return setItem.call(this, key, value);
  };

  // One keyboard move of card `id`: from the keydown's dispatch (a capture listener on window,
  // the first to see it) to the end of the first frame after the card is in another cell
  // (rAF, then a MessageChannel message posted there). `b.move.ms` is set when it is done, and
  // the benchmark told through its binding, as for 'ready'.
  b.armMove = (id) => {
    const where = () => document.querySelector(`[data-card-id="${id}"]`)?.closest('td.cell')?.dataset.stage ?? null;
    const move = (b.move = { from: where(), to: null, start: null, ms: null });
    addEventListener('keydown', () => { move.start = performance.now(); }, { capture: true, once: true });
    const mo = new MutationObserver(() => {
      const now = where();
      if (now === null || now === move.from || move.start === null) return;
      mo.disconnect();
      move.to = now;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          move.ms = performance.now() - move.start;
          window.__benchSignal?.();
        };
        ch.port2.postMessage(0);
      });
    });
    mo.observe(document.body, { childList: true, subtree: true });
  };

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
