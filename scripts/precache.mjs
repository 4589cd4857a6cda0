// Trunk's post_build hook (Trunk.toml): writes the service worker to the site root of the staged
// build, with the list of every file the build made and a version that changes whenever any of
// them does, and marks index.html with the same version so a page knows which build it runs.
// Run by hand on a finished build as `node scripts/precache.mjs dist`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const site = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!site) throw new Error('usage: node scripts/precache.mjs <built site folder>');
const base = process.env.TRUNK_PUBLIC_URL ?? '/';
const WORKER = 'sw.js';
const MARK = /<meta name="traseu-build" content="[^"]*">\n?/;

const index = join(site, 'index.html');
const page = readFileSync(index, 'utf8').replace(MARK, '');

const files = readdirSync(site, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(site, join(entry.parentPath, entry.name)).split(sep).join('/'))
  .filter((name) => name !== WORKER && !name.split('/').some((part) => part.startsWith('.')))
  // precompress.mjs's copies: the browser asks for the file, the server picks the encoding.
  .filter((name) => !/\.(br|gz)$/.test(name))
  .sort();

// The unmarked page is hashed, so running this twice on one build gives the same version.
const hash = createHash('sha256');
for (const name of files) {
  hash.update(`${name}\0`);
  hash.update(name === 'index.html' ? page : readFileSync(join(site, name)));
}
const build = hash.digest('hex').slice(0, 16);

// index.html is cached under the address people open, the site root.
const urls = files.map((name) => base + (name === 'index.html' ? '' : name));
const worker = readFileSync(new URL('../app/sw.js', import.meta.url), 'utf8');
writeFileSync(join(site, WORKER),
  `const BUILD = ${JSON.stringify(build)};\nconst PRECACHE = ${JSON.stringify(urls, null, 2)};\n\n${worker}`);
writeFileSync(index, page.replace('</head>', `<meta name="traseu-build" content="${build}">\n</head>`));
console.log(`service worker: build ${build}, ${urls.length} files precached`);
