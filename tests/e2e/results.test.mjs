// Signed results end to end, at phone size with axe: a dossier moved to its
// result by the tester console; the agency's signed result shown valid
// (WebCrypto), downloaded, opened on /xac-thuc in a fresh context without
// signing in (valid), a tampered copy refused; its QR code opens /xac-thuc
// and matches the file; the result listed in "Kho dữ liệu của tôi".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { open } from './lib.mjs';
import { fillSections, walk } from './walk.mjs';

let t, page, code, file;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokhai-results-'));
before(async () => {
  t = await open();
  page = t.page;
  await t.signIn('Nguyễn Văn An');
});
after(async () => t?.close());

const officer = (event) => t.officer(code, event);

/** A fresh browser context: nobody signed in, nothing stored. */
async function stranger() {
  const context = await t.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', serviceWorkers: 'block' });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  return { context, page: p, errors };
}

test('a dossier reaches its result and the agency signs it: shown valid, with its signature block', async () => {
  await t.goto('/can-bo');
  await page.locator('#auto-agency').uncheck();
  await walk(t, 'xac-nhan-cu-tru');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  code = await page.locator('#dossier-code').innerText();
  for (const e of ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Đã xử lý xong', 'Trả kết quả']) await officer(e);
  await t.goto(`/ho-so/${code}`);
  await page.getByRole('link', { name: 'Xem kết quả điện tử' }).click();
  await page.waitForURL(`**/ho-so/${code}/ket-qua`);
  await page.locator('#verify-state[data-verdict="valid"]').waitFor({ timeout: 15000 });
  const main = await page.locator('main').textContent();
  for (const s of ['Chữ ký số hợp lệ', 'Giấy xác nhận thông tin về cư trú', 'Nguyễn Văn An', code, 'Ký bởi', 'Thời điểm ký',
    'Tổ chức cấp chứng thư số', 'Thời hạn hiệu lực của chứng thư số', 'MÔ PHỎNG']) {
    assert.ok(main.includes(s), `the result page shows ${s}`);
  }
  assert.ok(!page.url().includes('001085004217'), 'no personal data in the address');
  await t.axe('result page');
  // What TT 15/2025 asks a verifier to show, in English too.
  await page.locator('#lang-toggle').click();
  await page.locator('#verify-state[data-verdict="valid"]').waitFor();
  const en = await page.locator('main').textContent();
  for (const s of ['The digital signature is valid', 'Signed by', 'Certificate issued by', 'Signed at', 'Certificate valid', 'Vietnam time']) {
    assert.ok(en.includes(s), `in English: ${s}`);
  }
  await t.axe('result page in English');
  await page.locator('#lang-toggle').click();
});

test('the result downloads as a .jws file that a stranger verifies on /xac-thuc; a tampered copy is refused', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#result-download').click()]);
  assert.equal(download.suggestedFilename(), `ket-qua-${code}.jws`);
  file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  const s = await stranger();
  await s.page.goto(`${t.server.url}/xac-thuc`);
  await s.page.waitForSelector('html[data-ready="true"]');
  await t.axe('verify page, empty', s.page);
  await s.page.locator('#result-file').setInputFiles(file);
  await s.page.locator('#verify-state[data-verdict="valid"]').waitFor({ timeout: 15000 });
  assert.ok((await s.page.locator('#verify-state').innerText()).includes(code));
  await t.axe('verify page, valid', s.page);
  // One character of the signed content changed.
  const jws = fs.readFileSync(file, 'utf8');
  const [h, p, sig] = jws.split('.');
  const at = Math.floor(p.length / 2);
  const bad = `${h}.${p.slice(0, at)}${p[at] === 'A' ? 'B' : 'A'}${p.slice(at + 1)}.${sig}`;
  const badFile = path.join(tmp, 'tampered.jws');
  fs.writeFileSync(badFile, bad);
  await s.page.locator('#result-file').setInputFiles(badFile);
  await s.page.locator('#verify-state[data-verdict="refused"]').waitFor({ timeout: 15000 });
  assert.ok(['result_tampered', 'result_malformed'].includes(await s.page.locator('#verify-state').getAttribute('data-reason')));
  assert.ok((await s.page.locator('#verify-state').innerText()).includes('Chữ ký số không hợp lệ'));
  await t.axe('verify page, refused', s.page);
  // A file cut short.
  const cutFile = path.join(tmp, 'cut.jws');
  fs.writeFileSync(cutFile, jws.slice(0, Math.floor(jws.length * 0.6)));
  await s.page.locator('#result-file').setInputFiles(cutFile);
  await s.page.locator('#verify-state[data-reason="result_truncated"]').waitFor({ timeout: 15000 });
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('the QR code opens /xac-thuc with its stamp, which verifies and matches the downloaded file', async () => {
  const png = PNG.sync.read(await page.locator('#result-qr').screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(read?.data, 'the QR code reads');
  const url = new URL(read.data);
  assert.equal(url.pathname, '/xac-thuc');
  assert.ok(url.hash.startsWith('#kq='), 'the stamp is in the fragment, never sent to a server');
  const s = await stranger();
  await s.page.goto(`${t.server.url}/xac-thuc${url.hash}`);
  await s.page.waitForSelector('html[data-ready="true"]');
  await s.page.locator('#qr-state[data-verdict="valid"]').waitFor({ timeout: 15000 });
  assert.ok((await s.page.locator('#qr-state').innerText()).includes(code));
  await s.page.locator('#result-file').setInputFiles(file);
  await s.page.locator('#stamp-match[data-match="yes"]').waitFor({ timeout: 15000 });
  await t.axe('verify page from a QR code', s.page);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('"Kho dữ liệu của tôi" lists the result with its number, issuer and a valid signature', async () => {
  await t.goto('/kho-du-lieu');
  const card = page.locator(`#store-list [data-code="${code}"]`);
  await card.locator('[data-valid="yes"]').waitFor({ timeout: 15000 });
  const text = await card.innerText();
  assert.ok(text.includes('Giấy xác nhận thông tin về cư trú'));
  assert.match(text, /\/XNCT-/);
  await t.axe('data store');
});

test('a later form takes the result from the store instead of an upload; check answers and the receipt say so', async () => {
  const id = 'cap-dien-moi';
  await walk(t, id, { until: 'giay-to' });
  const offer = page.locator('#stored-giay_to_dia_diem');
  await offer.waitFor();
  assert.ok((await offer.innerText()).includes('Giấy xác nhận thông tin về cư trú'));
  await t.axe('file field with a stored document on offer');
  await page.locator('#stored-giay_to_dia_diem-0').click();
  await page.locator('.tk-files__item', { hasText: 'giấy tờ điện tử trong kho' }).waitFor();
  // The rest of the form as the walk would fill it.
  await fillSections(t, id);
  const check = await page.locator('main').innerText();
  assert.ok(check.includes('Giấy xác nhận thông tin về cư trú số'), 'check answers names the stored document');
  assert.ok(check.includes('giấy tờ điện tử trong kho'), 'and says it comes from the store');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  assert.match(await page.locator('#receipt-stored').innerText(), /Giấy xác nhận thông tin về cư trú số \d+\/XNCT-/);
  await t.axe('receipt with a stored document');
});
