// Tiny static file server for the Trunk build output (dist/).
//
//   node tests/e2e/serve.mjs [root]        # root defaults to $DIST or <repo>/dist
//   PORT=8090 node tests/e2e/serve.mjs
//
// - correct content types (.wasm is application/wasm so streaming
//   instantiation works)
// - as nginx's `try_files $uri $uri/index.html /shell.html`: a file; else
//   the prerendered page of that address (`/dich-vu/x` -> dich-vu/x/index.html,
//   with or without the trailing slash, no redirect); else the app shell
//   (shell.html, or index.html in an older build) with 200 when the path has
//   no extension or is a page navigation (Accept: text/html); any other
//   missing file is 404
// - caching as a deployment would: hashed build files (`name-0123abcd….wasm`)
//   `immutable` for a year; everything else `no-cache` with an ETag, answered
//   304 when unchanged (so a service worker's second fetch costs no bytes)
// - no directory listing, no path traversal
// - brotli for text, JSON and wasm when the client accepts it (as a real
//   deployment would; compressed once per file and kept in memory)
//
// Also importable: `const { url, close, stats } = await startServer({ root, port })`
// (`stats.bytes`: body bytes sent since `stats.reset()`, for benchmarks;
// `hold(pathname)` may return a promise a file waits for: a slow network for
// browsers driven without request interception, e.g. Firefox over WebDriver)
// (port 0 picks a free port; the returned url has no trailing slash).

import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = path.resolve(HERE, '..', '..', 'dist');
export const DEFAULT_PORT = 8090;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function within(root, p) {
  return p === root || p.startsWith(root + path.sep);
}

// A regular file whose real path (symlinks resolved) is still inside root.
function isFileIn(root, p) {
  try {
    return fs.statSync(p).isFile() && within(root, fs.realpathSync(p));
  } catch {
    return false;
  }
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|svg|webmanifest|txt)$/;
const brotliCache = new Map(); // file -> { mtimeMs, body }

function brotli(file, st) {
  const hit = brotliCache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.body;
  const body = zlib.brotliCompressSync(fs.readFileSync(file), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
  });
  brotliCache.set(file, { mtimeMs: st.mtimeMs, body });
  return body;
}

// Trunk's hashed names: tokhai-<16 hex>.js, tokhai-<16 hex>_bg.wasm, base-<16 hex>.css.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

function cacheControl(file, noStore) {
  if (noStore) return 'no-store'; // startServer({ noStore: true }): tests that must see every fetch
  return HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function sendFile(req, res, file, status = 200, stats = null) {
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) return send(res, 404, 'Not found\n');
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': cacheControl(file, stats?.noStore) });
      return res.end();
    }
    if (COMPRESSIBLE.test(file) && /\bbr\b/.test(req.headers['accept-encoding'] || '')) {
      const body = brotli(file, st);
      if (stats && req.method !== 'HEAD') stats.add(req.url, body.length);
      res.writeHead(status, {
        'Content-Type': contentType(file),
        'Content-Encoding': 'br',
        'Content-Length': body.length,
        'Cache-Control': cacheControl(file, stats?.noStore),
        ETag: etag,
        'Vary': 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff',
      });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': st.size,
      'Cache-Control': cacheControl(file, stats?.noStore),
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    if (stats) stats.add(req.url, st.size);
    const stream = fs.createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
}

function makeHandler(root, stats, hold) {
  const shell = fs.existsSync(path.join(root, 'shell.html')) ? path.join(root, 'shell.html') : path.join(root, 'index.html');
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(res, 400, 'Bad request\n');
    }
    if (pathname.includes('\0')) return send(res, 400, 'Bad request\n');

    const target = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
    if (!within(root, target)) return send(res, 403, 'Forbidden\n');

    if (isFileIn(root, target)) {
      const wait = hold && hold(pathname);
      if (wait) return void wait.then(() => sendFile(req, res, target, 200, stats));
      return sendFile(req, res, target, 200, stats);
    }
    // A prerendered page: the folder's index.html, served in place.
    const page = path.join(target, 'index.html');
    if (isFileIn(root, page)) return sendFile(req, res, page, 200, stats);

    // Not a regular file (missing, or a directory: never listed).
    const base = path.posix.basename(pathname);
    // App addresses may contain dots (dossier codes: /ho-so/000.00.12.H47-…),
    // so a page navigation (Accept: text/html) also falls back, as nginx's
    // `try_files $uri /index.html` does.
    const navigation = (req.headers.accept || '').includes('text/html');
    if (path.posix.extname(base) === '' || navigation) {
      return sendFile(req, res, shell, 200, stats); // the app shell, 200
    }
    return send(res, 404, 'Not found\n');
  };
}

export function startServer({ root = process.env.DIST || DEFAULT_ROOT, port = DEFAULT_PORT, hold = null, noStore = false } = {}) {
  const absRoot = fs.realpathSync(path.resolve(root));
  // Compress the top-level build files now, so no request (or benchmark run) pays for it.
  for (const name of fs.existsSync(absRoot) ? fs.readdirSync(absRoot) : []) {
    const file = path.join(absRoot, name);
    const st = fs.statSync(file);
    if (st.isFile() && COMPRESSIBLE.test(file)) brotli(file, st);
  }
  // Body bytes sent (brotli where it applies), for benchmarks: what crossed the wire.
  const stats = {
    noStore,
    bytes: 0,
    files: [],
    add(url, n) { this.bytes += n; this.files.push([url, n]); },
    reset() { this.bytes = 0; this.files = []; },
  };
  const server = http.createServer(makeHandler(absRoot, stats, hold));
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), '127.0.0.1', () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        root: absRoot,
        server,
        stats,
        close: () =>
          new Promise((res) => {
            server.close(() => res());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(process.argv[2] || process.env.DIST || DEFAULT_ROOT);
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html not found (build first: trunk build --release)`);
    process.exit(1);
  }
  startServer({ root, port }).then(
    ({ url, root: r, close }) => {
      console.log(`serving ${r} on ${url}`);
      const stop = () => close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
