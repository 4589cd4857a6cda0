// Starts Traseu's service worker (a file rather than inline script, which the
// Content-Security-Policy forbids) and, when a newer build has taken over from the one this
// page runs, says so in the page's language with a button that reloads into it.
const WORDS = {
  en: { text: 'A new version of Traseu is ready — reload to use it.', reload: 'Reload' },
  ro: { text: 'O versiune nouă a Traseu este gata — reîncărcați pagina pentru a o folosi.', reload: 'Reîncărcați' },
};

function announceUpdate() {
  if (document.querySelector('.update-notice')) return;
  const words = WORDS[document.documentElement.lang.slice(0, 2)] ?? WORDS.en;
  const notice = document.createElement('div');
  notice.className = 'notice update-notice';
  notice.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = words.text;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'dismiss';
  reload.textContent = words.reload;
  reload.addEventListener('click', () => location.reload());
  notice.append(text, reload);
  document.body.append(notice);
}

if ('serviceWorker' in navigator) {
  const running = document.querySelector('meta[name="traseu-build"]')?.content;
  // A worker says which build it is when it takes over (messages sent while this page loads
  // wait for it); only a worker newer than the page can take over, so a different build is
  // a newer one.
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (running && event.data?.build && event.data.build !== running) announceUpdate();
  });
  // Registered once the app has started and painted its first board, when the main thread is
  // next idle: a first visit's worker downloads and stores every file of the app, which on two
  // cores held the first board back (bench/README.md). Waiting for the page's load event was not
  // enough: it fires while the WebAssembly is still being compiled, before the board is built.
  // Later visits find the worker already there.
  const started = new Promise((ok) => {
    if (window.wasmBindings) ok();
    else addEventListener('TrunkApplicationStarted', ok, { once: true });
  });
  const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  const idle = () => new Promise((ok) => {
    if ('requestIdleCallback' in window) requestIdleCallback(ok, { timeout: 3000 });
    else setTimeout(ok, 0);
  });
  started.then(painted).then(idle).then(() => navigator.serviceWorker.register('/sw.js')).then((registration) => {
    // Browsers look for a new worker on every visit; a page left open looks again when the
    // network comes back and every hour.
    const check = () => registration.update().catch(() => {});
    addEventListener('online', check);
    setInterval(check, 60 * 60 * 1000);
  });
}
