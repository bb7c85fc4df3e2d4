// The other national databases (issue 17), phone size, axe on each page:
// consent per source on the consent page; a source holding several records
// (two vehicles, two parcels, two businesses) asks which one, and its answers
// fill together with the database's badge; a source that does not answer in
// time, and a declined source, leave their questions to be typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './lib.mjs';

const CAR = 'dang-ky-xe-o-to';
const LAND = 'bien-dong-dat-thong-tin';
const SEAL = 'con-dau-moi';

/** Signed in as `name`, the service's start, on its consent page. */
async function consentFor(t, name, form, simulate) {
  const { page } = t;
  await t.signIn(name);
  if (simulate) await page.evaluate((s) => localStorage.setItem('tokhai.sim.sources', JSON.stringify(s)), simulate);
  await t.goto(`/dich-vu/${form}`);
  await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
  await page.locator('#consent-sources').waitFor();
}

/** The answer to a question: a locked value is text, an editable one the input's value. */
async function answerOf(page, field) {
  const q = page.locator(`[data-field="${field}"]`);
  const locked = q.locator('.tk-locked__value');
  if (await locked.count()) return locked.innerText();
  return q.locator(`#f-${field}`).inputValue();
}

test('vehicles: consent per source, two vehicles, the one picked fills its questions with the database badge', async () => {
  const t = await open();
  const { page } = t;
  try {
    await consentFor(t, 'Nguyễn Văn An', CAR);
    const sources = page.locator('#consent-sources');
    assert.match(await sources.innerText(), /Cơ sở dữ liệu đăng ký xe/);
    assert.match(await sources.innerText(), /Cơ quan lưu giữ:/);
    assert.equal(await page.locator('#source-vehicle').isChecked(), true);
    await t.axe('consent with sources');
    await page.locator('#consent-agree').click();
    await t.nav(`/khai/${CAR}/xe`);
    const picker = page.locator('#pick-vehicle');
    await picker.waitFor();
    assert.match(await picker.innerText(), /Toyota Vios/);
    assert.match(await picker.innerText(), /Honda Vision/);
    await t.axe('vehicle picker');
    await picker.getByText(/Toyota Vios/).click();
    await page.locator('#pick-vehicle-use').click();
    await picker.waitFor({ state: 'detached' });
    assert.match(await answerOf(page, 'nhan_hieu'), /toyota/i);
    assert.doesNotMatch(await answerOf(page, 'nhan_hieu'), /honda/i, 'the car picked, not the motorcycle');
    assert.match(await page.locator('[data-field="nhan_hieu"]').innerText(), /Từ Cơ sở dữ liệu đăng ký xe/);
    await t.axe('vehicle answers');
  } finally {
    await t.close();
  }
});

test('a source that does not answer in time leaves its questions to type, with a note; the form goes on', async () => {
  const t = await open();
  const { page } = t;
  try {
    await consentFor(t, 'Nguyễn Văn An', CAR, { vehicle: 'slow' });
    await page.locator('#consent-agree').click();
    await t.nav(`/khai/${CAR}/xe`);
    const note = page.locator('#source-note-vehicle');
    await note.waitFor({ timeout: 10000 });
    assert.match(await note.innerText(), /Chưa lấy được dữ liệu từ Cơ sở dữ liệu đăng ký xe/);
    assert.equal(await page.locator('#pick-vehicle').count(), 0);
    const brand = page.locator('[data-field="nhan_hieu"] input');
    assert.equal(await brand.inputValue(), '');
    await brand.fill('Kia');
    assert.equal(await brand.inputValue(), 'Kia');
    await t.axe('source unanswered');
  } finally {
    await t.close();
  }
});

test('a declined source is not asked: its questions are typed', async () => {
  const t = await open();
  const { page } = t;
  try {
    await consentFor(t, 'Nguyễn Văn An', CAR);
    await page.locator('#source-vehicle').uncheck();
    await page.locator('#consent-agree').click();
    await t.nav(`/khai/${CAR}/xe`);
    await page.locator('[data-field="nhan_hieu"] input').waitFor();
    assert.equal(await page.locator('#pick-vehicle').count(), 0);
    assert.equal(await page.locator('#source-note-vehicle').count(), 0);
    assert.equal(await page.locator('[data-field="nhan_hieu"] input').inputValue(), '');
    assert.equal(await page.getByText('Từ Cơ sở dữ liệu đăng ký xe').count(), 0);
  } finally {
    await t.close();
  }
});

test('land: the parcel picked fills the certificate and parcel questions', async () => {
  const t = await open();
  const { page } = t;
  try {
    await consentFor(t, 'Nguyễn Văn An', LAND);
    await page.locator('#consent-agree').click();
    await t.nav(`/khai/${LAND}/giay-chung-nhan`);
    const picker = page.locator('#pick-land');
    await picker.waitFor();
    // The second parcel, not the one offered first.
    await picker.getByText(/Thửa 347/).click();
    await page.locator('#pick-land-use').click();
    await picker.waitFor({ state: 'detached' });
    assert.match(await answerOf(page, 'thua_dat_so'), /347/);
    assert.match(await answerOf(page, 'to_ban_do_so'), /^\s*9\s*$/);
    assert.match(await page.locator('[data-field="thua_dat_so"]').innerText(), /Từ Cơ sở dữ liệu quốc gia về đất đai/);
    await t.axe('land answers');
  } finally {
    await t.close();
  }
});

test('a business service filed as its representative: the business picked fills the organisation', async () => {
  const t = await open();
  const { page } = t;
  try {
    await consentFor(t, 'Vũ Thị Mai', SEAL);
    assert.match(await page.locator('#consent-sources').innerText(), /đăng ký doanh nghiệp/);
    await page.locator('#consent-agree').click();
    const picker = page.locator('#pick-business');
    await picker.waitFor();
    await picker.getByText(/Công ty TNHH Thương mại và Dịch vụ Mai Anh/).click();
    await page.locator('#pick-business-use').click();
    await picker.waitFor({ state: 'detached' });
    assert.match(await answerOf(page, 'ten_to_chuc'), /Công ty TNHH Thương mại và Dịch vụ Mai Anh/);
    await t.axe('business answers');
  } finally {
    await t.close();
  }
});

test('electricity: a contract still in a parent\'s name, picked of three, fills the change of holder', async () => {
  const t = await open();
  const { page } = t;
  try {
    await consentFor(t, 'Nguyễn Văn An', 'doi-chu-the-hop-dong-dien');
    assert.match(await page.locator('#consent-sources').innerText(), /Cơ sở dữ liệu khách hàng sử dụng điện/);
    await page.locator('#consent-agree').click();
    await t.nav('/khai/doi-chu-the-hop-dong-dien/hop-dong');
    const picker = page.locator('#pick-electricity');
    await picker.waitFor();
    assert.equal(await picker.locator('input[type="radio"]').count(), 3);
    await t.axe('electricity picker');
    await picker.getByText(/Thanh Oai/).click();
    await page.locator('#pick-electricity-use').click();
    await picker.waitFor({ state: 'detached' });
    assert.equal(await answerOf(page, 'ma_khach_hang'), 'PD19000386120');
    assert.match(await answerOf(page, 'chu_cu_ho_ten'), /Nguyễn Văn Bình/);
    assert.match(
      await page.locator('[data-field="ma_khach_hang"]').innerText(),
      /Từ Cơ sở dữ liệu khách hàng sử dụng điện/,
    );
    await t.axe('electricity answers');
  } finally {
    await t.close();
  }
});
