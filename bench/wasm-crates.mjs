#!/usr/bin/env node
// Code bytes of the release wasm per crate, and per module of `app` and `model`, read from the
// name section of the binary rustc links (before wasm-bindgen and wasm-opt, which drop the
// names). A function counts for the first crate its v0-mangled name mentions other than core,
// alloc and std: the crate of its path or of the type it is implemented for. Proportions,
// not the download: wasm-opt shrinks every crate and brotli compresses what is left.
//
//   scripts/build-web.sh && node bench/wasm-crates.mjs [target/wasm32-unknown-unknown/wasm-release/app.wasm]

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const file = process.argv[2] ?? resolve(import.meta.dirname, '../target/wasm32-unknown-unknown/wasm-release/app.wasm');
const data = readFileSync(file);

function leb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = data[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

const skipLimits = (at) => {
  const [flags, next] = leb(at);
  const [, afterMin] = leb(next);
  return flags & 1 ? leb(afterMin)[1] : afterMin;
};

let importedFunctions = 0;
const bodies = [];
const names = new Map();
for (let at = 8; at < data.length; ) {
  const id = data[at];
  const [size, start] = leb(at + 1);
  const end = start + size;
  let [count, j] = id === 2 || id === 10 ? leb(start) : [0, start];
  if (id === 2) {
    for (let n = 0; n < count; n++) {
      for (let s = 0; s < 2; s++) {
        const [len, next] = leb(j);
        j = next + len;
      }
      const kind = data[j++];
      if (kind === 0) {
        importedFunctions++;
        j = leb(j)[1];
      } else if (kind === 1) j = skipLimits(j + 1);
      else if (kind === 2) j = skipLimits(j);
      else if (kind === 3) j += 2;
    }
  } else if (id === 10) {
    for (let n = 0; n < count; n++) {
      const [len, next] = leb(j);
      bodies.push(len);
      j = next + len;
    }
  } else if (id === 0) {
    const [len, next] = leb(start);
    if (data.toString('utf8', next, next + len) === 'name') {
      for (let k = next + len; k < end; ) {
        const sub = data[k];
        const [subSize, subStart] = leb(k + 1);
        if (sub === 1) {
          let [n, p] = leb(subStart);
          for (; n > 0; n--) {
            const [index, q] = leb(p);
            const [nameLen, r] = leb(q);
            names.set(index, data.toString('utf8', r, r + nameLen));
            p = r + nameLen;
          }
        }
        k = subStart + subSize;
      }
    }
  }
  at = end;
}

const crates = new Map();
const modules = new Map();
const add = (map, key, bytes) => map.set(key, (map.get(key) ?? 0) + bytes);
bodies.forEach((bytes, n) => {
  const name = names.get(n + importedFunctions) ?? '?';
  const mentioned = [...name.matchAll(/C(?:s[A-Za-z0-9]*_)?(\d+)([a-z_][a-z0-9_]*)/g)].map(([, len, rest]) => rest.slice(0, Number(len)));
  const crate = mentioned.find((c) => !['core', 'alloc', 'std'].includes(c)) ?? mentioned[0] ?? '?';
  add(crates, crate, bytes);
  const module = (crate === 'app' || crate === 'model') && name.match(new RegExp(`\\d+${crate}(\\d+)([a-z_][a-z0-9_]*)`));
  if (module) add(modules, `${crate}::${module[2].slice(0, Number(module[1]))}`, bytes);
});

const total = bodies.reduce((a, b) => a + b, 0);
const rows = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`code ${total.toLocaleString('en')} bytes in ${bodies.length} functions (${names.size ? 'named' : 'no name section'})`);
for (const [crate, bytes] of rows(crates, 22)) {
  console.log(`${bytes.toLocaleString('en').padStart(10)} ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${crate}`);
}
console.log('app and model, by module:');
for (const [module, bytes] of rows(modules, 20)) console.log(`${bytes.toLocaleString('en').padStart(10)}  ${module}`);
