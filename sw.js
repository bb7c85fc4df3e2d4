// Tờ Khai's service worker: after the first visit the pages the citizen
// opened work with no connection, without downloading the whole site on a
// metered phone.
//
// - One cache per release, named by the version in the registration URL
//   (index.html registers `/sw.js?v=<hashed app file name>`). A new release
//   fills its own cache before it takes over (the shell, and what the citizen
//   had cached before, fetched again from this release), then the caches of
//   older releases are deleted. The JS and wasm file names carry content
//   hashes and always come from the same shell, so old JS never meets new wasm.
// - At install: the shell (`/shell.html`, the filing bundle's JS and wasm:
//   the browser already has them, so this costs no download) and the pages
//   open in this browser. Then, as the citizen goes: each prerendered page
//   opened, and the data it needs (a form's definition and the catalogue for
//   a form page); the whole app's bundle (the pages off the filing path,
//   `data-more` in the shell) when first opened, or with everything else.
// - Everything else (every form, every ward, the simulator's citizens) only
//   when asked: the page's "Tải về để dùng khi mất mạng" (message
//   `tokhai-download-all`), an assisted session on a team's device, or a
//   connection the browser says is unmetered (Wi-Fi or Ethernet, no
//   Save-Data). Once asked, later releases fetch it all again.
// - Only public files of this site, never anything personal: the app makes no
//   other requests (drafts live in IndexedDB, not here).
// - Pages: network first (a 4-second wait on a poor connection), then the
//   cached page, then the cached shell. Hashed files: cache first. Data
//   files: the cached copy at once, refreshed in the background.
'use strict';

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const CACHE = 'tokhai-' + VERSION;
const PREFIX = 'tokhai-';
const SHELL = '/shell.html';
// Remembered in the cache: the citizen asked for everything (kept across releases).
const ALL_MARK = '/__tokhai/offline-all';
// Addresses that have a prerendered page of their own.
const PAGE = /^\/(?:dich-vu\/[^/]+|khai\/[^/]+\/[^/]+)?\/?$/;

async function precacheShell(cache) {
  const res = await fetch(SHELL, { cache: 'no-cache' });
  if (!res.ok) throw new Error('shell ' + res.status);
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const found = new Set();
  for (const m of html.matchAll(/(?:href|src|data-js|data-wasm)=["']?(\/[^"' >]+\.(?:js|wasm|css))/g)) found.add(m[1]);
  for (const m of html.matchAll(/['"](\/[^'"]+\.(?:js|wasm))['"]/g)) found.add(m[1]);
  await cache.addAll([...found]);
}

// The data a page needs offline beyond itself: a form page its definition
// (the later sections are rendered from it) and the catalogue (check answers).
function dataFor(pathname) {
  const form = pathname.match(/^\/khai\/([a-z][a-z0-9_-]*)(\/|$)/);
  return form ? ['/forms/' + form[1] + '.json', '/forms/catalog.json'] : [];
}

async function keep(cache, urls) {
  // One at a time: a cheap phone on 3G should not open many requests at once.
  for (const url of urls) {
    if (!(await cache.match(url))) await cache.add(url).catch(() => {});
  }
}

async function keepPage(cache, pathname) {
  const key = pathname.replace(/(.)\/$/, '$1');
  if (PAGE.test(key) && !(await cache.match(key))) {
    const res = await fetch(key, { cache: 'no-cache' }).catch(() => null);
    if (res && res.ok) await cache.put(key, res);
  }
  await keep(cache, dataFor(key));
}

// The whole app's bundle (the pages off the filing path), named in the shell.
async function wholeApp(cache) {
  const shell = await cache.match(SHELL);
  const m = shell && (await shell.text()).match(/data-more=["']?(\/[^"' >]+)/);
  return m ? [m[1] + '.js', m[1] + '_bg.wasm'] : [];
}

async function everything(cache) {
  const catalog = await fetch('/forms/catalog.json').then((r) => r.json()).catch(() => []);
  const provinces = await fetch('/units/provinces.json').then((r) => r.json()).catch(() => []);
  const citizens = await fetch('/citizens/index.json').then((r) => r.json()).catch(() => []);
  const urls = ['/forms/catalog.json', '/units/provinces.json', '/citizens/index.json']
    .concat(await wholeApp(cache))
    .concat(catalog.map((e) => '/forms/' + e.id + '.json'))
    .concat(provinces.map((p) => '/units/' + p.code + '.json'))
    .concat(citizens.map((c) => '/citizens/' + c.file));
  await keep(cache, urls);
  let missing = 0;
  for (const url of urls) if (!(await cache.match(url))) missing++;
  if (!missing) await cache.put(ALL_MARK, new Response('1'));
  return missing === 0;
}

function unmetered() {
  const c = self.navigator && self.navigator.connection;
  return !!c && !c.saveData && (c.type === 'wifi' || c.type === 'ethernet');
}

// What older releases had cached for this citizen, fetched again from this one.
async function carriedOver() {
  const urls = new Set();
  let all = false;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    if (await old.match(ALL_MARK)) all = true;
    for (const req of await old.keys()) {
      const u = new URL(req.url);
      if (u.pathname.endsWith('.json') || PAGE.test(u.pathname)) urls.add(u.pathname);
    }
  }
  return { urls: [...urls], all };
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await precacheShell(cache);
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const c of open) {
        const u = new URL(c.url);
        if (u.origin === self.location.origin) await keepPage(cache, u.pathname);
      }
      const before = await carriedOver();
      for (const url of before.urls) {
        if (url.endsWith('.json')) await keep(cache, [url]);
        else await keepPage(cache, url);
      }
      if (before.all) await everything(cache);
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
      if (unmetered()) await everything(await caches.open(CACHE));
    })(),
  );
});

async function reply(event, message) {
  if (event.source) event.source.postMessage(message);
}

self.addEventListener('message', (event) => {
  const kind = event.data && (event.data.type || event.data);
  if (kind === 'tokhai-ready?') {
    // The shell and the page asked about (default: the sender's) are cached.
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        let ready = !!(await cache.match(SHELL));
        const path = (event.data && event.data.path) || (event.source && new URL(event.source.url).pathname);
        if (ready && path && PAGE.test(path)) ready = !!(await cache.match(path.replace(/(.)\/$/, '$1')));
        for (const url of path ? dataFor(path) : []) ready = ready && !!(await cache.match(url));
        reply(event, { tokhaiReady: ready, cache: CACHE });
      })(),
    );
  } else if (kind === 'tokhai-download-all') {
    event.waitUntil(
      (async () => {
        const done = await everything(await caches.open(CACHE));
        reply(event, { tokhaiDownloaded: done, cache: CACHE });
      })(),
    );
  } else if (kind === 'tokhai-download-all?') {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        reply(event, { tokhaiAll: !!(await cache.match(ALL_MARK)), cache: CACHE });
      })(),
    );
  }
});

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

async function fromCache(key) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) || (await cache.match(SHELL));
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;

  if (req.mode === 'navigate') {
    const key = url.pathname.replace(/(.)\/$/, '$1');
    event.respondWith(
      Promise.race([fetch(req), timeout(4000)])
        .then(async (res) => {
          if (!res.ok) return (await fromCache(key)) || res;
          if (PAGE.test(key)) {
            const cache = await caches.open(CACHE);
            await cache.put(key, res.clone());
            event.waitUntil(keep(cache, dataFor(key)));
          }
          return res;
        })
        .catch(async () => (await fromCache(key)) || Response.error()),
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

  // A data source's records are a citizen's data, asked live: never kept by the worker.
  if (url.pathname.startsWith('/sources/')) return;

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
