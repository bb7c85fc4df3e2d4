// Load-time and typing-latency benchmark of the release build, on an
// emulated low-end phone.
//
//   node bench/load.mjs
//
// Serves dist/ (or $DIST) with tests/e2e/serve.mjs on a free port, launches
// /usr/bin/chromium (or $CHROMIUM) headless through playwright-core at a
// 360x740 viewport (DPR 2, mobile, touch), with CDP CPU throttling x4 and
// network emulation 150 ms RTT / 1.6 Mbps down / 750 kbps up.
//
// Each of $RUNS (default 5) runs uses a fresh browser context (empty HTTP
// cache, no service workers) and:
//   1. navigates to /khai/dang-ky-thuong-tru/nguoi-khai and takes, inside the
//      page, performance.now() (origin = navigation start) at the first
//      animation frame where <html data-ready="true"> is set AND the first
//      `main input:not([type=hidden]):not([disabled])` is visible and enabled;
//   2. focuses that input and types 20 characters one at a time; for each,
//      a capture-phase keydown listener on window records performance.now()
//      and the next requestAnimationFrame callback records the delta.
//
// Output (name=value):
//   ct01_interactive_ms_median / _min / _max   over the runs
//   keystroke_to_frame_ms_p50 / _p95           over all keystrokes of all runs
//   cpu_throttle=4, network=150ms/1.6Mbps (or network=none)
//
// Environment:
//   DIST=dir                 build to serve (default <repo>/dist)
//   RUNS=n                   number of cold loads (default 5)
//   NO_NETWORK_THROTTLE=1    no network emulation (CPU throttling stays)
//   CHROMIUM=path            browser binary (default /usr/bin/chromium)
//   BENCH_TIMEOUT_MS=ms      per-run readiness timeout (default 60000)
//   BENCH_VERBOSE=1          per-run lines on stderr

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

const ROUTE = '/khai/dang-ky-thuong-tru/nguoi-khai';
const INPUT = 'main input:not([type=hidden]):not([disabled])';
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

// Runs in the page on every animation frame until ready; returns the
// page-side performance.now() of that frame (time origin = navigation start).
function readyProbe(selector) {
  if (document.documentElement.getAttribute('data-ready') !== 'true') return false;
  const el = document.querySelector(selector);
  if (!el || !el.matches(':enabled')) return false;
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

async function oneRun(browser, baseUrl, i) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    screen: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    if (NETWORK) {
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', NET);
    }

    await page.goto(baseUrl + ROUTE, { waitUntil: 'commit', timeout: TIMEOUT });
    let handle;
    try {
      handle = await page.waitForFunction(readyProbe, INPUT, { polling: 'raf', timeout: TIMEOUT });
    } catch (e) {
      const state = await page
        .evaluate(
          (sel) => ({
            ready: document.documentElement.getAttribute('data-ready') ?? '(absent)',
            inputs: document.querySelectorAll(sel).length,
            url: location.href,
          }),
          INPUT,
        )
        .catch(() => null);
      throw new Error(
        `run ${i + 1}: page not ready after ${TIMEOUT} ms ` +
          `(html[data-ready]=${state?.ready ?? '?'}, matching inputs=${state?.inputs ?? '?'}, url=${state?.url ?? '?'})` +
          (errors.length ? `; page errors: ${errors.join(' | ')}` : '') +
          `: ${e.message.split('\n')[0]}`,
      );
    }
    const interactive = await handle.jsonValue();
    await handle.dispose();

    // Keystroke -> next frame.
    await page.evaluate(installKeystrokeProbe);
    const input = page.locator(INPUT).first();
    await input.focus();
    const samples = [];
    for (const ch of TEXT) {
      const n = samples.length;
      await page.evaluate(() => {
        window.__bench_armed = true;
      });
      await page.keyboard.type(ch);
      await page.waitForFunction((k) => window.__bench_ks.length > k, n, { polling: 'raf', timeout: 10000 });
      samples.push(await page.evaluate((k) => window.__bench_ks[k], n));
    }
    const typed = await input.inputValue();
    if (!typed.endsWith(TEXT)) {
      log(`run ${i + 1}: warning: input value is ${JSON.stringify(typed)} after typing`);
    }
    if (errors.length) log(`run ${i + 1}: page errors: ${errors.join(' | ')}`);
    log(`run ${i + 1}: interactive ${fmt(interactive)} ms, keystrokes p50 ${fmt(median(samples))} ms`);
    return { interactive, samples };
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

  const server = await startServer({ root: DIST, port: 0 });
  let browser;
  try {
    log(`serving ${DIST} on ${server.url}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const times = [];
    const keys = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await oneRun(browser, server.url, i);
      times.push(r.interactive);
      keys.push(...r.samples);
    }
    console.log(
      [
        `ct01_interactive_ms_median=${fmt(median(times))}`,
        `ct01_interactive_ms_min=${fmt(Math.min(...times))}`,
        `ct01_interactive_ms_max=${fmt(Math.max(...times))}`,
        `keystroke_to_frame_ms_p50=${fmt(percentile(keys, 50))}`,
        `keystroke_to_frame_ms_p95=${fmt(percentile(keys, 95))}`,
        `cpu_throttle=${CPU_RATE}`,
        `network=${NETWORK ? '150ms/1.6Mbps' : 'none'}`,
      ].join('\n'),
    );
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`load: ${VERBOSE && e && e.stack ? e.stack : (e && e.message) || e}`);
    process.exit(1);
  },
);
