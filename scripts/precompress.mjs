// Trunk's post_build hook (Trunk.toml), after precache.mjs: writes `<file>.br` (brotli,
// quality 11) and `<file>.gz` (gzip -9) beside every text and WebAssembly file of the staged
// build. The server sends these as they are (ServeDir's precompressed files): compressing the
// WebAssembly on each request took seconds in a debug server and gave a larger file than this.
// Run by hand on a finished build as `node scripts/precompress.mjs dist`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const site = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!site) throw new Error('usage: node scripts/precompress.mjs <built site folder>');
const COMPRESSIBLE = /\.(wasm|js|css|html|svg|json|webmanifest)$/;

let before = 0;
let after = 0;
for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
  const path = join(entry.parentPath, entry.name);
  const body = readFileSync(path);
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  before += body.length;
  after += br.length;
}
console.log(`precompressed: ${before} bytes, ${after} as brotli`);
