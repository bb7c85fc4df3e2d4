// Filling forms in the browser from the sample answers of crates/core/src/sample.rs,
// shared by the end-to-end tests that walk whole forms.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let cached;
/** Sample answers of every form, by form id (built once per test file). */
export function samples() {
  cached ??= JSON.parse(execFileSync('cargo', ['run', '-q', '-p', 'tokhai-core', '--bin', 'samples'], { cwd: repo, encoding: 'utf8' }));
  return cached;
}
/** The resolved form definition (target/forms, written by build-forms). */
export const formOf = (id) => JSON.parse(fs.readFileSync(path.join(repo, 'target/forms', `${id}.json`), 'utf8'));

const css = (id) => `#${id.replace(/\./g, '-')}`;

/** Whether the field's element is a locked registry value (text, not a control). */
const locked = async (el, field) => {
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  return tag === 'p' || (tag === 'button' && field.kind !== 'group');
};

/** Types one answer into the field at `path` (an input id without `f-`), if it is there and editable. */
export async function fill(page, field, pathId, answer, file) {
  const id = `f-${pathId}`;
  const el = page.locator(css(field.kind === 'address' ? `${id}-province` : id));
  if (!(await el.count())) return; // hidden by show_if, not on this page, or a locked registry address
  if (await locked(el, field)) return;
  try {
    await fillControl(page, el, field, id, pathId, answer, file);
  } catch (e) {
    // A database that answers while the field is being read may lock it (the
    // app fills an untouched field from the record): that answer stands.
    if ((await el.count()) && (await locked(el, field))) return;
    throw e;
  }
}

async function fillControl(page, el, field, id, pathId, answer, file) {
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
      await el.setInputFiles({ name: 'giay-to.pdf', mimeType: field.accept[0], buffer: file ?? Buffer.from('%PDF-1.4 mẫu') });
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
        for (const col of field.fields) await fill(page, col, `${pathId}.${i}.${col.id}`, rows[i][col.id], file);
      }
      return;
    }
    default:
      if (!(await el.inputValue())) await el.fill(v);
  }
}


/** From the service page to check answers: start, consent, every section filled with the samples.
 * With `until`, stops on that section's page before filling it; with `inApp`, starts without reloading. */
export async function walk(t, id, { axe = false, until, inApp = false, file } = {}) {
  const page = t.page;
  await (inApp ? t.nav(`/dich-vu/${id}`) : t.goto(`/dich-vu/${id}`));
  await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
  await page.waitForURL(/\/khai\/[^/]+\/[^/]+$/);
  if (page.url().endsWith('/chia-se-du-lieu')) {
    await page.getByRole('button', { name: 'Đồng ý, điền sẵn cho tôi' }).click();
    await page.waitForFunction(() => !location.pathname.endsWith('/chia-se-du-lieu'));
  }
  await fillSections(t, id, { axe, until, file });
}

/** From the section the app is on, fills each section with the samples and
 * goes on, to check answers (or until the section `until`, not filled). The
 * app's journey decides the next section (one that does not apply is
 * skipped): the address is followed. `pre[section]` runs on that section
 * first; `skip` names fields left alone; `answers` replaces samples by id. */
export async function fillSections(t, id, { axe = false, until, file, pre = {}, skip = [], answers = {} } = {}) {
  const page = t.page;
  const form = formOf(id);
  const sample = { ...samples()[id], ...answers };
  for (let guard = 0; guard <= form.sections.length; guard++) {
    const here = new URL(page.url()).pathname;
    if (here === `/khai/${id}/kiem-tra`) return;
    const section = form.sections.find((s) => here === `/khai/${id}/${s.id}`);
    assert.ok(section, `${here} is a section of ${id}`);
    if (section.id === until) return;
    if (pre[section.id]) await pre[section.id]();
    for (const f of section.fields) if (!skip.includes(f.id)) await fill(page, f, f.id, sample[f.id], file);
    if (axe) await t.axe(`${id}: ${section.id}`);
    await t.cont();
    await page.waitForFunction((u) => location.pathname !== u, here, { timeout: 5000 });
  }
  assert.fail(`${id}: ${until ?? 'check answers'} not reached`);
}
