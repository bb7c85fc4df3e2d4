// Every service in the catalogue, at phone size, signed in as a seed citizen:
// open its page, start, consent, walk every section typing the sample
// answers (crates/core/src/sample.rs) into whatever is not prefilled, with
// axe on every page, until check-answers; then send it and see the receipt.
// One browser, one session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from './lib.mjs';
import { fill, formOf, samples } from './walk.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalog = JSON.parse(fs.readFileSync(path.join(repo, 'forms/catalog.json'), 'utf8'));

let t, page;
before(async () => {
  t = await open();
  page = t.page;
  await t.signIn('Nguyễn Văn An');
});
after(async () => t?.close());

for (const entry of catalog) {
  test(`${entry.id}: start, consent, every section with axe, check answers`, async () => {
    const form = formOf(entry.id);
    const answers = samples()[entry.id];
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
      for (const f of section.fields) await fill(page, f, f.id, answers[f.id]);
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
    // Send it: a dossier code in the official shape, a receipt with its QR code.
    if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
    await page.locator('#send').click();
    await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
    const code = await page.locator('#dossier-code').innerText();
    assert.match(code, /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/, `${entry.id}: dossier code`);
    assert.equal(await page.locator('#receipt-qr path').count(), 1);
  });
}
