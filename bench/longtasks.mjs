// The main thread's long tasks once the wasm has arrived, for two or more
// builds side by side: what Lighthouse's TBT is made of, measured on the real
// load (Lighthouse's simulation moves too much between runs to compare two
// builds by it alone).
//
//   DISTS=dist,/tmp/dist-other N=8 node bench/longtasks.mjs [route]
//
// Serves each build with tests/e2e/serve.mjs, loads `route` (default CT01's
// first section) cold N times per build, alternating the builds, in headless
// Chromium at 360x740 with 4x CPU throttling (no network throttling: only the
// work after the wasm counts). Prints per build: the longest task after the
// wasm's response ended (median, and every run), the sum over those tasks of
// what passes 50 ms (median), and the time from the wasm's arrival to
// `<html data-ready="true">` (median). BENCH_VERBOSE=1 prints every run's
// tasks as [start after the wasm, duration] in ms.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const dists = (process.env.DISTS || 'dist').split(',');
const N = Number(process.env.N || 8);
const route = process.argv[2] || '/khai/dang-ky-thuong-tru/nguoi-khai';
for (const d of dists) if (!fs.existsSync(`${d}/index.html`)) throw new Error(`no build in ${d}`);

const servers = [];
for (const root of dists) servers.push(await startServer({ root, port: 0 }));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const results = dists.map(() => ({ longest: [], over: [], ready: [] }));
for (let run = 0; run < N; run++) {
  for (const [k, server] of servers.entries()) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      serviceWorkers: 'block',
    });
    await context.addInitScript(() => {
      window.__lt = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__lt.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
      new MutationObserver(() => {
        if (document.documentElement.dataset.ready === 'true' && !window.__ready) window.__ready = performance.now();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(server.url + route);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60000 });
    // Effects after the takeover (drafts, the portal) run in the next tasks:
    // wait until the main thread has been quiet for a second.
    await page.waitForFunction(
      () => {
        const last = window.__lt.reduce((a, [s, d]) => Math.max(a, s + d), window.__ready);
        return performance.now() - last > 1000;
      },
      null,
      { timeout: 60000, polling: 250 },
    );
    const r = await page.evaluate(() => ({
      ready: window.__ready,
      tasks: window.__lt,
      wasm: (performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm')) || {}).responseEnd || 0,
    }));
    const after = r.tasks.filter(([start]) => start >= r.wasm).map(([s, d]) => [Math.round(s - r.wasm), Math.round(d)]);
    results[k].longest.push(Math.max(0, ...after.map(([, d]) => d)));
    results[k].over.push(after.reduce((a, [, d]) => a + Math.max(0, d - 50), 0));
    results[k].ready.push(Math.round(r.ready - r.wasm));
    if (process.env.BENCH_VERBOSE) console.log(dists[k], JSON.stringify(after));
    await context.close();
  }
}
await browser.close();
for (const s of servers) await s.close?.();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [k, d] of dists.entries()) {
  const r = results[k];
  console.log(
    `${d}: longest_task_ms_median=${median(r.longest)} runs=${JSON.stringify(r.longest)} ` +
      `over_50_ms_median=${median(r.over)} wasm_to_ready_ms_median=${median(r.ready)}`,
  );
}
process.exit(0);
