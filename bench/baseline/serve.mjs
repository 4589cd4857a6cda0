// The hand-written baseline board on a loopback port, drawn with the app's stylesheet from
// dist/ (so both boards are styled alike), and /blank, a same-origin page that loads no board,
// where a benchmark writes local storage before the measured load.

import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
const root = resolve(here, '..');

export function startBaseline() {
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
