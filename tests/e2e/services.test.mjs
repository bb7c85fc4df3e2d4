// Every service in the catalogue, at phone size, signed in as a seed citizen:
// open its page, start, consent, walk every section typing the sample
// answers (crates/core/src/sample.rs) into whatever is not prefilled, with
// axe on every page, until check-answers. One browser, one session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from './lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const samples = JSON.parse(execFileSync('cargo', ['run', '-q', '-p', 'tokhai-core', '--bin', 'samples'], { cwd: repo, encoding: 'utf8' }));
const catalog = JSON.parse(fs.readFileSync(path.join(repo, 'forms/catalog.json'), 'utf8'));
const formOf = (id) => JSON.parse(fs.readFileSync(path.join(repo, 'target/forms', `${id}.json`), 'utf8'));

let t, page;
before(async () => {
  t = await open();
  page = t.page;
  await t.goto('/dang-nhap');
  await page.getByRole('button', { name: 'Đăng nhập là Nguyễn Văn An' }).click();
  await page.getByText('Đã đăng nhập: Nguyễn Văn An').waitFor();
});
after(async () => t?.close());

const css = (id) => `#${id.replace(/\./g, '-')}`;

/** Types one answer into the field at `path` (an input id without `f-`), if it is there and editable. */
async function fill(field, pathId, answer) {
  const id = `f-${pathId}`;
  const el = page.locator(css(field.kind === 'address' ? `${id}-province` : id));
  if (!(await el.count())) return; // hidden by show_if, not on this page, or a locked registry address
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  if (tag === 'p' || tag === 'button' && field.kind !== 'group') return; // locked registry value
  const v = answer?.value;
  switch (field.kind) {
    case 'select':
      if (!(await el.inputValue())) await el.selectOption(v);
      return;
    case 'radio': case 'yes_no': case 'checkbox': case 'declaration':
      if (!(await el.isChecked())) await el.check();
      return;
    case 'address': {
      const province = page.locator(css(`${id}-province`));
      if (!(await province.count()) || (await province.inputValue())) return;
      await province.selectOption(v.province);
      await page.waitForFunction((s) => !document.querySelector(s).disabled, css(`${id}-ward`));
      await page.locator(css(`${id}-ward`)).selectOption(v.ward);
      await page.locator(css(`${id}-street`)).fill(v.street);
      return;
    }
    case 'file':
      await el.setInputFiles({ name: 'giay-to.pdf', mimeType: field.accept[0], buffer: Buffer.from('%PDF-1.4 mẫu') });
      return;
    case 'group': {
      if (await page.locator(css(`${id}-0-${field.fields[0].id}`)).count()) return; // rows already there
      const picker = page.locator(`${css(`${id}-chon`)}-0`);
      if (await picker.count()) {
        await picker.check();
        await page.getByRole('button', { name: 'Thêm những người đã chọn' }).click();
      }
      const rows = v ?? [];
      for (let i = 0; i < rows.length; i++) {
        if (!(await page.locator(css(`${id}-${i}-${field.fields[0].id}`)).count())) await el.click();
        for (const col of field.fields) await fill(col, `${pathId}.${i}.${col.id}`, rows[i][col.id]);
      }
      return;
    }
    default:
      if (!(await el.inputValue())) await el.fill(v);
  }
}

for (const entry of catalog) {
  test(`${entry.id}: start, consent, every section with axe, check answers`, async () => {
    const form = formOf(entry.id);
    const answers = samples[entry.id];
    assert.ok(answers, `samples for ${entry.id}`);
    await t.goto(`/dich-vu/${entry.id}`);
    await t.axe(`${entry.id}: service page`);
    await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
    await page.waitForURL(/\/khai\/[^/]+\/[^/]+$/); // consent or the first section, not the bare start address
    if (page.url().endsWith('/chia-se-du-lieu')) {
      await t.axe(`${entry.id}: consent`);
      await page.getByRole('button', { name: 'Đồng ý, điền sẵn cho tôi' }).click();
    }
    for (const section of form.sections) {
      const url = new RegExp(`/khai/${entry.id}/${section.id}$`);
      try {
        await page.waitForURL(url, { timeout: 5000 });
      } catch {
        if (process.env.E2E_DEBUG) console.error("skip", section.id, page.url());
        continue; // a section that does not apply is skipped by the journey
      }
      for (const f of section.fields) await fill(f, f.id, answers[f.id]);
      await t.axe(`${entry.id}: ${section.id}`);
      const here = new URL(page.url()).pathname;
      await t.cont();
      const summary = page.locator('#error-summary');
      await page.waitForFunction((u) => location.pathname !== u, here, { timeout: 5000 }).catch(async () => {
        assert.fail(`${entry.id}/${section.id} did not continue: ${(await summary.count()) ? await summary.innerText() : 'no summary'}`);
      });
    }
    await page.waitForURL(`**/khai/${entry.id}/kiem-tra`);
    await t.axe(`${entry.id}: check answers`);
  });
}
