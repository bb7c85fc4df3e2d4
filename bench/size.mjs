// Transfer-size report for the release build in dist/ (or $DIST).
//
//   node bench/size.mjs
//
// Prints name=value lines:
//   wasm_raw_bytes            size of the .wasm file (the one index.html loads)
//   first_load_raw_bytes      sum over the first-load set (below), uncompressed
//   first_load_gzip_bytes     same, each file gzip -9'd separately
//   first_load_brotli_bytes   same, each file brotli q11'd separately
//   first_load_brotli_kib     the brotli sum in KiB, one decimal
//   file_<name>_brotli_bytes  per file of the first-load set
//
// First-load set: index.html + every .js/.wasm/.css that index.html
// references via src/href of <script>/<link> tags or the start script's
// data-js/data-wasm, plus .js/.wasm paths
// named in inline module scripts (Trunk's `init('/x_bg.wasm')` bootstrap),
// plus static imports of those .js files that exist in dist (wasm-bindgen
// snippets). <name> is the file's path in dist with Trunk's 16-hex-digit
// content hash removed and non-alphanumerics turned into `_`, so the keys
// stay stable from build to build (e.g. file_index_html_brotli_bytes).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(process.env.DIST || path.join(HERE, '..', 'dist'));

function fail(msg) {
  console.error(`size: ${msg}`);
  process.exit(1);
}

const indexPath = path.join(DIST, 'index.html');
if (!fs.existsSync(DIST) || !fs.statSync(DIST).isDirectory() || !fs.existsSync(indexPath)) {
  fail(`${DIST}/index.html not found: there is no build to measure; run make bench, which builds first`);
}

const html = fs.readFileSync(indexPath, 'utf8');
const FIRST_LOAD_EXT = new Set(['.js', '.mjs', '.wasm', '.css']);

// Map a URL as written in index.html (or in a JS file living in fromDir) to
// a file inside DIST, or null. The site root "/" is DIST itself.
function resolveRef(ref, fromDir = DIST) {
  if (!ref) return null;
  ref = ref.trim();
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(ref)) return null; // external, data:, etc.
  const dirUrl = '/' + path.relative(DIST, fromDir).split(path.sep).filter(Boolean).map((s) => s + '/').join('');
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(ref, 'http://x' + dirUrl).pathname);
  } catch {
    return null;
  }
  const abs = path.resolve(DIST, '.' + path.posix.normalize('/' + pathname));
  if (abs !== DIST && !abs.startsWith(DIST + path.sep)) return null;
  try {
    return fs.statSync(abs).isFile() ? abs : null;
  } catch {
    return null;
  }
}

const ATTR = (name) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
const refs = [];

// <script src=...> and <link href=...>
for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
  const attrs = m[2];
  const a = attrs.match(ATTR(m[1].toLowerCase() === 'script' ? 'src' : 'href'));
  if (a) refs.push(a[1] ?? a[2] ?? a[3]);
  // The start script (Trunk pattern_script in Trunk.toml) names the app's files.
  for (const name of ['data-js', 'data-wasm']) {
    const d = attrs.match(ATTR(name));
    if (d) refs.push(d[1] ?? d[2] ?? d[3]);
  }
}
// Inline module scripts: quoted paths ending in .js/.wasm (Trunk bootstrap)
for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
  for (const s of m[1].matchAll(/["'`]([^"'`\s]+\.(?:m?js|wasm))["'`]/g)) refs.push(s[1]);
}

const files = [];
const seen = new Set();
function add(abs) {
  if (!abs || seen.has(abs)) return false;
  if (!FIRST_LOAD_EXT.has(path.extname(abs).toLowerCase())) return false;
  seen.add(abs);
  files.push(abs);
  return true;
}
for (const r of refs) add(resolveRef(r));

// Static imports of the referenced JS (e.g. wasm-bindgen snippets/)
for (let i = 0; i < files.length; i++) {
  const f = files[i];
  if (!/\.m?js$/i.test(f)) continue;
  const src = fs.readFileSync(f, 'utf8');
  for (const m of src.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?["']([^"']+\.m?js)["']/g)) {
    add(resolveRef(m[1], path.dirname(f)));
  }
}

if (!files.some((f) => f.endsWith('.wasm'))) {
  // Not referenced from index.html (no preload): fall back to dist's own .wasm
  const wasms = fs.readdirSync(DIST).filter((n) => n.endsWith('.wasm'));
  if (wasms.length === 1) add(path.join(DIST, wasms[0]));
  else if (wasms.length === 0) fail(`no .wasm file in ${DIST}; is this a Trunk build?`);
  else fail(`index.html references no .wasm and ${DIST} holds several: ${wasms.join(', ')}`);
}
if (!files.some((f) => /\.m?js$/i.test(f))) fail('index.html references no .js file; is this a Trunk build?');

const all = [indexPath, ...files];

function keyName(abs) {
  return path
    .relative(DIST, abs)
    .split(path.sep)
    .join('/')
    .replace(/-[0-9a-f]{16}(?=[._/])/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

let raw = 0;
let gz = 0;
let br = 0;
let wasmRaw = 0;
const perFile = [];
for (const f of all) {
  const buf = fs.readFileSync(f);
  const g = zlib.gzipSync(buf, { level: 9 }).length;
  const b = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      [zlib.constants.BROTLI_PARAM_MODE]: f.endsWith('.wasm')
        ? zlib.constants.BROTLI_MODE_GENERIC
        : zlib.constants.BROTLI_MODE_TEXT,
    },
  }).length;
  raw += buf.length;
  gz += g;
  br += b;
  if (f.endsWith('.wasm')) wasmRaw += buf.length;
  perFile.push([keyName(f), b]);
}

const out = [
  `wasm_raw_bytes=${wasmRaw}`,
  `first_load_raw_bytes=${raw}`,
  `first_load_gzip_bytes=${gz}`,
  `first_load_brotli_bytes=${br}`,
  `first_load_brotli_kib=${(br / 1024).toFixed(1)}`,
  ...perFile.map(([n, b]) => `file_${n}_brotli_bytes=${b}`),
];
// The whole app (the pages off the filing path: scripts/post-build.sh), not
// part of the first load: `data-more` in the start script names it.
const more = html.match(ATTR('data-more'));
if (more) {
  const base = path.join(DIST, (more[1] ?? more[2] ?? more[3]).replace(/^\//, ''));
  for (const [suffix, key] of [['_bg.wasm', 'wasm'], ['.js', 'js']]) {
    const buf = fs.readFileSync(base + suffix);
    const b = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    out.push(`whole_app_${key}_raw_bytes=${buf.length}`, `whole_app_${key}_brotli_bytes=${b}`);
  }
}
console.log(out.join('\n'));
