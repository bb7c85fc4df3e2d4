// The death group end to end (issue 15), and the birth group's age limit, at
// phone size with axe. A child of 6 or over cannot use the birth group: the
// date of birth says why and the form does not go on. The son
// (Nguyễn Văn An) files lien-thong-khai-tu for his mother (Lê Thị Hoa,
// 001158003721), picked from his household; the hospital's death notice found
// by her ID is used instead of an upload; residence removal and the BHXH
// funeral allowance (paid to a bank account) are chosen; check answers shows
// each agency's declaration; one group is filed; a refused registration stops
// both dependent parts and says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './lib.mjs';
import { fill, formOf, samples, walk } from './walk.mjs';

const ID = 'lien-thong-khai-tu';
const DECEASED = 'Lê Thị Hoa';
const NOTICE = '01001.GBT.00342.26';

let t, page, code;
before(async () => {
  t = await open();
  page = t.page;
  await t.signIn('Nguyễn Văn An');
  await t.goto('/can-bo');
  await page.locator('#auto-agency').uncheck();
});
after(async () => t?.close());

const chip = (part) => page.locator(`#part-${part} .tk-chip`).innerText();

async function officer(part, event, reason = '') {
  await t.goto('/can-bo');
  await page.locator(`button[data-group="${code}"][data-part="${part}"]`).click();
  await page.locator('#officer-event').selectOption({ label: event });
  if (reason) await page.locator('#officer-reason').fill(reason);
  await page.locator('#officer-apply').click();
  await page.getByText('Đã cập nhật trạng thái hồ sơ.').waitFor();
}

test('the birth group is for children under 6: an older child is stopped at the date of birth, with why', async () => {
  const id = 'lien-thong-khai-sinh';
  const form = formOf(id);
  const answers = samples()[id];
  await walk(t, id, { until: 'tre' });
  const section = form.sections.find((s) => s.id === 'tre');
  await page.locator('#f-tre_ngay_sinh').fill('03/09/2019');
  for (const f of section.fields) await fill(page, f, f.id, answers[f.id]);
  await t.cont();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.ok((await summary.innerText()).includes('dưới 6 tuổi'), await summary.innerText());
  assert.equal(new URL(page.url()).pathname, `/khai/${id}/tre`, 'the form does not go on');
  await t.axe('the birth group refused for a child of 7');
  // A newborn's date goes on.
  await page.locator('#f-tre_ngay_sinh').fill(answers.tre_ngay_sinh.value);
  await t.cont();
  await page.waitForFunction(() => !location.pathname.endsWith('/tre'));
});

test('the son files for his mother: she is picked from the household, the hospital\'s death notice is used', async () => {
  const form = formOf(ID);
  const answers = samples()[ID];
  await walk(t, ID, { until: 'nguoi-yeu-cau' });
  const pre = {
    'nguoi-yeu-cau': () => page.locator('#f-nyc_quan_he').selectOption('con'),
    'nguoi-mat': async () => {
      await page.getByLabel(DECEASED).check();
      await page.getByRole('button', { name: 'Thêm những người đã chọn' }).click();
      const group = form.sections.find((s) => s.id === 'nguoi-mat').fields.find((f) => f.id === 'nguoi_mat');
      for (const col of group.fields) await fill(page, col, `nguoi_mat.0.${col.id}`, answers.nguoi_mat.value[0][col.id]);
    },
    'thu-tuc': async () => {
      await page.locator('#f-doi_tuong').selectOption('bhxh');
      for (const part of ['xoa_thuong_tru', 'mai_tang_bhxh']) {
        const box = page.locator(part === 'xoa_thuong_tru' ? '#f-lien_thong' : `#f-lien_thong--${part}`);
        if (!(await box.isChecked())) await box.check();
      }
    },
    'giay-to': async () => {
      const offer = page.locator('#certificate-offer');
      await offer.waitFor();
      assert.ok((await offer.innerText()).includes(NOTICE), 'the death notice found by the deceased\'s ID');
      await t.axe('death notice offered');
      await page.locator('#certificate-use-0').click();
      await page.locator('#certificate-used').waitFor();
      assert.equal(await page.locator('#f-giay_bao_tu').count(), 0, 'no upload needed');
    },
  };
  for (let guard = 0; guard <= form.sections.length; guard++) {
    const here = new URL(page.url()).pathname;
    if (here === `/khai/${ID}/kiem-tra`) break;
    const section = form.sections.find((s) => here === `/khai/${ID}/${s.id}`);
    assert.ok(section, `${here} is a section of ${ID}`);
    if (pre[section.id]) await pre[section.id]();
    for (const f of section.fields) {
      if (f.id === 'nguoi_mat') continue; // filled above, from the household
      await fill(page, f, f.id, answers[f.id]);
    }
    await t.axe(`${ID}: ${section.id}`);
    await t.cont();
    await page.waitForFunction((u) => location.pathname !== u, here, { timeout: 5000 });
  }
  assert.equal(new URL(page.url()).pathname, `/khai/${ID}/kiem-tra`);
});

test('check answers shows the death registration, the residence removal and the funeral allowance as each agency sees them', async () => {
  for (const part of ['khai_tu', 'xoa_thuong_tru', 'mai_tang_bhxh']) {
    const decl = page.locator(`#decl-${part}`);
    await decl.waitFor();
    assert.ok((await decl.innerText()).includes(DECEASED), `the deceased's name flows into ${part}`);
  }
  assert.ok((await page.locator('#decl-khai_tu').innerText()).includes(NOTICE), 'the death notice in the registration');
  assert.equal(await page.locator('#decl-tu_tuat').count(), 0, 'a part not chosen has no declaration');
  await t.axe('check answers of the death group');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  code = await page.locator('#dossier-code').innerText();
  const parts = await page.locator('#receipt-parts').innerText();
  assert.ok(parts.includes('Đăng ký khai tử: Mới đăng ký'), parts);
  assert.ok((await page.locator('main').innerText()).includes('2.002913'), 'the procedure code of the group');
});

test('a refused registration stops the dependent parts and says why', async () => {
  await officer('khai_tu', 'Từ chối tiếp nhận', 'Giấy báo tử không khớp với dữ liệu hộ tịch');
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('khai_tu'), 'Không được tiếp nhận');
  for (const part of ['xoa_thuong_tru', 'mai_tang_bhxh']) {
    const text = await page.locator(`#part-${part}`).innerText();
    assert.ok(!text.includes('Mới đăng ký'), `${part} never started`);
    assert.ok(/khai tử/i.test(await page.locator(`#part-${part}-why`).innerText()), `${part} says it stopped with the registration`);
  }
  await t.axe('a group whose registration was refused');
  await t.goto('/can-bo');
  const group = page.locator(`li[data-group="${code}"]`);
  await group.waitFor();
  assert.equal(await group.locator('button[data-part="xoa_thuong_tru"]').count(), 0, 'a halted part cannot be moved');
});
