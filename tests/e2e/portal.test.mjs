// End to end after submission, at phone size with axe: sign in, fill CT01,
// send, receipt with a QR code that decodes to the dossier code; the tester
// console moves it; the inbox badge counts; a supplement request answered;
// the fee paid; the result delivered; a second dossier accepted by the
// automatic agency, then withdrawn; lookup by code shows no personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { open } from './lib.mjs';
import { walk } from './walk.mjs';

let t, page;
let code;
before(async () => {
  t = await open();
  page = t.page;
  await t.signIn('Nguyễn Văn An');
});
after(async () => t?.close());

const status = () => page.locator('main .tk-chip').first().innerText();

/** Moves the dossier from the tester console. */
const officer = (event, options) => t.officer(code, event, options);

test('the tester console is marked as a simulation; the automatic agency can be paused', async () => {
  await t.goto('/can-bo');
  assert.ok((await page.locator('main').innerText()).includes('MÔ PHỎNG'));
  await t.axe('officer console');
  await page.locator('#auto-agency').uncheck();
});

test('send CT01: receipt with code, appointment, fee and a QR code a camera can read', async () => {
  await walk(t, 'dang-ky-thuong-tru');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').dblclick(); // a double tap sends once (see the next test)
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  code = await page.locator('#dossier-code').innerText();
  assert.match(code, /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
  assert.ok(page.url().includes(code) && !page.url().includes('001085004217'));
  const main = await page.locator('main').innerText();
  for (const s of ['Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'Ngày hẹn trả kết quả', 'Nguyễn Văn An', 'Trực tuyến']) {
    assert.ok(main.includes(s), `receipt shows ${s}`);
  }
  await t.axe('receipt');
  const png = PNG.sync.read(await page.locator('#receipt-qr').screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.equal(read?.data, code, 'the QR code decodes to the dossier code');
});

test('going back to check answers does not send twice', async () => {
  await page.goBack();
  await page.waitForURL(`**/ho-so/${code}`);
  // Check answers sends to the dossier page, which the whole app opens (a page load).
  await page.waitForSelector('html[data-bundle="whole"][data-ready="true"]');
  await page.locator('main .tk-chip').first().waitFor();
  await t.goto('/ho-so');
  assert.equal(await page.locator('.tk-cards > li').count(), 1);
  assert.equal(await status(), 'Mới đăng ký');
  await t.axe('my dossiers');
});

test('status changes reach the inbox with a badge; opening a message marks it read', async () => {
  await officer('Tiếp nhận hồ sơ');
  await officer('Chuyển xử lý');
  const badge = page.locator('#unread-badge');
  await badge.waitFor();
  assert.match(await badge.innerText(), /^3/, 'submitted, accepted, processing');
  await page.locator('#account-menu').click();
  await page.locator('#account-panel').getByRole('link', { name: /Thông báo/ }).click();
  await page.waitForURL('**/thong-bao');
  assert.equal(await page.locator('#account-panel').count(), 0, 'the menu closes on the new page');
  await t.axe('inbox');
  assert.ok((await page.locator('main').innerText()).includes(`${code}: Đang xử lý`));
  await page.getByRole('button', { name: `Xem hồ sơ ${code}` }).first().click();
  await page.waitForURL(`**/ho-so/${code}`);
  assert.match(await badge.innerText(), /^2/);
  assert.equal(await status(), 'Đang xử lý');
  const timeline = await page.locator('.tk-timeline').innerText();
  assert.ok(timeline.includes('SMS tới 09x…365'), 'SMS to the masked phone in the timeline');
  await t.axe('dossier');
});

test('after opting in, a status change shows a browser notification with no personal data', async () => {
  await page.context().grantPermissions(['notifications'], { origin: t.server.url });
  // Record what the page asks the browser to show (the real Notification still runs).
  await page.addInitScript(() => {
    const Real = window.Notification;
    window.__shown = [];
    window.Notification = class extends Real {
      constructor(title, options) {
        window.__shown.push({ title, body: options?.body });
        super(title, options);
      }
    };
    Object.defineProperty(window.Notification, 'permission', { get: () => Real.permission });
    window.Notification.requestPermission = (...a) => Real.requestPermission(...a);
  });
  await t.goto('/thong-bao/cai-dat');
  await page.getByLabel('Hiện thông báo trên trình duyệt này').check();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu cách nhận thông báo.').waitFor();
  await officer('Yêu cầu bổ sung giấy tờ', { reason: 'Số điện thoại không liên lạc được', ask: ['dien_thoai'] });
  await page.waitForFunction(() => window.__shown.length > 0);
  const shown = await page.evaluate(() => window.__shown);
  assert.equal(shown[0].title, 'Tờ Khai: hồ sơ có cập nhật');
  assert.equal(shown[0].body, `${code}: Yêu cầu bổ sung giấy tờ`);
  assert.ok(!JSON.stringify(shown).includes('Nguyễn'), 'no name on a lock screen');
});

test('a supplement request is answered in the app and the timeline shows the round', async () => {
  await t.goto(`/ho-so/${code}`);
  assert.equal(await status(), 'Yêu cầu bổ sung giấy tờ');
  await page.getByRole('link', { name: 'Bổ sung hồ sơ' }).click();
  await page.waitForURL('**/bo-sung');
  assert.equal(await page.locator('#officer-request').innerText(), 'Số điện thoại không liên lạc được');
  await t.axe('supplement');
  await page.locator('#f-dien_thoai').fill('09');
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await page.locator('#error-summary').waitFor();
  await page.locator('#f-dien_thoai').fill('0912 345 678');
  await page.locator('#f-tai_lieu_bo_sung').setInputFiles({ name: 'xac-nhan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await page.waitForURL(`**/ho-so/${code}`);
  assert.equal(await status(), 'Đang xử lý');
  assert.ok((await page.locator('.tk-timeline').innerText()).includes('Yêu cầu bổ sung lần 1'));
});

test('the fee is paid online, then the result is delivered', async () => {
  await officer('Yêu cầu thực hiện nghĩa vụ tài chính');
  await t.goto(`/ho-so/${code}`);
  await page.getByRole('link', { name: 'Thanh toán' }).click();
  await page.waitForURL('**/thanh-toan');
  await t.axe('payment');
  assert.match(await page.locator('#amount').innerText(), /đ$/);
  await page.getByLabel('Ví điện tử').check();
  await page.locator('#pay').click();
  await page.waitForURL(`**/ho-so/${code}`);
  assert.equal(await status(), 'Đang xử lý');
  await officer('Đã xử lý xong');
  await officer('Trả kết quả');
  await t.goto(`/ho-so/${code}`);
  assert.equal(await status(), 'Đã trả kết quả');
  assert.equal(await page.getByRole('link', { name: 'Rút hồ sơ' }).count(), 0, 'no withdrawal after the result');
});

test('the automatic agency accepts a new dossier, which the citizen then withdraws', async () => {
  await t.goto('/can-bo');
  await page.locator('#auto-agency').check();
  await walk(t, 'xac-nhan-cu-tru');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/bien-nhan$/);
  const second = await page.locator('#dossier-code').innerText();
  await t.goto(`/ho-so/${second}`);
  await page.locator('main .tk-chip', { hasText: 'Được tiếp nhận' }).waitFor({ timeout: 20000 });
  await t.goto('/can-bo');
  await page.locator('#auto-agency').uncheck();
  await t.goto(`/ho-so/${second}`);
  await page.getByRole('link', { name: 'Rút hồ sơ' }).click();
  await page.waitForURL('**/rut-ho-so');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  assert.ok((await page.locator('#error-summary').innerText()).includes('Nhập lý do rút hồ sơ'));
  await t.axe('withdraw with an error');
  await page.getByLabel('Lý do').fill('Nộp nhầm thủ tục');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Bạn chắc chắn muốn rút hồ sơ?' }).waitFor();
  await t.axe('withdraw confirmation');
  await page.getByRole('button', { name: 'Có, rút hồ sơ' }).click();
  await page.waitForURL(`**/ho-so/${second}`);
  assert.equal(await status(), 'Công dân yêu cầu rút hồ sơ');
  assert.ok((await page.locator('.tk-timeline').innerText()).includes('Nộp nhầm thủ tục'));
});

test('lookup by code: a wrong shape is explained; a real code shows status and no personal data', async () => {
  await t.goto('/tra-cuu');
  await page.getByLabel('Mã hồ sơ').fill('12345');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  assert.ok((await page.locator('#error-summary').innerText()).includes('25 ký tự'));
  await page.getByLabel('Mã hồ sơ').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.locator('#lookup-result').waitFor();
  const text = await page.locator('#lookup-result').innerText();
  assert.ok(text.includes('Đã trả kết quả'));
  assert.ok(!text.includes('Nguyễn Văn An') && !text.includes('0912345678') && !text.includes('Số điện thoại không liên lạc được'));
  await t.axe('lookup');
});

test('notification settings: a new phone must be confirmed with a code', async () => {
  await t.goto('/thong-bao/cai-dat');
  await t.axe('notification settings');
  await page.getByLabel('Số điện thoại nhận SMS').fill('0987654321');
  await page.getByLabel('Số điện thoại nhận SMS').blur();
  await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
  const sms = await page.locator('.tk-phone-sim').innerText();
  const otp = sms.match(/(\d{6})/)[1];
  await page.getByLabel('Mã xác nhận').fill('000000');
  await page.getByRole('button', { name: 'Xác nhận số điện thoại' }).click();
  assert.ok((await page.locator('main').innerText()).includes('Mã xác nhận không đúng'));
  await page.getByLabel('Mã xác nhận').fill(otp);
  await page.getByRole('button', { name: 'Xác nhận số điện thoại' }).click();
  await page.getByText('Đã xác nhận. SMS sẽ gửi tới số này.').waitFor();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu cách nhận thông báo.').waitFor();
  await t.axe('notification settings saved');
});

test('an unreadable stored record is set aside, not deleted, with a clear message', async () => {
  // Spoiled while no page of the app is open (an open one, reading the record
  // every 2 s, could set it aside itself just before the next page loads).
  await page.goto(`${t.server.url}/forms/catalog.json`);
  await page.evaluate(() => localStorage.setItem('tokhai.portal', '{"version":1,"dossiers":[oops'));
  await t.goto('/ho-so');
  await page.getByText('không đọc được nên đã được cất riêng, không bị xoá').waitFor();
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tokhai.portal.unreadable')));
  assert.equal(aside.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), '{"version":1,"dossiers":[oops');
  await t.axe('unreadable record notice');
});
