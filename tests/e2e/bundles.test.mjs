// Two bundles (issue #12): the filing path (catalogue, service, sign-in,
// consent, sections, check answers, receipt, not found) starts the small
// filing bundle; every other address starts the whole app (Trunk.toml's start
// script picks it, `app::filing` hands over the rest). Each address starts the
// bundle that holds its page, and only that one; moving from one bundle to the
// other loses nothing; a start script out of step with the app never loops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, until } from './lib.mjs';

const CT01 = 'dang-ky-thuong-tru';

const FILING = [
  '/', `/dich-vu/${CT01}`, `/khai/${CT01}/nguoi-khai`, `/khai/${CT01}/chu-ho`, `/khai/${CT01}/kiem-tra`,
  `/khai/${CT01}/chia-se-du-lieu`, '/dang-nhap', '/ho-so/G01.001.999.000001/bien-nhan', '/khong-tim-thay', '/khong-co-trang-nay',
];
const WHOLE = [
  '/ho-so', '/ho-so/G01.001.999.000001', '/ho-so/G01.001.999.000001/ket-qua', '/ho-so/G01.001.999.000001/in',
  '/ho-so/G01.001.999.000001/bo-sung', '/ho-so-dang-khai', '/ho-tro', '/ho-tro/da-ket-thuc', '/tra-cuu', '/xac-thuc',
  '/kho-du-lieu', '/thong-bao', '/thong-bao/cai-dat', '/can-bo', `/khai/${CT01}/in`, `/khai/${CT01}/in-to-khai-trong`,
];

test('each address starts the bundle that holds its page, and only that one', async () => {
  const t = await open();
  const { page } = t;
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  try {
    for (const [paths, bundle] of [[FILING, 'filing'], [WHOLE, 'whole']]) {
      for (const p of paths) {
        wasm.length = 0;
        await t.goto(p);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.bundle), bundle, `${p}: the ${bundle} bundle`);
        assert.equal(wasm.length, 1, `${p}: one wasm fetched (${wasm.join(' ')})`);
        assert.equal(/^\/tokhai-more-/.test(wasm[0]), bundle === 'whole', `${p}: ${wasm[0]}`);
        await page.locator('h1').first().waitFor();
        assert.equal(await page.locator('#main [role="status"]', { hasText: 'Đang mở trang' }).count(), 0, `${p}: its page, not the hand-over`);
      }
    }
  } finally {
    await t.close();
  }
});

test('moving from the filing bundle to the whole app and back loses nothing', async () => {
  const t = await open();
  const { page } = t;
  try {
    await t.goto(`/khai/${CT01}/nguoi-khai`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.bundle), 'filing');
    // Typed, and at once a link to a page of the whole app: no time for the draft's quiet wait.
    await page.locator('#f-ho_ten').fill('Lò Văn Pằng');
    await page.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await page.waitForURL(/\/tra-cuu$/);
    await page.waitForFunction(() => document.documentElement.dataset.bundle === 'whole' && document.documentElement.dataset.ready === 'true');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await t.axe('lookup, in the whole app');
    // Back (a page load: the form's history entry belonged to the page left): what was typed is there.
    await page.goBack();
    await page.waitForURL(/\/nguoi-khai$/);
    await page.waitForSelector('html[data-ready="true"]');
    await until(async () => (await page.locator('#f-ho_ten').inputValue()) === 'Lò Văn Pằng', 'the answer typed before leaving');
    // Forward, and from the whole app to a form page: a move inside the app, no page load.
    await page.goForward();
    await page.waitForSelector('html[data-bundle="whole"][data-ready="true"]');
    await page.evaluate(() => { window.__samePage = true; });
    await page.getByRole('link', { name: 'Tờ Khai' }).first().click();
    await page.getByRole('searchbox').waitFor();
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the catalogue opened inside the whole app');
  } finally {
    await t.close();
  }
});

test('a start script out of step with the app says the page would not open, and does not load it again and again', async () => {
  const t = await open();
  const { page } = t;
  let loads = 0;
  try {
    // The start script of this test's pages no longer knows /tra-cuu: the filing bundle starts there.
    await page.route('**/tra-cuu', async (route) => {
      loads++;
      const res = await route.fetch();
      const body = (await res.text()).replace('tra-cuu|', '');
      assert.notEqual(body.indexOf('xac-thuc|'), -1, 'the start script is in the page');
      await route.fulfill({ response: res, body });
    });
    await page.goto(t.server.url + '/tra-cuu');
    await page.getByRole('heading', { level: 1, name: 'Chưa mở được trang này' }).waitFor();
    assert.equal(loads, 2, 'loaded once more for the whole app, then it stopped');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.bundle), 'filing');
    await t.axe('the page that would not open');
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await page.getByRole('searchbox').waitFor();
  } finally {
    await t.close();
  }
});
