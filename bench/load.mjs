// Load-time, bytes and typing-latency benchmark of the release build, on an
// emulated low-end phone, beside a plain-HTML reference measured in the same run.
//
//   node bench/load.mjs
//
// Serves dist/ (or $DIST) and bench/reference/ (CT01's first section written
// by hand, no framework) with tests/e2e/serve.mjs (brotli, the caching a
// deployment would use), launches /usr/bin/chromium (or $CHROMIUM) headless
// through playwright-core at 360x740 (DPR 2, mobile, touch), CPU slowed 4x
// and the network at 150 ms RTT / 1.6 Mbps down / 750 kbps up.
//
// Cold loads ($RUNS each, default 5, taken round robin across the routes; a
// fresh browser context each: empty cache, no service worker) of the
// reference, CT01's first section, the catalogue (/) and a service page,
// measuring in the page (time origin = navigation start):
//   first_input_ms   the first frame where the route's first input (CT01:
//                    the first field; /: the search box; the service page:
//                    "Bắt đầu khai") is visible and enabled
//   interactive_ms   the first frame with <html data-ready="true">: the app
//                    has taken over and validation works (the reference sets
//                    it when its script has run)
//   bytes            body bytes the server sent until then (brotli)
// then, on CT01 and the reference, 20 keystrokes: keydown -> next frame.
// A first visit with the service worker allowed: every byte sent in its
// first 30 s (first_visit_bytes), then a return visit (reload) with the
// worker in place: return_interactive_ms, beside the reference's.
//
// Output (name=value): per route <route>_first_input_ms_median/_min/_max,
// <route>_interactive_ms_median, <route>_bytes (median), ratios to the
// reference, keystroke p50/p95, first visit and return visit.
//
// Environment:
//   DIST=dir                 build to serve (default <repo>/dist)
//   RUNS=n                   cold loads per route (default 5)
//   NO_NETWORK_THROTTLE=1    no network emulation (CPU throttling stays)
//   FIRST_VISIT_S=s          length of the first-visit window (default 30)
//   CHROMIUM=path            browser binary (default /usr/bin/chromium)
//   BENCH_TIMEOUT_MS=ms      per-run readiness timeout (default 60000)
//   BENCH_VERBOSE=1          per-run lines on stderr
//   ONLY=home,ct01           only these routes (and the reference), no first
//                            or return visit: for trying one change quickly

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(process.env.DIST || path.join(HERE, '..', 'dist'));
const RUNS = Math.max(1, Number.parseInt(process.env.RUNS || '5', 10) || 5);
const NETWORK = !['1', 'true', 'yes'].includes((process.env.NO_NETWORK_THROTTLE || '').toLowerCase());
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS || 60000);
const VERBOSE = !!process.env.BENCH_VERBOSE;

const REFERENCE = path.join(HERE, 'reference');
const FIRST_VISIT_S = Number(process.env.FIRST_VISIT_S || 30);
const ONLY = (process.env.ONLY || '').split(',').filter(Boolean);
const ALL_ROUTES = [
  { name: 'ct01', path: '/khai/dang-ky-thuong-tru/nguoi-khai', first: 'main input:not([type=hidden])' },
  { name: 'home', path: '/', first: '#search' },
  { name: 'service', path: '/dich-vu/dang-ky-thuong-tru', first: 'main a.tk-button--start' },
];
const ROUTES = ONLY.length ? ALL_ROUTES.filter((r) => ONLY.includes(r.name)) : ALL_ROUTES;
const TEXT = 'Nguyen Thi Minh Khai'; // 20 characters
const CPU_RATE = 4;
const NET = {
  offline: false,
  latency: 150, // ms
  downloadThroughput: 200000, // bytes/s = 1.6 Mbps
  uploadThroughput: 93750, // bytes/s = 750 kbps
};

const log = (...a) => VERBOSE && console.error('[load]', ...a);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Nearest-rank percentile.
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

const fmt = (x) => x.toFixed(1);

// Runs in the page on every animation frame: the page-side performance.now()
// of the first frame where `selector` is visible and enabled (and, with
// `ready`, <html data-ready="true"> is set); false until then.
function probe({ selector, ready }) {
  if (ready && document.documentElement.getAttribute('data-ready') !== 'true') return false;
  const el = document.querySelector(selector);
  if (!el || (el.matches('input,select,textarea,button') && !el.matches(':enabled'))) return false;
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return false;
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || cs.visibility === 'collapse') return false;
  return performance.now();
}

function installKeystrokeProbe() {
  const w = window;
  w.__bench_ks = [];
  w.__bench_armed = false;
  w.addEventListener(
    'keydown',
    () => {
      if (!w.__bench_armed) return;
      w.__bench_armed = false;
      const t0 = performance.now();
      requestAnimationFrame(() => w.__bench_ks.push(performance.now() - t0));
    },
    { capture: true },
  );
}

async function phone(browser, { serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    screen: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  if (NETWORK) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NET);
  }
  return { context, page, errors };
}

async function waitFor(page, arg, what, errors) {
  try {
    const h = await page.waitForFunction(probe, arg, { polling: 'raf', timeout: TIMEOUT });
    const v = await h.jsonValue();
    await h.dispose();
    return v;
  } catch (e) {
    throw new Error(`${page.url()}: ${what} not reached in ${TIMEOUT} ms` +
      (errors.length ? `; page errors: ${errors.join(' | ')}` : '') + `: ${e.message.split('\n')[0]}`);
  }
}

async function keystrokes(page, selector) {
  await page.evaluate(installKeystrokeProbe);
  const input = page.locator(selector).first();
  await input.focus();
  const samples = [];
  for (const ch of TEXT) {
    const n = samples.length;
    await page.evaluate(() => { window.__bench_armed = true; });
    await page.keyboard.type(ch);
    await page.waitForFunction((k) => window.__bench_ks.length > k, n, { polling: 'raf', timeout: 10000 });
    samples.push(await page.evaluate((k) => window.__bench_ks[k], n));
  }
  return samples;
}

/** One cold load of `route` from `server`: first input, interactive, bytes. */
async function coldLoad(browser, server, route, i, typing) {
  const { context, page, errors } = await phone(browser);
  try {
    server.stats.reset();
    await page.goto(server.url + route.path, { waitUntil: 'commit', timeout: TIMEOUT });
    const first = await waitFor(page, { selector: route.first, ready: false }, 'first input', errors);
    const interactive = await waitFor(page, { selector: route.first, ready: true }, 'data-ready', errors);
    const bytes = server.stats.bytes;
    const samples = typing ? await keystrokes(page, route.first) : [];
    log(`${route.name} run ${i + 1}: first input ${fmt(first)} ms, interactive ${fmt(interactive)} ms, ${bytes} B` +
      (VERBOSE ? ` (${server.stats.files.map(([u, n]) => `${u}:${n}`).join(' ')})` : ''));
    return { first, interactive, bytes, samples };
  } finally {
    await context.close().catch(() => {});
  }
}

/** A first visit with the service worker allowed (bytes in the first
 * FIRST_VISIT_S seconds), then a return visit. */
async function visits(browser, server, route) {
  const { context, page, errors } = await phone(browser, { serviceWorkers: 'allow' });
  try {
    server.stats.reset();
    const t0 = Date.now();
    await page.goto(server.url + route.path, { waitUntil: 'commit', timeout: TIMEOUT });
    await waitFor(page, { selector: route.first, ready: true }, 'data-ready', errors);
    await page.waitForTimeout(Math.max(0, FIRST_VISIT_S * 1000 - (Date.now() - t0)));
    const firstVisit = server.stats.bytes;
    log(`${route.name} first visit: ${firstVisit} B (${server.stats.files.map(([u, n]) => `${u}:${n}`).join(' ')})`);
    const controlled = await page.evaluate(() => !!navigator.serviceWorker?.controller);
    server.stats.reset();
    await page.reload({ waitUntil: 'commit' });
    const again = await waitFor(page, { selector: route.first, ready: true }, 'data-ready (return)', errors);
    return { firstVisit, returnInteractive: again, returnBytes: server.stats.bytes, controlled };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html not found: there is no build to measure; run make bench, which builds first`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM} (set CHROMIUM=...)`);

  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new Error(`cannot load playwright-core (npm install in the repo root?): ${e.message}`);
  }

  const app = await startServer({ root: DIST, port: 0 });
  const ref = await startServer({ root: REFERENCE, port: 0 });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const out = [];
    // Round robin: run i of every route (the reference first), then run i+1,
    // so that the machine's drift during the run weighs on all of them alike.
    const REF = { name: 'reference', path: '/', first: 'main input' };
    const all = [[ref, REF, true], ...ROUTES.map((r) => [app, r, r.name === 'ct01'])];
    const runs = all.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      for (const [k, [server, route, typing]] of all.entries()) runs[k].push(await coldLoad(browser, server, route, i, typing));
    }
    const measured = runs.map((rs) => ({
      first: rs.map((r) => r.first),
      interactive: rs.map((r) => r.interactive),
      bytes: rs.map((r) => r.bytes),
      samples: rs.flatMap((r) => r.samples),
    }));
    const reference = measured[0];
    const refFirst = median(reference.first);
    out.push(`reference_first_input_ms_median=${fmt(refFirst)}`);
    out.push(`reference_interactive_ms_median=${fmt(median(reference.interactive))}`);
    out.push(`reference_bytes=${median(reference.bytes)}`);
    out.push(`reference_keystroke_to_frame_ms_p95=${fmt(percentile(reference.samples, 95))}`);
    let ct01Bytes = 0;
    for (const [k, route] of ROUTES.entries()) {
      const m = measured[k + 1];
      const first = median(m.first);
      out.push(`${route.name}_first_input_ms_median=${fmt(first)}`);
      out.push(`${route.name}_first_input_ms_min=${fmt(Math.min(...m.first))}`);
      out.push(`${route.name}_first_input_ms_max=${fmt(Math.max(...m.first))}`);
      out.push(`${route.name}_first_input_ratio_to_reference=${(first / refFirst).toFixed(2)}`);
      out.push(`${route.name}_interactive_ms_median=${fmt(median(m.interactive))}`);
      out.push(`${route.name}_bytes=${median(m.bytes)}`);
      if (route.name === 'ct01') {
        ct01Bytes = median(m.bytes);
        out.push(`keystroke_to_frame_ms_p50=${fmt(percentile(m.samples, 50))}`);
        out.push(`keystroke_to_frame_ms_p95=${fmt(percentile(m.samples, 95))}`);
      }
    }
    if (ONLY.length) {
      console.log(out.join('\n'));
      return;
    }
    const v = await visits(browser, app, ROUTES[0]);
    const r = await visits(browser, ref, { name: 'reference', path: '/', first: 'main input' });
    out.push(`first_visit_bytes=${v.firstVisit}`);
    out.push(`first_visit_ratio_to_filing=${(v.firstVisit / ct01Bytes).toFixed(2)}`);
    out.push(`return_interactive_ms=${fmt(v.returnInteractive)}`);
    out.push(`return_bytes=${v.returnBytes}`);
    out.push(`return_service_worker=${v.controlled}`);
    out.push(`reference_return_interactive_ms=${fmt(r.returnInteractive)}`);
    out.push(`return_ratio_to_reference=${(v.returnInteractive / r.returnInteractive).toFixed(2)}`);
    out.push(`cpu_throttle=${CPU_RATE}`);
    out.push(`network=${NETWORK ? '150ms/1.6Mbps' : 'none'}`);
    console.log(out.join('\n'));
  } finally {
    if (browser) await browser.close().catch(() => {});
    await app.close().catch(() => {});
    await ref.close().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`load: ${VERBOSE && e && e.stack ? e.stack : (e && e.message) || e}`);
    process.exit(1);
  },
);
