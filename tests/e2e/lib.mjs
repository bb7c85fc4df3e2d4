// Shared set-up for the end-to-end tests: the built site served on 127.0.0.1
// (brotli, SPA fallback), Debian's Chromium at a 360x740 phone size, and axe.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
/** The build output the tests serve. */
export const DIST = root;

/** Every address with a prerendered page in dist/ (crates/prerender): `/`,
 * `/dich-vu/{id}`, `/khai/{id}/{first section}`. */
export function prerenderedPages() {
  const out = [];
  if (fs.existsSync(path.join(root, 'index.html'))) out.push('/');
  for (const id of fs.readdirSync(path.join(root, 'dich-vu')).sort()) out.push(`/dich-vu/${id}`);
  for (const id of fs.readdirSync(path.join(root, 'khai')).sort()) {
    for (const section of fs.readdirSync(path.join(root, 'khai', id))) out.push(`/khai/${id}/${section}`);
  }
  return out;
}
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every IndexedDB record of the app, with bytes turned into text (to search it). */
export async function records(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('tokhai');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('drafts')) return resolve([]);
      const all = db.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => resolve(all.result.map((r) => JSON.stringify(r, (k, v) =>
        v instanceof Uint8Array ? new TextDecoder().decode(v) : v)));
    };
  }));
}

/** Waits until the page says its draft was saved ("Đã lưu nháp lúc 10:02"). */
export const saved = (page) => page.locator('#save-status').filter({ hasText: /Đã lưu nháp lúc \d\d:\d\d/ }).waitFor();

/** Waits until the whole app (the second bundle) has taken over the page.
 * From the filing bundle an address of the whole app (`/ho-so/{code}`, where
 * the outbox goes once it has filed) is a new page load: `waitForURL`
 * resolves on the address, and the page before it also says data-ready. */
export const wholeApp = (page) => page.waitForSelector('html[data-bundle="whole"][data-ready="true"]');

/** Waits until `check()` (async, run in Node) holds, polling; fails after `ms`. */
export async function until(check, what, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not so after ${ms} ms`);
}

/** Starts the server and a phone-sized page; returns helpers bound to it.
 * Service workers are blocked unless asked for (`{ serviceWorkers: 'allow' }`),
 * so that other tests see the network as it is. */
export async function open({ serviceWorkers = 'block', site = root } = {}) {
  const server = await startServer({ root: site, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN', serviceWorkers,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return {
    page,
    server,
    context,
    browser,
    /** Navigates and waits for the app to mount. */
    async goto(p) {
      await page.goto(server.url + p);
      await page.waitForSelector('html[data-ready="true"]');
    },
    /** Goes to an address inside the app without reloading it (memory, e.g. an assisted session's key, stays). */
    async nav(p) {
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate', { state: null }));
      }, p);
      await page.waitForFunction((to) => location.pathname === to, p);
    },
    /** Runs axe (WCAG 2.2 AA) on this page (or on `on`) and fails on any violation. */
    async axe(label, on = page) {
      const result = await new AxeBuilder({ page: on }).withTags(TAGS).analyze();
      const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, [], `axe violations on ${label}`);
    },
    /** Signs in with the VNeID simulator as a seed citizen. */
    async signIn(name) {
      await this.goto('/dang-nhap');
      await page.getByRole('button', { name: `Đăng nhập là ${name}` }).click();
      await page.getByText(`Đã đăng nhập: ${name}`).waitFor();
    },
    /** Moves a dossier from the tester console (`/can-bo`): `which` is its
     * code, or `{ group, part }` for one part of a linked application. */
    async officer(which, event, { reason = '', ask = [], key = null } = {}) {
      await this.goto('/can-bo');
      if (key) { // a portal server's console asks for the officers' key first
        await page.locator('#officer-key').fill(key);
        await page.locator('#officer-open').click();
      }
      const button = typeof which === 'string'
        ? page.getByRole('button', { name: `Xử lý ${which}` })
        : page.locator(`button[data-group="${which.group}"][data-part="${which.part}"]`);
      await button.click();
      await page.locator('#officer-event').selectOption({ label: event });
      if (reason) await page.locator('#officer-reason').fill(reason);
      for (const id of ask) await page.locator(`#ask-${id}`).check();
      await page.locator('#officer-apply').click();
      await page.getByText('Đã cập nhật trạng thái hồ sơ.').waitFor();
    },
    heading: () => page.locator('h1').innerText(),
    cont: () => page.getByRole('button', { name: 'Tiếp tục' }).click(),
    focused: () => page.evaluate(() => document.activeElement.id),
    async close() {
      assert.deepEqual(errors.map(String), [], 'no uncaught errors in the page');
      await browser.close();
      await server.close();
    },
  };
}
