// End to end: sign in with the VNeID simulator, consent, CT01 prefilled with
// locked registry values, household members picked from the registry, phone
// edited, a correction requested, provenance on check answers; declining
// consent gives an empty form; a forged token is refused; sign-out forgets
// the token and the answers. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './lib.mjs';

let t, page;
before(async () => {
  t = await open();
  page = t.page;
});
after(async () => t?.close());

const token = () => page.evaluate(() => sessionStorage.getItem('tokhai.token'));

async function signInAs(name) {
  await t.goto('/dang-nhap');
  await page.getByRole('button', { name: `Đăng nhập là ${name}` }).click();
  await page.getByText(`Đã đăng nhập: ${name}`).waitFor();
}

test('sign in with the simulator: the token stays out of the URL and in sessionStorage only', async () => {
  await t.goto('/');
  await page.getByRole('link', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/dang-nhap');
  assert.equal(await t.heading(), 'Đăng nhập bằng tài khoản định danh điện tử VNeID');
  await page.getByRole('button', { name: 'Đăng nhập là Nguyễn Văn An' }).waitFor();
  await t.axe('sign-in');
  await page.getByRole('button', { name: 'Đăng nhập là Nguyễn Văn An' }).click();
  await page.getByText('Đã đăng nhập: Nguyễn Văn An').waitFor();
  const jws = await token();
  assert.match(jws, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.ok(!page.url().includes(jws.slice(0, 20)));
  assert.equal(await page.evaluate(() => localStorage.getItem('tokhai.token')), null);
});

test('consent, then CT01 prefilled with locked values, household picked, phone edited, correction recorded', async () => {
  await t.goto('/dich-vu/dang-ky-thuong-tru');
  await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
  await page.waitForURL('**/chia-se-du-lieu');
  assert.equal(await t.heading(), 'Dùng thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư');
  assert.equal(await page.locator('#prefill-count').innerText(), 'Đã điền sẵn 13/22 thông tin từ VNeID');
  assert.ok((await page.locator('main').innerText()).includes('001085004217'), 'shows the values before copying');
  await t.axe('consent');
  await page.getByRole('button', { name: 'Đồng ý, điền sẵn cho tôi' }).click();

  await page.waitForURL('**/nguoi-khai');
  // Registry values are read-only, with their badge; no text box to retype them.
  assert.equal(await page.locator('#f-ho_ten').innerText(), 'Nguyễn Văn An');
  assert.equal(await page.locator('input#f-ho_ten').count(), 0);
  assert.equal(await page.locator('#f-so_dinh_danh').innerText(), '001085004217');
  assert.ok((await page.locator('main').innerText()).includes('Từ Cơ sở dữ liệu quốc gia về dân cư'));
  // Phone is prefilled but editable.
  const phone = page.getByLabel('Số điện thoại liên hệ');
  assert.equal(await phone.inputValue(), '0904217365');
  await t.axe('section 1 prefilled');
  await phone.fill('0356 789 012');
  // "Thông tin này chưa đúng?" records a correction request, not a silent edit.
  const details = page.locator('.tk-locked', { has: page.locator('#f-ho_ten') }).locator('details');
  await details.locator('summary').click();
  await details.getByLabel('Thông tin đúng là').fill('Nguyễn Văn Ân');
  await details.getByRole('button', { name: 'Ghi nhận đề nghị điều chỉnh' }).click();
  await page.getByText('Đã ghi nhận đề nghị điều chỉnh “Nguyễn Văn Ân”').waitFor();
  await t.axe('section 1 with a correction');
  await t.cont();

  await page.waitForURL('**/chu-ho');
  await page.getByLabel('Nhập vào một hộ gia đình đã có').check();
  assert.equal(await page.getByLabel('Họ, chữ đệm và tên chủ hộ').inputValue(), 'Nguyễn Văn An');
  await page.getByLabel('Mối quan hệ với chủ hộ').selectOption('con');
  await t.cont();

  await page.waitForURL('**/noi-dung');
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Thành phố Hà Nội' });
  await page.waitForFunction(() => !document.querySelector('#f-dia_chi_moi-ward').disabled);
  await page.getByLabel('Phường, xã, đặc khu').selectOption({ label: 'Phường Hoàn Kiếm' });
  await page.getByLabel('Số nhà, đường, thôn, tổ dân phố').fill('Số 12 phố Hàng Bạc');
  await page.getByLabel('Bạn có chỗ ở này theo trường hợp nào?').selectOption('so_huu');
  await page.getByLabel('Nội dung đề nghị').fill('Đề nghị đăng ký thường trú tại địa chỉ trên.');
  await t.cont();

  await page.waitForURL('**/thanh-vien');
  await page.getByLabel('Có', { exact: true }).check();
  await page.getByLabel(/Nguyễn Minh Khôi/).check();
  await page.getByLabel(/Trần Thị Bích Ngọc/).check();
  await page.getByRole('button', { name: 'Thêm những người đã chọn' }).click();
  assert.equal(await page.locator('#f-thanh_vien-0-ho_ten').innerText(), 'Trần Thị Bích Ngọc');
  assert.equal(await page.locator('#f-thanh_vien-1-ho_ten').innerText(), 'Nguyễn Minh Khôi');
  await t.axe('household picked');
  await t.cont();

  await page.waitForURL('**/dong-y');
  await page.getByLabel('Không cần: tôi là chủ hộ và chủ sở hữu chỗ ở').check();
  await t.cont();
  await page.waitForURL('**/giay-to');
  await page.getByLabel('Giấy tờ chứng minh chỗ ở hợp pháp').setInputFiles({
    name: 'so-do.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test'),
  });
  await t.cont();
  await page.waitForURL('**/cam-doan');
  await page.getByLabel(/Tôi xin cam đoan/).check();
  await t.cont();

  await page.waitForURL('**/kiem-tra');
  const row = (label) => page.locator('.tk-summary__row', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).first();
  assert.match(await row('Họ, chữ đệm và tên khai sinh').innerText(), /Từ Cơ sở dữ liệu quốc gia về dân cư/);
  assert.match(await row('Số điện thoại liên hệ').innerText(), /0356789012[\s\S]*Đã sửa sau khi điền sẵn/);
  assert.match(await row('Nội dung đề nghị').innerText(), /Bạn tự khai/);
  assert.match(await page.locator('main').innerText(), /Nguyễn Văn An → Nguyễn Văn Ân/);
  await t.axe('check answers with provenance');
});

test('sign out removes the token and every answer', async () => {
  await page.locator('#account-menu').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
  assert.equal(await token(), null);
  await page.goto(t.server.url + '/khai/dang-ky-thuong-tru/kiem-tra');
  await page.waitForSelector('html[data-ready="true"]');
  assert.ok(!(await page.locator('main').innerText()).includes('0356789012'));
});

test('declining consent gives an empty form to type', async () => {
  await signInAs('Trần Thị Bích Ngọc');
  await t.goto('/khai/dang-ky-thuong-tru');
  await page.waitForURL('**/chia-se-du-lieu');
  await page.getByRole('button', { name: 'Không đồng ý, tôi tự khai' }).click();
  await page.waitForURL('**/nguoi-khai');
  assert.equal(await page.getByLabel('Họ, chữ đệm và tên khai sinh').inputValue(), '');
  assert.equal(await page.getByLabel('Số điện thoại liên hệ').inputValue(), '');
  await t.axe('declined: empty form');
});

test('the consent page counts the questions this citizen is shown: married, no divorce or widowhood questions', async () => {
  // Still Trần Thị Bích Ngọc, married to Nguyễn Văn An: the marriage form has
  // 29 questions, 6 of them only for a divorced or widowed applicant.
  await t.goto('/khai/xac-nhan-hon-nhan-ket-hon');
  await page.waitForURL('**/chia-se-du-lieu');
  assert.match(await page.locator('#prefill-count').innerText(), /^Đã điền sẵn 11\/23 thông tin từ VNeID$/);
});

test('a forged pasted token is refused with a clear message and leaves you signed out', async () => {
  await page.locator('#account-menu').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await t.goto('/dang-nhap');
  await page.getByLabel('Mã định danh (dành cho người kiểm thử)').fill('eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.');
  await page.getByRole('button', { name: 'Dùng mã này' }).click();
  await page.locator('#sign-in-error').waitFor();
  assert.match(await page.locator('#sign-in-error').innerText(), /kiểu chữ ký không được chấp nhận/);
  assert.equal(await token(), null);
  await t.axe('sign-in refused');
});

test('a token minted by the native mint-token command is accepted when pasted', async () => {
  const { execFileSync } = await import('node:child_process');
  const jws = execFileSync('cargo', ['run', '-q', '-p', 'tokhai-mock-idp', '--bin', 'mint-token', '--',
    'seeds/citizens/vu-thi-mai.json', '--exp', '10m'], { encoding: 'utf8' }).trim();
  await t.goto('/dang-nhap');
  await page.getByLabel('Mã định danh (dành cho người kiểm thử)').fill(jws);
  await page.getByRole('button', { name: 'Dùng mã này' }).click();
  await page.getByText('Đã đăng nhập: Vũ Thị Mai').waitFor();
  assert.equal(await token(), jws);
});

test('signed in, the header stays one row: a section starts in the top third of a phone; the account menu works by keyboard', async () => {
  // Vũ Thị Mai is still signed in from the test before: out first, from the menu.
  await t.goto('/');
  await page.locator('#account-menu').click();
  await page.locator('#sign-out').click();
  await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
  await signInAs('Nguyễn Văn An');
  await t.goto('/khai/dang-ky-thuong-tru/nguoi-khai');
  const header = await page.locator('header.tk-header').boundingBox();
  assert.ok(header.height <= 72, `header ${header.height}px high`);
  assert.match(await page.locator('#account-menu').innerText(), /Nguyễn Văn An/, 'the name is shown');
  const h1 = await page.locator('h1').boundingBox();
  assert.ok(h1.y < 740 / 3, `the section title starts at ${h1.y}px`);
  await page.locator('#account-menu').focus();
  await page.keyboard.press('Enter');
  await page.locator('#account-panel').waitFor();
  assert.equal(await page.getAttribute('#account-menu', 'aria-expanded'), 'true');
  await t.axe('account menu open');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Hồ sơ của tôi');
  await page.keyboard.press('Escape');
  await page.locator('#account-panel').waitFor({ state: 'detached' });
  assert.equal(await t.focused(), 'account-menu');
  assert.equal(await page.getAttribute('#account-menu', 'aria-expanded'), 'false');
});
