// The death group end to end (issue 15), and the birth group's age limit, at
// phone size with axe. A child of 6 or over cannot use the birth group: the
// date of birth says why and the form does not go on. The son
// (Nguyễn Văn An) files lien-thong-khai-tu for his mother (Lê Thị Hoa,
// 001158003721), picked from his household; the hospital's death notice found
// by her ID is used instead of an upload; residence removal and the BHXH
// funeral allowance (paid to a bank account) are chosen; check answers shows
// each agency's declaration; one group is filed; a refused registration stops
// both dependent parts and says why. Filed again: the registration goes
// through, the residence removal reaches its signed result, the funeral
// allowance is withdrawn on its own (one part, after the registration); filed
// a third time, the whole group is withdrawn before the registration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './lib.mjs';
import { fill, fillSections, formOf, samples, walk } from './walk.mjs';

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

const officer = (part, event, reason = '') => t.officer({ group: code, part }, event, { reason });

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

/** The son walks the death group from the service page to check answers:
 * his mother picked from the household, residence removal and the BHXH
 * funeral allowance chosen, the hospital's death notice used. `copies` (of
 * the extract) makes a filing differ from the one before: the same answers
 * sent again are the same dossier (the idempotency key). */
async function fileForMother({ axe = false, copies = '1' } = {}) {
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
      if (axe) await t.axe('death notice offered');
      await page.locator('#certificate-use-0').click();
      await page.locator('#certificate-used').waitFor();
      assert.equal(await page.locator('#f-giay_bao_tu').count(), 0, 'no upload needed');
    },
  };
  await fillSections(t, ID, {
    pre,
    axe,
    skip: ['nguoi_mat'], // filled above, from the household
    answers: { ban_sao_so_luong: { type: 'text', value: copies } },
  });
}

/** Sends from check answers; returns the group's code. */
async function send() {
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  return page.locator('#dossier-code').innerText();
}

/** Withdraws the dossier `which` (a group or a part) from its page, with a reason. */
async function withdraw(which, reason) {
  await t.goto(`/ho-so/${which}`);
  await page.getByRole('link', { name: 'Rút hồ sơ' }).click();
  await page.waitForURL(/\/rut-ho-so$/);
  await page.locator('#reason').fill(reason);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.locator('#confirm-withdraw').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/rut-ho-so'));
}

test('the son files for his mother: she is picked from the household, the hospital\'s death notice is used', async () => {
  await fileForMother({ axe: true });
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
  code = await send();
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

test('filed again: the registration goes through, the residence removal reaches its signed result, the allowance is withdrawn on its own', async () => {
  await fileForMother({ copies: '2' });
  code = await send();
  for (const event of ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Đã xử lý xong']) await officer('khai_tu', event);
  await t.goto(`/ho-so/${code}`);
  await page.locator('#group-registered').waitFor();
  for (const part of ['xoa_thuong_tru', 'mai_tang_bhxh']) assert.equal(await chip(part), 'Mới đăng ký', `${part} started`);
  assert.ok((await page.locator('#withdraw-rule').innerText()).includes('từng thủ tục'), 'after the registration, part by part');
  assert.equal(await page.getByRole('link', { name: 'Rút hồ sơ' }).count(), 0, 'no withdrawal of the whole group any more');

  // One part withdrawn after the registration: only that part.
  const allowance = await page.locator('#part-mai_tang_bhxh a').first().getAttribute('href');
  await withdraw(decodeURIComponent(allowance.split('/ho-so/')[1]), 'Gia đình đã nhận trợ cấp mai táng tại nơi khác');
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('mai_tang_bhxh'), 'Công dân yêu cầu rút hồ sơ');
  assert.equal(await chip('xoa_thuong_tru'), 'Mới đăng ký', 'the other part goes on');
  assert.equal(await chip('khai_tu'), 'Đã xử lý xong', 'the registration stands');

  // The residence removal to its result, signed by its agency and checked here.
  for (const event of ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Đã xử lý xong', 'Trả kết quả']) await officer('xoa_thuong_tru', event);
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('xoa_thuong_tru'), 'Đã trả kết quả');
  await t.axe('a death group with a result and a withdrawn part');
  await page.locator('#part-xoa_thuong_tru').getByRole('link', { name: /Xem chi tiết thủ tục/ }).click();
  await page.getByRole('link', { name: 'Xem kết quả' }).first().click();
  await page.waitForURL(/\/ket-qua$/);
  await page.getByText('Chữ ký số hợp lệ').first().waitFor({ timeout: 15000 });
  const result = await page.locator('main').innerText();
  assert.ok(result.includes(DECEASED), `the result names the deceased: ${result}`);
  await t.axe('the residence removal\'s result');
});

test('filed a third time: the whole group is withdrawn before the registration, every part with it', async () => {
  await fileForMother({ copies: '3' });
  code = await send();
  await t.goto(`/ho-so/${code}`);
  assert.ok((await page.locator('#withdraw-rule').innerText()).includes('rút cả nhóm'));
  await withdraw(code, 'Gia đình sẽ nộp hồ sơ trực tiếp tại Ủy ban nhân dân xã');
  await t.goto(`/ho-so/${code}`);
  assert.equal(await chip('khai_tu'), 'Công dân yêu cầu rút hồ sơ');
  for (const part of ['xoa_thuong_tru', 'mai_tang_bhxh']) {
    assert.ok(!(await page.locator(`#part-${part}`).innerText()).includes('Mới đăng ký'), `${part} never started`);
  }
  await t.axe('a withdrawn group');
  await t.goto('/can-bo');
  const group = page.locator(`li[data-group="${code}"]`);
  await group.waitFor();
  assert.equal(await group.locator('button[data-part="xoa_thuong_tru"]').count(), 0, 'nothing left to move');
});
