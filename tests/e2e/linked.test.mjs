// Linked procedures end to end (issue 15), at phone size with axe: the seed
// mother (Trần Thị Bích Ngọc, 036188002954) files the birth group
// (lien-thong-khai-sinh) with residence and the health card; the hospital's
// electronic birth certificate is found by her ID and used instead of an
// upload (an upload stays possible); check answers shows each derived
// declaration with change links; one send files one parent group (one code,
// one receipt, the parts listed); the dossier page and "Hồ sơ của tôi" show
// the parts; the tester console moves each part on its own, registration
// first (the dependents start only then); a refused dependent leaves the
// others going; lookup by code shows the parts' statuses and nothing personal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './lib.mjs';
import { fillSections, walk } from './walk.mjs';

const ID = 'lien-thong-khai-sinh';
const MOTHER = 'Trần Thị Bích Ngọc';
const MOTHER_ID = '036188002954';
const CERT = '01005.GCS.00128.26';
const CHILD = 'Nguyễn Minh An';

let t, page;
let code;
before(async () => {
  t = await open();
  page = t.page;
  await t.signIn(MOTHER);
});
after(async () => t?.close());

/** Fills the sections of the form from the samples, from the section the
 * app is on, to check answers (or until the section `stop`). */
const fillOn = ({ stop, pre, axe } = {}) => fillSections(t, ID, { until: stop, pre, axe });

/** The chip of `part` on the group's pages. */
const chip = (part) => page.locator(`#part-${part} .tk-chip`).innerText();

/** Moves one part of the group from the tester console. */
const officer = (part, event, reason = '') => t.officer({ group: code, part }, event, { reason });

test('the automatic agency is paused so the tester moves each part by hand', async () => {
  await t.goto('/can-bo');
  await page.locator('#auto-agency').uncheck();
});

test('choose the parts: residence and the health card with the birth registration', async () => {
  await walk(t, ID, { until: 'nguoi-yeu-cau' });
  await fillOn({
    stop: 'giay-to',
    axe: true,
    pre: {
      // The mother files: her own ID finds the hospital's certificate.
      'nguoi-yeu-cau': () => page.locator('#f-nyc_quan_he').selectOption('me'),
      'thu-tuc': async () => {
        await page.locator('#f-lien_thong').check(); // thường trú
        await page.locator('#f-lien_thong--bhyt').check();
        assert.equal(await page.locator('#f-lien_thong--can_cuoc').isChecked(), false);
      },
    },
  });
  assert.equal(new URL(page.url()).pathname, `/khai/${ID}/giay-to`);
});

test('the hospital certificate found by the mother\'s ID is offered instead of an upload', async () => {
  const offer = page.locator('#certificate-offer');
  await offer.waitFor();
  const text = await offer.innerText();
  assert.ok(text.includes(CERT), 'the certificate code in the TT 22/2025 shape');
  assert.ok(text.includes('Bệnh viện Phụ sản Hà Nội'));
  assert.ok(await page.locator('#f-giay_chung_sinh').count(), 'the upload is asked until it is used');
  await t.axe('certificate offered');
  await page.locator('#certificate-use-0').click();
  await page.locator('#certificate-used').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'certificate-used'); // focus moves to what changed
  assert.equal(await page.locator('#f-gcs_ma').inputValue(), CERT);
  assert.equal(await page.locator('#f-giay_chung_sinh').count(), 0, 'no upload needed');
  await t.axe('certificate used');
  // An upload remains possible.
  await page.locator('#certificate-upload').click();
  await page.locator('#f-giay_chung_sinh').waitFor();
  assert.equal(await page.locator('#f-gcs_ma').inputValue(), '');
  // Used again, by keyboard.
  await page.locator('#certificate-use-0').focus();
  await page.keyboard.press('Enter');
  await page.locator('#certificate-used').waitFor();
  assert.equal(await page.locator('#f-giay_chung_sinh').count(), 0);
  await fillOn();
});

test('check answers shows each derived declaration with change links to where the answer was given', async () => {
  await page.locator('#derived-heading').waitFor();
  for (const part of ['khai_sinh', 'thuong_tru', 'bhyt']) {
    const decl = page.locator(`#decl-${part}`);
    assert.ok((await decl.innerText()).includes(CHILD), `the child's name flows into ${part} (from the certificate)`);
  }
  assert.equal(await page.locator('#decl-can_cuoc').count(), 0, 'a part not chosen has no declaration');
  const birth = await page.locator('#decl-khai_sinh').innerText();
  assert.ok(birth.includes(MOTHER), 'the mother in the birth declaration');
  assert.ok(birth.includes(CERT), 'the hospital certificate in the birth declaration');
  const card = await page.locator('#decl-bhyt').innerText();
  assert.ok(card.includes('Được cấp khi đăng ký khai sinh'), 'the child\'s new ID is the registration\'s');
  assert.ok(card.includes('Cơ quan điền'), 'a row the agency fills has no change link');
  await t.axe('check answers with derived declarations');
  // A change link in the health card's declaration goes to the one place the child's name was given.
  const link = page.locator('#decl-bhyt a[href$="/sua/tre_ho_ten"]');
  assert.equal(await link.count(), 1);
  await link.click();
  await page.waitForURL(`**/khai/${ID}/tre/sua/tre_ho_ten`);
  await page.waitForFunction(() => document.activeElement?.id === 'f-tre_ho_ten');
  assert.equal(await page.locator('#f-tre_ho_ten').inputValue(), CHILD);
  await t.cont();
  await page.waitForURL(`**/khai/${ID}/kiem-tra`);
});

test('one send files one parent group: one code, one receipt listing the parts', async () => {
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  code = await page.locator('#dossier-code').innerText();
  assert.match(code, /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
  const parts = await page.locator('#receipt-parts').innerText();
  for (const s of ['Đăng ký khai sinh: Mới đăng ký', 'Đăng ký thường trú: Chờ kết quả đăng ký', 'Cấp thẻ bảo hiểm y tế']) {
    assert.ok(parts.includes(s), `receipt lists ${s}`);
  }
  assert.ok(!parts.includes('căn cước'), 'the part not chosen is not filed');
  assert.ok((await page.locator('main').innerText()).includes('3.000722'), 'the procedure code of the group');
  await t.axe('group receipt');
});

test('the group dossier shows each part; dependents wait for the registration, explained', async () => {
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('khai_sinh'), 'Mới đăng ký');
  for (const part of ['thuong_tru', 'bhyt']) {
    assert.equal(await chip(part), 'Chờ kết quả đăng ký');
    assert.ok((await page.locator(`#part-${part}-why`).innerText()).includes('sau khi đăng ký khai sinh xong'));
  }
  assert.equal(await page.locator('#part-can_cuoc').count(), 0);
  assert.ok((await page.locator('#withdraw-rule').innerText()).includes('rút cả nhóm'));
  await t.axe('group dossier');
  await t.goto('/ho-so');
  const cards = page.locator('.tk-cards > li');
  assert.equal(await cards.count(), 1, 'the group is one item');
  const card = await cards.first().innerText();
  assert.ok(card.includes('Đăng ký khai sinh: Mới đăng ký'));
  assert.ok(card.includes('Đăng ký thường trú: Chờ kết quả đăng ký'));
  await t.axe('my dossiers with a group');
});

test('the tester console moves the registration first; dependents start after it', async () => {
  await t.goto('/can-bo');
  const group = page.locator(`li[data-group="${code}"]`);
  await group.waitFor();
  assert.equal(await group.locator('button[data-part="thuong_tru"]').count(), 0, 'a waiting part cannot be moved');
  await t.axe('officer console with a group');
  await officer('khai_sinh', 'Tiếp nhận hồ sơ');
  await officer('khai_sinh', 'Chuyển xử lý');
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('khai_sinh'), 'Đang xử lý');
  assert.equal(await chip('bhyt'), 'Chờ kết quả đăng ký', 'still waiting while the registration is processed');
  await officer('khai_sinh', 'Đã xử lý xong');
  await t.goto(`/ho-so/${code}`);
  await page.locator('#group-registered').waitFor();
  assert.match(await page.locator('#group-registered').innerText(), /số định danh cá nhân \d{12}/);
  assert.equal(await chip('khai_sinh'), 'Đã xử lý xong');
  for (const part of ['thuong_tru', 'bhyt']) {
    assert.equal(await chip(part), 'Mới đăng ký', `${part} started`);
    assert.ok((await page.locator(`#part-${part}`).innerText()).includes('Mã hồ sơ của thủ tục'));
  }
  assert.ok((await page.locator('#withdraw-rule').innerText()).includes('từng thủ tục'));
  await t.axe('group dossier after the registration');
});

test('a refused dependent part leaves the others going', async () => {
  await officer('thuong_tru', 'Từ chối tiếp nhận', 'Chỗ ở không đủ điều kiện đăng ký thường trú');
  for (const event of ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Đã xử lý xong', 'Trả kết quả']) await officer('bhyt', event);
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('thuong_tru'), 'Không được tiếp nhận');
  assert.equal(await chip('bhyt'), 'Đã trả kết quả');
  assert.equal(await chip('khai_sinh'), 'Đã xử lý xong', 'the registration stands');
  // Each part's own page says which group it belongs to.
  await page.locator('#part-bhyt').getByRole('link', { name: /Xem chi tiết thủ tục/ }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/ho-so/') && !u.pathname.endsWith(code));
  assert.ok((await page.locator('#part-of-group').innerText()).includes(code));
  await t.axe('a dependent part\'s own page');
  await t.goto('/ho-so');
  const card = await page.locator('.tk-cards > li').first().innerText();
  assert.ok(card.includes('Đăng ký thường trú: Không được tiếp nhận'));
  assert.ok(card.includes('Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi: Đã trả kết quả'));
  assert.equal(await page.locator('.tk-cards > li').count(), 1, 'still one item');
});

test('lookup by code shows the parts\' statuses and dates, nothing personal', async () => {
  await t.goto('/tra-cuu');
  await page.locator('#code').fill(code);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  const result = page.locator('#lookup-result');
  await result.locator('#part-khai_sinh').waitFor();
  const text = await result.innerText();
  for (const s of ['Đăng ký khai sinh', 'Đăng ký thường trú', 'Không được tiếp nhận', 'Đã trả kết quả', 'Hạn giải quyết']) {
    assert.ok(text.includes(s), `lookup shows ${s}`);
  }
  for (const s of [MOTHER, MOTHER_ID, CHILD, 'Chỗ ở không đủ điều kiện', 'SMS']) {
    assert.ok(!text.includes(s), `lookup does not show ${s}`);
  }
  await t.axe('lookup of a group');
});

test('the plain birth registration offers the hospital certificate before the child\'s details are typed, and fills them', async () => {
  const plain = 'khai-sinh';
  await walk(t, plain, { until: 'nguoi-yeu-cau' });
  const details = ['tre_ho_ten', 'tre_ngay_sinh', 'tre_gioi_tinh', 'tre_noi_sinh'];
  await fillSections(t, plain, {
    until: 'giay-to',
    skip: [...details, 'gcs_ma'],
    pre: {
      'nguoi-yeu-cau': () => page.locator('#f-nyc_quan_he').selectOption('me'),
      tre: async () => {
        const offer = page.locator('#certificate-offer');
        await offer.waitFor();
        assert.ok((await offer.innerText()).includes(CERT), 'found by the mother\'s ID on the child\'s page');
        assert.equal(await page.locator('#f-tre_ho_ten').inputValue(), '', 'nothing filled before it is used');
        await t.axe('certificate offered with the child\'s details');
        await page.locator('#certificate-use-0').click();
        await page.locator('#certificate-used').waitFor();
        await page.waitForFunction(() => document.activeElement?.id === 'certificate-used');
        assert.equal(await page.locator('#f-tre_ho_ten').inputValue(), CHILD);
        assert.equal(await page.locator('#f-tre_ngay_sinh').inputValue(), '19/11/2026');
        assert.equal(await page.locator('input[name="f-tre_gioi_tinh"]:checked').inputValue(), 'nam', 'the sex from the certificate');
        assert.ok((await page.locator('#f-tre_noi_sinh').inputValue()).startsWith('Bệnh viện Phụ sản Hà Nội'));
      },
    },
  });
  // Where the upload is asked, the certificate is already in use.
  await page.locator('#certificate-used').waitFor();
  assert.equal(await page.locator('#f-gcs_ma').inputValue(), CERT);
  assert.equal(await page.locator('#f-giay_chung_sinh').count(), 0, 'no upload needed');
  await t.axe('plain birth registration: certificate used');
  await fillSections(t, plain, { skip: ['gcs_ma'] });
  const check = await page.locator('main').innerText();
  assert.ok(check.includes(CHILD) && check.includes(CERT), 'check answers shows the child and the certificate');
  const row = (text) => page.locator('.tk-summary__row', { hasText: text }).first().innerText();
  assert.ok((await row(CHILD)).includes('Từ Giấy chứng sinh điện tử'), 'the child\'s name says where it came from');
  assert.ok(!(await row('Dân tộc của trẻ')).includes('Từ Giấy chứng sinh'), 'a typed answer does not');
  await t.axe('plain birth registration: check answers with the certificate\'s answers');
});
