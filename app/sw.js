// Traseu's service worker. scripts/precache.mjs (Trunk's post_build hook) puts BUILD and
// PRECACHE above this text and writes the result to the site root as /sw.js.
//
// - index.html (every navigation): the network first, so people online always get the newest
//   build; the precached copy when the network fails. A fresh index.html is never stored,
//   because it would name files this build's cache does not hold.
// - Every other file of the build: from the cache; hashed names never change content, and the
//   rest are fetched again whenever BUILD changes.
// - Anything else, the API above all, is not touched: the browser fetches it as if there were
//   no worker. Maps live in local storage, which the worker never reads or writes.
const CACHE = `traseu-${BUILD}`;
const PRECACHED = new Set(PRECACHE);

self.addEventListener('install', (event) => {
  // no-cache: revalidate with the server rather than trust the browser's HTTP cache.
  const requests = PRECACHE.map((url) => new Request(url, { cache: 'no-cache' }));
  // A new build takes over at once: the pages already open have loaded everything they use,
  // and register.js tells them a reload brings the new build.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      client.postMessage({ build: BUILD });
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('/'))));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(caches.open(CACHE)
      .then((cache) => cache.match(request))
      .then((hit) => hit ?? fetch(request)));
  }
});
