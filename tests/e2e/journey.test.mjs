// End to end on the release build: a citizen files CT01 on a 360x740 phone
// screen, with errors, fixes, check answers and a change, and axe (WCAG 2.2 AA)
// on every page. Runs Debian's Chromium through playwright-core; nothing downloaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './lib.mjs';

let t, page;
before(async () => {
  t = await open();
  page = t.page;
});
after(async () => t?.close());

const axe = (label) => t.axe(label);
const goto = (p) => t.goto(p);
const heading = () => t.heading();
const cont = () => t.cont();

test('the catalogue finds a service with or without diacritics, and its page starts the form', async () => {
  await goto('/');
  assert.equal(await heading(), 'Khai tờ khai dịch vụ công');
  await page.locator('#search-count').waitFor();
  await axe('catalogue');
  const search = page.getByLabel('Tìm thủ tục');
  for (const q of ['dang ky thuong tru', 'ĐĂNG KÝ THƯỜNG TRÚ', 'thường trú', 'ho khau']) {
    await search.fill(q);
    await page.getByRole('link', { name: 'Đăng ký thường trú', exact: true }).waitFor();
  }
  await search.fill('khong co thu tuc nay');
  await page.getByText('Không tìm thấy thủ tục phù hợp', { exact: false }).waitFor();
  await search.fill('');
  await page.getByLabel('Sự kiện trong đời').selectOption('chuyen-cho-o');
  await page.getByRole('link', { name: 'Đăng ký thường trú', exact: true }).click();
  await page.waitForURL('**/dich-vu/dang-ky-thuong-tru');
  assert.equal(await heading(), 'Đăng ký thường trú');
  assert.match(await page.locator('main').innerText(), /7 ngày làm việc/);
  await axe('service page');
  await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
  await page.waitForURL('**/khai/dang-ky-thuong-tru/nguoi-khai');
  assert.equal(await heading(), 'Thông tin người khai');
});

test('CT01 with errors, fixed, through every section to check answers', async () => {
  await goto('/khai/dang-ky-thuong-tru/nguoi-khai');
  await axe('section 1 empty');
  // Continue with nothing: the summary appears, takes focus, and lists each error.
  await cont();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
  assert.equal(await summary.locator('a').count(), 5);
  await axe('section 1 with errors');
  await summary.getByRole('link', { name: 'Nhập số điện thoại liên hệ' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-dien_thoai');

  // Wrong values get specific messages.
  await page.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Nguyễn Văn 2');
  await page.getByLabel(/Ngày, tháng, năm sinh/).fill('29/02/2023');
  await page.getByLabel('Nam', { exact: true }).check();
  await page.getByLabel('Số định danh cá nhân').fill('001190012345');
  await page.getByLabel('Số điện thoại liên hệ').fill('0212 345 678');
  await cont();
  await page.locator('#f-ho_ten-error').waitFor();
  const msgs = await summary.locator('a').allInnerTexts();
  assert.ok(msgs.some((m) => m.includes('chỉ gồm chữ cái')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('phải là ngày có thật')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('10 chữ số, bắt đầu bằng 03')), msgs.join('\n'));

  // Fix them; the phone is stored normalised.
  await page.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Nguyễn Văn An');
  await page.getByLabel(/Ngày, tháng, năm sinh/).fill('5/3/1990');
  await page.getByLabel('Số định danh cá nhân').fill('001 090 012345');
  await page.getByLabel('Số điện thoại liên hệ').fill('+84 912 345 678');
  await page.getByLabel(/^Email/).fill('an.nguyen@example.vn');
  await page.getByLabel(/^Email/).blur();
  assert.equal(await page.getByLabel('Số điện thoại liên hệ').inputValue(), '0912345678');
  await cont();

  await page.waitForURL('**/chu-ho');
  await page.getByLabel('Nhập vào một hộ gia đình đã có').check();
  await page.getByLabel('Họ, chữ đệm và tên chủ hộ').fill('Nguyễn Văn Bình');
  await page.getByLabel('Mối quan hệ với chủ hộ').selectOption('con');
  await page.getByLabel('Số định danh cá nhân của chủ hộ').fill('001060001234');
  await axe('household');
  await cont();

  await page.waitForURL('**/noi-dung');
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Thành phố Hà Nội' });
  const ward = page.getByLabel('Phường, xã, đặc khu');
  await page.waitForFunction(() => !document.querySelector('#f-dia_chi_moi-ward').disabled);
  await ward.selectOption({ label: 'Phường Hoàn Kiếm' });
  await page.getByLabel('Số nhà, đường, thôn, tổ dân phố').fill('Số 12 phố Hàng Bạc');
  await page.getByLabel('Bạn có chỗ ở này theo trường hợp nào?').selectOption('ve_voi_nguoi_than');
  await page.getByLabel('Nội dung đề nghị').fill('Đề nghị đăng ký thường trú vào hộ ông Nguyễn Văn Bình.');
  await axe('request');
  await cont();

  await page.waitForURL('**/thanh-vien');
  await page.getByLabel('Có', { exact: true }).check();
  await page.getByRole('button', { name: 'Thêm người' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-thanh_vien-0-ho_ten');
  await page.locator('#f-thanh_vien-0-ho_ten').fill('Nguyễn Thị Mai');
  await page.locator('#f-thanh_vien-0-ngay_sinh').fill('10/10/2019');
  await page.locator('#f-thanh_vien-0-gioi_tinh--nu').check();
  await page.locator('#f-thanh_vien-0-so_dinh_danh').fill('001219001111'); // 2 = male: wrong for a girl
  await page.locator('#f-thanh_vien-0-quan_he').selectOption('chau');
  await cont();
  await summary.getByRole('link', { name: /người thứ 1: Chữ số thứ 4/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-thanh_vien-0-so_dinh_danh');
  await axe('members with an error');
  await page.locator('#f-thanh_vien-0-so_dinh_danh').fill('001319001111');
  await cont();

  await page.waitForURL('**/dong-y');
  await page.getByLabel('Chủ hộ', { exact: true }).check();
  await page.getByLabel('Họ, chữ đệm và tên người đồng ý').fill('Nguyễn Văn Bình');
  await page.getByLabel('Số định danh cá nhân của người đồng ý').fill('001060001234');
  await axe('consent');
  await cont();

  await page.waitForURL('**/giay-to');
  await page.getByLabel('Giấy tờ chứng minh chỗ ở hợp pháp').setInputFiles({
    name: 'hop-dong.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('x'),
  });
  await page.locator('#f-giay_to_cho_o-error').waitFor();
  assert.match(await page.locator('#f-giay_to_cho_o-error').innerText(), /Tệp phải là PDF, JPG, PNG/);
  await page.getByLabel('Giấy tờ chứng minh chỗ ở hợp pháp').setInputFiles({
    name: 'so-do.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test'),
  });
  await page.getByRole('button', { name: 'Gỡ tệp so-do.pdf' }).waitFor();
  await axe('documents');
  await cont();

  await page.waitForURL('**/cam-doan');
  await cont();
  await page.locator('#error-summary').waitFor();
  await page.getByLabel(/Tôi xin cam đoan/).check();
  await axe('declaration');
  await cont();

  await page.waitForURL('**/kiem-tra');
  assert.equal(await heading(), 'Kiểm tra thông tin đã khai');
  const body = await page.locator('main').innerText();
  for (const expected of ['Nguyễn Văn An', '05/03/1990', '001090012345', '0912345678',
    'Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội', 'Nguyễn Thị Mai', 'so-do.pdf']) {
    assert.ok(body.includes(expected), `check answers shows ${expected}`);
  }
  await axe('check answers');
});

test('change an answer from check answers and come back', async () => {
  await page.getByRole('link', { name: 'Thay đổi Số điện thoại liên hệ' }).click();
  await page.waitForURL('**/nguoi-khai/sua/dien_thoai');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-dien_thoai');
  await page.getByLabel('Số điện thoại liên hệ').fill('0356 789 012');
  await cont();
  await page.waitForURL('**/kiem-tra');
  assert.ok((await page.locator('main').innerText()).includes('0356789012'));
  // Sending needs the declaration, then a VNeID sign-in; the answers wait meanwhile.
  const send = page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' });
  if (await page.locator('#declaration').count()) {
    await send.click();
    assert.ok((await page.locator('#error-summary').innerText()).includes('Đánh dấu vào ô cam đoan để gửi hồ sơ'));
    await page.locator('#declaration').check();
  }
  assert.ok((await page.locator('main').innerText()).includes('Để gửi hồ sơ, bạn cần đăng nhập VNeID'));
  await send.click();
  await page.waitForURL('**/dang-nhap');
  await page.getByRole('button', { name: 'Đăng nhập là Nguyễn Văn An' }).click();
  await page.waitForURL('**/khai/dang-ky-thuong-tru/kiem-tra');
  assert.ok((await page.locator('main').innerText()).includes('0356789012'), 'answers kept across sign-in');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await send.click();
  await page.waitForURL('**/bien-nhan');
  assert.equal(await heading(), 'Đã gửi hồ sơ');
  await axe('receipt');
  // Nothing personal in the address bar at any point.
  assert.ok(!page.url().includes('0356'));
  // Sign out for the tests that follow.
  await page.locator('#account-menu').click();
  await page.locator('#sign-out').click();
});

test('English toggle and the not-found page pass axe', async () => {
  await goto('/khai/dang-ky-thuong-tru/nguoi-khai');
  await page.locator('#lang-toggle').click();
  assert.equal(await heading(), 'About you');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await axe('section 1 in English');
  await page.locator('#lang-toggle').click();
  await goto('/khong-co-trang-nay');
  assert.equal(await heading(), 'Không tìm thấy trang');
  await axe('not found');
});

test('a form address asks for its definition once, beside the app, and never waits for the catalogue', async () => {
  const asked = [];
  const onRequest = (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/forms/')) asked.push(p);
  };
  page.on('request', onRequest);
  try {
    // The first section is prerendered with its definition in the page: no request at all.
    await goto('/khai/dang-ky-thuong-tru/nguoi-khai');
    assert.equal(await heading(), 'Thông tin người khai');
    assert.deepEqual(asked, []);
    // A later section opened directly: index.html's preload is the request the
    // app's fetch() uses: one, not two; no catalogue.
    await goto('/khai/dang-ky-thuong-tru/chu-ho');
    assert.equal(await heading(), 'Hộ gia đình bạn đăng ký vào');
    await page.locator('main input:not([type=hidden])').first().waitFor();
    assert.deepEqual(asked, ['/forms/dang-ky-thuong-tru.json']);
    // An unknown service is "not found", whether the server says 404 ...
    asked.length = 0;
    await goto('/khai/khong-co-mau-nay/abc');
    assert.equal(await heading(), 'Không tìm thấy trang');
    assert.deepEqual(asked, ['/forms/khong-co-mau-nay.json']);
    // ... or answers with the app's page, as a development server does for any address.
    await page.route('**/forms/khong-co-mau-khac.json', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Tờ Khai</title>' }));
    await goto('/khai/khong-co-mau-khac/abc');
    assert.equal(await heading(), 'Không tìm thấy trang');
    // A path that is not a service id is never fetched.
    asked.length = 0;
    await goto('/khai/..%2Fcitizens%2Findex/abc');
    assert.equal(await heading(), 'Không tìm thấy trang');
    assert.deepEqual(asked, []);
  } finally {
    page.off('request', onRequest);
    await page.unroute('**/forms/khong-co-mau-khac.json');
  }
});

test('while the app downloads the page says so; if the app cannot start, it says what to do', async () => {
  const p = await t.context.newPage(); // its own page: the failure below is expected there
  const WASM = '**/*_bg.wasm';
  const LATER = '/khai/dang-ky-thuong-tru/chu-ho'; // not prerendered: the app draws it
  try {
    // A slow connection: the wasm is held back. The page is not blank, and after 8 s it says why.
    let release;
    const held = new Promise((r) => { release = r; });
    await p.clock.install();
    await p.route(WASM, async (route) => { await held; await route.continue(); });
    await p.goto(t.server.url + LATER);
    await p.getByRole('status').getByText('Đang mở Tờ Khai…').waitFor();
    assert.equal(await p.locator('#tk-boot-slow').isVisible(), false);
    await p.clock.fastForward(8000);
    await p.getByText('Mạng đang chậm', { exact: false }).waitFor();
    await t.axe('opening, slow', p);
    release();
    await p.waitForSelector('html[data-ready="true"]');
    assert.equal(await p.locator('#tk-boot').count(), 0, 'gone once the app is there');
    assert.equal(await p.locator('h1').innerText(), 'Hộ gia đình bạn đăng ký vào');
    await p.unroute(WASM);
    // No connection when the app is fetched: a message and a way to try again.
    await p.route(WASM, (route) => route.abort('internetdisconnected'));
    await p.reload();
    await p.getByRole('alert').getByText('Không mở được Tờ Khai', { exact: false }).waitFor();
    assert.equal(await p.locator('#tk-boot-wait').isVisible(), false);
    await t.axe('could not open', p);
    assert.equal(await p.getByText('vẫn được giữ nguyên', { exact: false }).isVisible(), false, 'nothing typed here to keep');
    await p.unroute(WASM);
    await p.getByRole('button', { name: 'Thử lại' }).click();
    await p.waitForSelector('html[data-ready="true"]');
    assert.equal(await p.locator('h1').innerText(), 'Hộ gia đình bạn đăng ký vào');
    assert.equal(await p.locator('#tk-boot').count(), 0);
    // A prerendered page whose app cannot arrive (here its JS): the page stays readable, and says so below it.
    const JS = /\/tokhai-[0-9a-f]{16}\.js(\?.*)?$/;
    await p.route(JS, (route) => route.abort('internetdisconnected'));
    await p.goto(t.server.url + '/khai/dang-ky-thuong-tru/nguoi-khai');
    await p.getByRole('alert').getByText('Không mở được Tờ Khai', { exact: false }).waitFor();
    assert.equal(await p.locator('h1').innerText(), 'Thông tin người khai');
    const name = p.getByLabel('Họ, chữ đệm và tên khai sinh');
    assert.equal(await name.isVisible(), true);
    await t.axe('prerendered, could not open', p);
    // What was typed meanwhile is kept when the app is fetched again ("Thử
    // lại" starts it on the page as it is; a reload would empty the field).
    await name.fill('Nguyễn Thị Thu');
    await p.getByText('Những gì bạn đã nhập trên trang này vẫn được giữ nguyên.', { exact: false }).waitFor();
    // Then the JS arrives but not the wasm: said again, and tried again.
    await p.route(WASM, (route) => route.abort('internetdisconnected'));
    await p.unroute(JS);
    await p.getByRole('button', { name: 'Thử lại' }).click();
    await p.getByRole('alert').getByText('Không mở được Tờ Khai', { exact: false }).waitFor();
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'tk-boot-retry', 'focus back on the button');
    await p.unroute(WASM);
    await p.getByRole('button', { name: 'Thử lại' }).click();
    await p.waitForSelector('html[data-ready="true"]');
    assert.equal(await name.inputValue(), 'Nguyễn Thị Thu');
    assert.equal(await p.locator('#tk-boot-failed').count(), 0);
    // The app took the answer: Continue now names the other missing answers, not this one.
    await p.getByRole('button', { name: 'Tiếp tục' }).click();
    const summary = p.locator('.tk-error-summary');
    await summary.waitFor();
    assert.doesNotMatch(await summary.innerText(), /tên khai sinh/i);
    // The connection coming back starts it again by itself.
    await p.route(WASM, (route) => route.abort('internetdisconnected'));
    await p.goto(t.server.url + '/khai/dang-ky-thuong-tru/nguoi-khai');
    await p.getByRole('alert').getByText('Không mở được Tờ Khai', { exact: false }).waitFor();
    await name.fill('Trần Văn Bình');
    await p.context().setOffline(true);
    await p.unroute(WASM);
    await p.context().setOffline(false);
    await p.waitForSelector('html[data-ready="true"]');
    assert.equal(await name.inputValue(), 'Trần Văn Bình');
  } finally {
    await p.context().setOffline(false);
    await p.close();
  }
});
