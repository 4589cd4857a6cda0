#!/usr/bin/env node
// Static files fetched one after another over one kept-alive connection: the app's server and,
// for comparison, the baseline's Node server (whose sockets have Nagle's algorithm off).
// A server that leaves it on answers a request on a reused connection about 40 ms late on
// Linux: the body's write waits for the client's delayed acknowledgement of the headers'.
//
//   node bench/keepalive.mjs [--rounds 20]   (the release server, else the debug one)

import http from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBaseline } from './baseline/serve.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
process.env.TRASEU_SERVER_BIN ??= ['release', 'debug'].map((p) => join(root, 'target', p, 'server')).find(existsSync);
const { startServer } = await import('../end2end/support.mjs');

const dist = readdirSync(join(root, 'dist')).filter((f) => /\.(css|js)$/.test(f) && !f.endsWith('.br'));
const targets = [
  { name: 'app', server: await startServer(), paths: ['/', ...dist.map((f) => `/${f}`), '/public/register.js'] },
  { name: 'baseline', server: await startBaseline(), paths: ['/', '/board.js', '/main.css'] },
];

function get(port, path, agent) {
  return new Promise((ok, fail) => {
    const start = performance.now();
    http.get({ host: '127.0.0.1', port, path, agent, headers: { 'accept-encoding': 'br' } }, (res) => {
      res.resume();
      res.on('end', () => ok(performance.now() - start));
    }).on('error', fail);
  });
}

const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
console.log(`${values.rounds} rounds of each server's files over one kept-alive connection, ms per request`);
for (const { name, server, paths } of targets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const port = new URL(server.url).port;
  const times = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const path of paths) times.push(await get(port, path, agent));
  }
  agent.destroy();
  await server.stop();
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(9)} requests ${times.length}  median ${at(times, 0.5).toFixed(2)}  ` +
    `p90 ${at(times, 0.9).toFixed(2)}  max ${times.at(-1).toFixed(2)}`);
}
