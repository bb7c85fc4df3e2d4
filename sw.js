// Tờ Khai's service worker: after the first visit the app opens and forms can
// be filled with no connection.
//
// - One cache per release, named by the version in the registration URL
//   (index.html registers `/sw.js?v=<hashed app file name>`). A new release
//   installs a new worker that caches its own shell; when it activates, the
//   caches of older releases are deleted. The JS and wasm file names carry
//   content hashes and are always taken from the same index.html, so old JS
//   never meets new wasm.
// - Cached: the shell (index.html, JS, wasm, CSS), the catalogue and every
//   form definition, the administrative units, and the simulator's sample
//   citizens. Only public files of this site, never anything personal: the
//   app makes no other requests (drafts live in IndexedDB, not here).
// - Pages: network first (a 4-second wait on a poor connection), then the
//   cached shell. Hashed files: cache first. Data files: the cached copy at
//   once, refreshed in the background.
'use strict';

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const CACHE = 'tokhai-' + VERSION;
const PREFIX = 'tokhai-';

async function precacheShell(cache) {
  const res = await fetch('/', { cache: 'no-store' });
  if (!res.ok) throw new Error('shell ' + res.status);
  const html = await res.clone().text();
  await cache.put('/', res);
  const found = new Set();
  for (const m of html.matchAll(/(?:href|src)=["']?(\/[^"' >]+\.(?:js|wasm|css))/g)) found.add(m[1]);
  for (const m of html.matchAll(/['"](\/[^'"]+\.(?:js|wasm))['"]/g)) found.add(m[1]);
  await cache.addAll([...found]);
}

async function precacheData(cache) {
  const catalog = await fetch('/forms/catalog.json').then((r) => r.json()).catch(() => []);
  const provinces = await fetch('/units/provinces.json').then((r) => r.json()).catch(() => []);
  const citizens = await fetch('/citizens/index.json').then((r) => r.json()).catch(() => []);
  const urls = ['/forms/catalog.json', '/units/provinces.json', '/citizens/index.json']
    .concat(catalog.map((e) => '/forms/' + e.id + '.json'))
    .concat(provinces.map((p) => '/units/' + p.code + '.json'))
    .concat(citizens.map((c) => '/citizens/' + c.file));
  // One at a time: a cheap phone on 3G should not open 90 requests at once.
  for (const url of urls) {
    if (!(await cache.match(url))) {
      await cache.add(url).catch(() => {});
    }
  }
}

// Everything is cached before this release takes over: until then the
// previous release (and its cache) keeps serving, so nothing is half there.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await precacheShell(cache);
      await precacheData(cache);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

// Lets a page (and tests) ask whether everything for offline use is cached.
self.addEventListener('message', (event) => {
  if (event.data === 'tokhai-ready?') {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        const catalog = await cache.match('/forms/catalog.json');
        let ready = !!(await cache.match('/')) && !!catalog;
        if (ready) {
          const list = await catalog.json();
          for (const e of list) ready = ready && !!(await cache.match('/forms/' + e.id + '.json'));
        }
        event.source.postMessage({ tokhaiReady: ready, cache: CACHE });
      })(),
    );
  }
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;

  if (req.mode === 'navigate') {
    // Every address of the app is the same page (client-side routes).
    event.respondWith(
      Promise.race([fetch(req), timeout(4000)])
        .then((res) => (res.ok ? res : caches.match('/', { cacheName: CACHE }).then((c) => c || res)))
        .catch(() => caches.match('/', { cacheName: CACHE }).then((c) => c || Response.error())),
    );
    return;
  }

  if (/\.(js|wasm|css)$/.test(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(req);
        if (hit) return hit;
        const res = await fetch(req);
        if (res.ok) cache.put(req, res.clone());
        return res;
      }),
    );
    return;
  }

  if (url.pathname.endsWith('.json')) {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(req);
        const update = fetch(req)
          .then((res) => {
            if (res.ok) cache.put(req, res.clone());
            return res;
          })
          .catch(() => null);
        if (hit) {
          event.waitUntil(update);
          return hit;
        }
        return (await update) || Response.error();
      }),
    );
  }
});
