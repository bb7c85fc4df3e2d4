// Lighthouse mobile (the default: Moto G Power, simulated 4x CPU and slow 4G)
// on the three public routes, served by tests/e2e/serve.mjs, with Debian's
// Chromium. Prints name=value lines (median of $LH_RUNS runs, default 3,
// taken round robin across the routes):
//   lighthouse_<route>_performance, _tbt_ms (and _tbt_ms_min, _tbt_ms_max:
//   the same build gives anything from ~100 to ~350 ms on CT01 on this
//   2-core machine), _cls, _lcp_ms, _fcp_ms
//
//   node bench/lighthouse.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer } from '../tests/e2e/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(process.env.DIST || path.join(HERE, '..', 'dist'));
const RUNS = Math.max(1, Number.parseInt(process.env.LH_RUNS || '3', 10) || 3);
const ROUTES = [
  ['ct01', '/khai/dang-ky-thuong-tru/nguoi-khai'],
  ['home', '/'],
  ['service', '/dich-vu/dang-ky-thuong-tru'],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await startServer({ root: DIST, port: 0 });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const out = [];
  const all = ROUTES.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [, route]] of ROUTES.entries()) {
      const r = await lighthouse(server.url + route, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      });
      const a = r.lhr.audits;
      all[k].push({
        performance: Math.round((r.lhr.categories.performance.score || 0) * 100),
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        fcp: a['first-contentful-paint'].numericValue,
      });
    }
  }
  for (const [k, [name]] of ROUTES.entries()) {
    const runs = all[k];
    const m = (key) => median(runs.map((r) => r[key]));
    out.push(`lighthouse_${name}_performance=${m('performance')}`);
    out.push(`lighthouse_${name}_tbt_ms=${Math.round(m('tbt'))}`);
    out.push(`lighthouse_${name}_tbt_ms_min=${Math.round(Math.min(...runs.map((r) => r.tbt)))}`);
    out.push(`lighthouse_${name}_tbt_ms_max=${Math.round(Math.max(...runs.map((r) => r.tbt)))}`);
    out.push(`lighthouse_${name}_cls=${m('cls').toFixed(3)}`);
    out.push(`lighthouse_${name}_lcp_ms=${Math.round(m('lcp'))}`);
    out.push(`lighthouse_${name}_fcp_ms=${Math.round(m('fcp'))}`);
  }
  console.log(out.join('\n'));
} finally {
  await chrome.kill();
  await server.close();
}
process.exit(0);
