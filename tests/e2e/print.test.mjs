// The declaration on paper: CT01 (permanent residence) and the birth
// registration, filled and blank, printed by Chromium to an A4 PDF and read
// back with pdftotext (Debian's poppler-utils): title, form code line, every
// answered text item, the signature columns, page count; no app chrome and no
// personal data in the page title or address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { open } from './lib.mjs';
import { walk, formOf, samples } from './walk.mjs';

let t, page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokhai-print-'));
before(async () => {
  t = await open();
  page = t.page;
});
after(async () => t?.close());

/** Prints the page to PDF; returns its text (whitespace removed: lines wrap anywhere) and page count. */
async function printed(name) {
  await page.emulateMedia({ media: 'print' });
  const file = path.join(tmp, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  return { text, flat: text.replace(/\s+/g, ''), pages };
}
const flat = (s) => s.replace(/\s+/g, '');

/** The text answers of a form's samples as they would print (plain text kinds only). */
function textAnswers(id) {
  const form = formOf(id);
  const answers = samples()[id];
  const out = [];
  for (const s of form.sections) {
    for (const f of s.fields) {
      const a = answers[f.id];
      if (a?.type === 'text' && ['text', 'long_text', 'phone', 'email', 'personal_id', 'date', 'number'].includes(f.kind)) {
        out.push([f.id, a.value]);
      }
    }
  }
  return out;
}

const common = (r) => {
  assert.ok(r.flat.includes(flat('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')), 'national motto');
  assert.ok(r.flat.includes(flat('Độc lập - Tự do - Hạnh phúc')), 'motto line');
  for (const chrome of ['Tờ Khai', 'Đăng nhập', 'Tiếng Việt', 'English', 'Chuyển đến nội dung chính']) {
    assert.ok(!r.text.includes(chrome), `no app chrome: ${chrome}`);
  }
};

test('CT01 filled: the official layout with every answered item and the four signature columns', async () => {
  await t.signIn('Nguyễn Văn An');
  await walk(t, 'dang-ky-thuong-tru');
  await page.getByRole('link', { name: 'In tờ khai' }).click();
  await page.waitForURL('**/khai/dang-ky-thuong-tru/in');
  await page.locator('.tk-sheet').waitFor();
  await t.axe('print page, CT01 filled');
  const title = await page.title();
  assert.ok(!title.includes('Nguyễn') && !title.includes('001085004217'), 'no personal data in the page title');
  const r = await printed('ct01');
  common(r);
  assert.ok(r.flat.includes(flat('TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ')), 'title');
  assert.ok(r.flat.includes(flat('Mẫu CT01')), 'form code line');
  assert.ok(r.flat.includes(flat('Kính gửi')), 'Kính gửi');
  for (const col of ['Ý KIẾN CỦA CHỦ HỘ', 'Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP', 'NGƯỜI KÊ KHAI']) {
    assert.ok(r.flat.includes(flat(col)), `signature column ${col}`);
  }
  assert.ok(r.flat.includes('NguyễnVănAn'), 'the declarant (prefilled) is printed');
  for (const [id, v] of textAnswers('dang-ky-thuong-tru')) {
    // Who consents is asked on the screen; CT01 prints the head of household's consent with a name line only.
    if (['vao_ho', 'nguoi_dong_y_ten', 'nguoi_dong_y_so_dinh_danh'].includes(id)) continue;
    assert.ok(r.flat.includes(flat(v)), `answer ${id} = ${v} is printed`);
  }
  assert.ok(r.pages >= 1 && r.pages <= 4, `page count ${r.pages}`);
});

test('CT01 blank: a form to fill by hand, with dotted lines, 12 ID boxes and no one\'s data', async () => {
  await t.goto('/dich-vu/dang-ky-thuong-tru');
  await page.getByRole('link', { name: 'In tờ khai trống' }).click();
  await page.waitForURL('**/in-to-khai-trong');
  await page.locator('.tk-sheet').waitFor();
  await t.axe('print page, CT01 blank');
  const r = await printed('ct01-blank');
  common(r);
  assert.ok(r.flat.includes(flat('TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ')));
  assert.ok(r.flat.includes(flat('Mẫu CT01')));
  assert.ok(r.text.includes('……') || r.text.includes('.....'), 'dotted lines to write on');
  assert.ok(!r.flat.includes('NguyễnVănAn') && !r.flat.includes('001085004217'), 'nobody\'s data on a blank form');
  assert.ok(r.flat.includes(flat('NGƯỜI KÊ KHAI')));
  assert.equal(await page.locator('.tk-sheet__boxes').first().locator('.tk-sheet__box').count(), 12, '12 boxes for an ID number');
});

test('birth registration, filled from a dossier and blank', async () => {
  await walk(t, 'khai-sinh');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  const code = await page.locator('#dossier-code').innerText();
  await t.goto(`/ho-so/${code}`);
  await page.getByRole('link', { name: 'In tờ khai' }).click();
  await page.waitForURL(`**/ho-so/${code}/in`);
  await page.locator('.tk-sheet').waitFor();
  assert.ok(!page.url().includes('001085004217'));
  const r = await printed('khai-sinh');
  common(r);
  assert.ok(r.flat.includes(flat('TỜ KHAI ĐĂNG KÝ KHAI SINH')), 'title');
  assert.ok(r.flat.includes(flat('04/2020/TT-BTP')), 'form code line');
  assert.ok(r.flat.includes(flat('NGƯỜI YÊU CẦU')), 'signature column');
  for (const [id, v] of textAnswers('khai-sinh')) assert.ok(r.flat.includes(flat(v)), `answer ${id} = ${v} is printed`);
  await t.goto('/khai/khai-sinh/in-to-khai-trong');
  await page.locator('.tk-sheet').waitFor();
  const blank = await printed('khai-sinh-blank');
  assert.ok(blank.flat.includes(flat('TỜ KHAI ĐĂNG KÝ KHAI SINH')));
  assert.ok(!blank.flat.includes('NguyễnVănAn'));
});
