// Nothing lost (issue #6), on the release build at phone size with axe:
// drafts survive a reload and resume where they were, attachments included;
// a full or missing storage is said and nothing typed is lost; offline, the
// app opens from the service worker and a dossier sent then waits in the
// outbox and is sent exactly once when the connection returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, records, saved, until, wholeApp } from './lib.mjs';
import { walk } from './walk.mjs';

const CT01 = 'dang-ky-thuong-tru';


test('a half-filled form survives a reload at the same section, attachment included, and can be deleted', async () => {
  const t = await open();
  const { page } = t;
  try {
    await t.signIn('Nguyễn Văn An');
    await walk(t, CT01, { until: 'giay-to' });
    await page.getByLabel('Giấy tờ chứng minh chỗ ở hợp pháp').setInputFiles({
      name: 'hop-dong-thue-nha.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 hợp đồng thuê nhà'),
    });
    await saved(page);
    await t.axe('section with the draft status');
    const stored = (await records(page)).join('\n');
    assert.match(stored, /hop-dong-thue-nha\.pdf/, 'the attachment is in the draft');
    assert.match(stored, /hợp đồng thuê nhà/, 'with its bytes');

    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.match(page.url(), /\/khai\/dang-ky-thuong-tru\/giay-to$/);
    await page.getByRole('button', { name: 'Gỡ tệp hop-dong-thue-nha.pdf' }).waitFor();
    await t.goto(`/khai/${CT01}/noi-dung`);
    assert.notEqual(await page.locator('#f-noi_dung').inputValue(), '', 'typed answers of an earlier section are back');
    await t.goto(`/khai/${CT01}/nguoi-khai`);
    assert.equal(await page.locator('#f-ho_ten').evaluate((e) => e.tagName), 'P', 'registry answers come back locked, as they were');
    assert.match(await page.locator('#f-ho_ten').innerText(), /Nguyễn Văn An/i);
    // Opening this section is saved too (600 ms later): the closed tab below resumes here.
    await saved(page);

    // A closed tab: in a new tab of the same browser the citizen signs in again and finds the draft.
    const other = await t.context.newPage();
    await other.goto(t.server.url + '/ho-so-dang-khai');
    await other.waitForSelector('html[data-ready="true"]');
    await other.locator('#drafts-sign-in').waitFor();
    await other.goto(t.server.url + '/dang-nhap');
    await other.getByRole('button', { name: 'Đăng nhập là Nguyễn Văn An' }).click();
    await other.getByText('Đã đăng nhập: Nguyễn Văn An').waitFor();
    await other.getByRole('link', { name: 'Hồ sơ đang khai' }).first().click();
    const card = other.locator(`#draft-${CT01}`);
    await card.getByRole('heading', { name: 'Đăng ký thường trú' }).waitFor();
    assert.match(await card.innerText(), /Sửa lần cuối: \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    assert.match(await card.innerText(), /Đã xong [1-9]\/\d+ phần/);
    await new (await import('@axe-core/playwright')).default({ page: other }).withTags(['wcag2aa', 'wcag22aa']).analyze()
      .then((r) => assert.deepEqual(r.violations.map((v) => v.id), [], 'axe on the drafts list'));
    await card.getByRole('link', { name: /Tiếp tục khai/ }).click();
    // Resumes at the section opened last (the first one, visited after the reload).
    await other.waitForURL(/\/khai\/dang-ky-thuong-tru\/nguoi-khai$/);
    await other.goto(t.server.url + '/ho-so-dang-khai');
    await other.waitForSelector('html[data-ready="true"]');
    await other.locator(`#draft-${CT01}`).getByRole('button', { name: /Xoá bản nháp/ }).click();
    assert.match(await other.locator('#confirm-delete').innerText(), /không khôi phục được/);
    // Focus moves to the question once it is drawn.
    await other.waitForFunction(() => document.activeElement?.id === 'confirm-delete');
    await other.locator('#delete-yes').click();
    await other.locator('#no-drafts').waitFor();
    assert.deepEqual(await records(other), [], 'nothing left in IndexedDB');
    await other.close();
  } finally {
    await t.close();
  }
});

test('a full storage is said, nothing typed is lost, and saving resumes when there is room', async () => {
  const t = await open();
  const { page } = t;
  try {
    await t.goto(`/khai/${CT01}/nguoi-khai`);
    const cdp = await t.context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: t.server.url, quotaSize: 1 });
    await page.locator('#f-ho_ten').fill('Nguyễn Thị Hạnh');
    const alert = page.locator('#save-problem');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Bộ nhớ của trình duyệt đã đầy/);
    await t.axe('storage full');
    assert.equal(await page.locator('#f-ho_ten').inputValue(), 'Nguyễn Thị Hạnh', 'the answer stays on the page');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: t.server.url });
    await page.locator('#f-email').fill('hanh@example.com');
    await saved(page);
    await alert.waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForFunction(() => document.querySelector('#f-ho_ten')?.value === 'Nguyễn Thị Hạnh');
  } finally {
    await t.close();
  }
});

test('without IndexedDB (some private modes) the app says so and keeps the answers in memory', async () => {
  const t = await open();
  const { page } = t;
  try {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await t.goto(`/khai/${CT01}/nguoi-khai`);
    await page.locator('#save-problem').waitFor();
    assert.match(await page.locator('#save-problem').innerText(), /chế độ riêng tư/);
    await t.axe('no storage');
    await page.locator('#f-ho_ten').fill('Lò Văn Pằng');
    await page.getByRole('link', { name: 'Quay lại' }).click();
    await page.waitForURL(/\/$/);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('#f-ho_ten')?.value === 'Lò Văn Pằng');
  } finally {
    await t.close();
  }
});

/** Asks the service worker whether the shell (and this page, with its data) is cached. */
async function offlineReady(page) {
  for (let i = 0; i < 120; i++) {
    const ready = await page.evaluate(() => new Promise((resolve) => {
      const sw = navigator.serviceWorker.controller;
      if (!sw) return resolve(false);
      navigator.serviceWorker.addEventListener('message', (e) => resolve(!!e.data?.tokhaiReady), { once: true });
      sw.postMessage('tokhai-ready?');
      setTimeout(() => resolve(false), 2000);
    }));
    if (ready) return;
    await page.waitForTimeout(500);
  }
  throw new Error('the service worker never had everything cached');
}

/** The addresses in the service worker's (one) cache. */
const cachedPaths = (page) => page.evaluate(async () => {
  const c = await caches.open((await caches.keys())[0]);
  return (await c.keys()).map((r) => new URL(r.url).pathname);
});

const dossierCount = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('tokhai.portal') || '{"dossiers":[]}').dossiers.length);

test('a change made just before the page is reloaded is kept: the draft is saved as the page is left', async () => {
  const t = await open();
  const { page } = t;
  try {
    await t.goto(`/khai/${CT01}/nguoi-khai`);
    await page.locator('#f-ho_ten').fill('Lê Văn Tám');
    await page.reload(); // well within the quiet time after which a draft is saved
    await page.waitForSelector('html[data-ready="true"]');
    await until(async () => (await page.locator('#f-ho_ten').inputValue()) === 'Lê Văn Tám', 'the answer back after the reload');
  } finally {
    await t.close();
  }
});

test('offline: the app opens from the cache, a dossier waits in the outbox and is sent exactly once when online', async () => {
  const t = await open({ serviceWorkers: 'allow' });
  const { page, context } = t;
  try {
    await t.signIn('Nguyễn Văn An');
    await offlineReady(page);
    // A first visit caches what was opened; the rest when the citizen asks.
    await page.locator('#download-offline').click();
    await page.locator('#offline-status').getByText('Đã tải xong').waitFor({ timeout: 60000 });
    const names = await page.evaluate(() => caches.keys());
    assert.equal(names.length, 1, 'one versioned cache');
    assert.match(names[0], /^tokhai-/);

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.locator('#offline-banner').waitFor();
    assert.match(await page.locator('#offline-banner').innerText(), /ngoại tuyến/);
    await t.axe('offline banner');
    await walk(t, CT01);
    await page.locator('#send').click();
    await page.locator('#outbox').waitFor();
    assert.match(await page.locator('#outbox').innerText(), /Chờ gửi/);
    await t.axe('outbox');
    assert.equal(await dossierCount(page), 0, 'nothing sent while offline');

    // While it waits, its answers are closed: what is sent is what was confirmed.
    const noiDung = page.locator('#f-noi_dung');
    await page.getByRole('link', { name: /Thay đổi.*Nội dung/ }).first().click();
    await page.locator('#outbox-frozen').waitFor();
    assert.equal(await noiDung.isDisabled(), true, 'a waiting answer cannot be edited');
    await t.axe('waiting answers, closed');
    // Taken out of the queue, it can be changed, and confirmed again with the change.
    await page.locator('#unqueue').click();
    await page.locator('#outbox-frozen').waitFor({ state: 'detached' });
    await noiDung.fill('Đăng ký thường trú tại nhà con trai (sửa khi chờ gửi)');
    await page.locator('#continue').click();
    await page.waitForURL(/\/kiem-tra$/);
    assert.equal(await page.locator('#outbox').count(), 0, 'nothing waits after it was taken out');
    await page.locator('#send').click();
    await page.locator('#outbox').waitFor();

    // Still offline, the app is opened again: the dossier still waits.
    // (the draft is JSON inside the record, so its quotes are escaped here)
    await until(async () => (await records(page)).some((r) => /outbox\\?"\s*:\s*\{/.test(r) && r.includes('sửa khi chờ gửi')),
      'the outbox, as confirmed the second time, saved in the draft');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await t.goto('/ho-so-dang-khai');
    await page.locator(`#draft-${CT01}`).getByText('Chờ gửi').waitFor().catch(async (e) => {
      // Which went wrong: the dossier was filed while offline, or its draft lost.
      throw new Error(`${e.message}\ndossiers filed: ${await dossierCount(page)}; drafts stored: ${(await records(page)).length}`);
    });
    await page.locator(`#draft-${CT01}`).getByRole('link', { name: /Tiếp tục khai/ }).click();
    await page.locator('#outbox').waitFor();

    await context.setOffline(false);
    await page.waitForURL(/\/ho-so\/[^/]+$/, { timeout: 10000 });
    await wholeApp(page);
    const code = decodeURIComponent(page.url().split('/ho-so/')[1]);
    assert.match(code, /^[A-Z0-9.-]+$/);
    assert.equal(await dossierCount(page), 1);
    const sent = await page.evaluate(() => JSON.parse(localStorage.getItem('tokhai.portal')).dossiers[0]);
    assert.match(JSON.stringify(sent), /sửa khi chờ gửi/, 'the dossier carries the answer as confirmed the second time');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    // Nothing more may happen: give the app's 2-second refresh and the outbox a
    // chance to send again (a negative check, so a bounded wait, not a condition).
    await page.waitForTimeout(2500);
    assert.equal(await dossierCount(page), 1, 'exactly one dossier');
    assert.deepEqual(await records(page), [], 'the outbox and the draft are gone');

    // A new release (another version in the worker's address) replaces the cache whole.
    const old = (await page.evaluate(() => caches.keys()))[0];
    await page.evaluate(() => navigator.serviceWorker.register('/sw.js?v=nextrelease'));
    await page.waitForFunction(async () => (await caches.keys()).join() === 'tokhai-nextrelease', null, { timeout: 20000 });
    assert.notEqual(old, 'tokhai-nextrelease');
    await offlineReady(page);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.locator('#offline-banner').waitFor();
  } finally {
    await t.close();
  }
});

test('a phone that says online with no connection (no data on 3G, a captive Wi-Fi): the dossier waits, then is sent once it goes through', async () => {
  const t = await open();
  const { page } = t;
  try {
    await t.signIn('Nguyễn Văn An');
    await walk(t, CT01);
    // navigator.onLine stays true: only the requests fail (the embedded
    // portal stands for a remote one, and asks this server before it files).
    const home = (url) => url.pathname === '/';
    await page.route(home, (r) => (r.request().method() === 'HEAD' ? r.abort('internetdisconnected') : r.continue()));
    assert.equal(await page.evaluate(() => navigator.onLine), true);
    await page.locator('#send').click();
    await page.locator('#outbox').waitFor();
    assert.match(await page.locator('#outbox').innerText(), /Chờ gửi/);
    assert.equal(await dossierCount(page), 0, 'nothing filed without a connection');
    // The connection comes back without any online event: the outbox tries again by itself.
    await page.unroute(home);
    await page.waitForURL(/\/ho-so\/[^/]+$/, { timeout: 20000 });
    await wholeApp(page);
    assert.equal(await dossierCount(page), 1);
  } finally {
    await t.close();
  }
});

test('a first visit caches the page opened and its data, not the whole site; that page works offline', async () => {
  const t = await open({ serviceWorkers: 'allow' });
  const { page, context } = t;
  try {
    await t.goto(`/khai/${CT01}/nguoi-khai`);
    await offlineReady(page);
    const cached = await cachedPaths(page);
    for (const p of ['/shell.html', `/khai/${CT01}/nguoi-khai`, `/forms/${CT01}.json`, '/forms/catalog.json']) {
      assert.ok(cached.includes(p), `${p} cached: ${cached.join(' ')}`);
    }
    assert.ok(cached.some((p) => p.endsWith('.wasm')), 'the app itself');
    assert.ok(!cached.some((p) => p.startsWith('/tokhai-more-')), 'not the whole app (the pages off the filing path)');
    assert.equal(cached.filter((p) => p.startsWith('/forms/') && p !== '/forms/catalog.json').length, 1, 'one form, the one opened');
    assert.equal(cached.filter((p) => p.startsWith('/units/')).length, 0, 'no wards asked for');
    await t.axe('offline box in the footer');

    // Offline: the page opens from the cache, is taken over, and the next section works.
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Lò Văn Pằng');
    await page.getByLabel(/Ngày, tháng, năm sinh/).fill('05/03/1990');
    await page.getByLabel('Nam', { exact: true }).check();
    await page.getByLabel('Số định danh cá nhân').fill('001090012345');
    await page.getByLabel('Số điện thoại liên hệ').fill('0912345678');
    await t.cont();
    await page.waitForURL(`**/khai/${CT01}/chu-ho`);
    await page.locator('#offline-banner').waitFor();
    // Asking while offline says what happened, and nothing more is cached.
    await page.locator('#download-offline').click();
    await page.locator('#offline-status').getByText('Chưa tải được hết').waitFor({ timeout: 30000 });
    await context.setOffline(false);
    await page.locator('#download-offline').click();
    await page.locator('#offline-status').getByText('Đã tải xong').waitFor({ timeout: 60000 });
    const after = await cachedPaths(page);
    assert.ok(after.filter((p) => p.startsWith('/forms/')).length >= 54, 'every form once asked');
    assert.ok(after.filter((p) => p.startsWith('/units/')).length >= 35, 'every ward list once asked');
    assert.equal(after.filter((p) => /^\/tokhai-more-[0-9a-f]+(\.js|_bg\.wasm)$/.test(p)).length, 2, 'and the whole app');
    // So every page opens offline, those off the filing path too.
    await context.setOffline(true);
    await t.goto('/tra-cuu');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.bundle), 'whole');
    await page.locator('#offline-banner').waitFor();
    await context.setOffline(false);
  } finally {
    await t.close();
  }
});
