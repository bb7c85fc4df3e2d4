// Prerendered pages (crates/prerender) and hydration (src/services/boot.rs),
// in Chromium at 360x740: every prerendered page is taken over in place with
// no error; what a citizen types, ticks or presses before the app has arrived
// is kept and acted on once, and a word being composed by a Vietnamese IME
// stays in composition; a page that does not match the app still ends
// up working with the answers; nothing personal is in any built page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { open, until, DIST, prerenderedPages } from './lib.mjs';

const CT01 = '/khai/dang-ky-thuong-tru/nguoi-khai';
const WASM = '**/*_bg.wasm';

let t;
before(async () => { t = await open(); });
after(async () => t?.close());

/** A page of its own whose wasm waits until `release()` is called. */
async function heldPage() {
  const p = await t.context.newPage();
  const problems = [];
  p.on('pageerror', (e) => problems.push(String(e)));
  p.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  let release;
  const held = new Promise((r) => { release = r; });
  await p.route(WASM, async (route) => { await held; await route.continue(); });
  return { p, problems, release };
}

/** Continue to CT01's next section, then back: what the fields show then comes from the app. */
async function onAndBack(p) {
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  await p.waitForURL('**/khai/dang-ky-thuong-tru/chu-ho');
  await p.goBack();
  await p.waitForURL('**' + CT01);
}

test('every prerendered page is taken over in place, with no error in the console', async () => {
  const pages = prerenderedPages();
  assert.equal(pages.length, 1 + 53 + 53, 'the catalogue, 53 service pages, 53 first sections');
  const p = await t.context.newPage();
  const problems = [];
  p.on('pageerror', (e) => problems.push(`${p.url()}: ${e}`));
  p.on('console', (m) => { if (m.type() === 'error') problems.push(`${p.url()}: ${m.text()}`); });
  // The first element the server sent, remembered before any wasm runs.
  await p.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.__first = document.getElementById('tk-app').firstElementChild;
  }));
  try {
    for (const route of pages) {
      await p.goto(t.server.url + route);
      await p.waitForSelector('html[data-ready="true"]');
      const state = await p.evaluate(() => ({
        same: !!window.__first && window.__first === document.getElementById('tk-app').firstElementChild && window.__first.isConnected,
        fallback: !!window.__tkNoHydrate,
        h1: document.querySelector('h1')?.textContent || '',
        boot: !!document.getElementById('tk-boot'),
      }));
      assert.ok(state.same && !state.fallback, `${route} hydrated in place`);
      assert.ok(state.h1.length > 0, `${route} has its heading`);
      assert.equal(state.boot, false, `${route}: the loading layer is gone`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await p.close();
  }
});

test('before the app arrives a form page works as a page: labels, keyboards, links; axe before and after', async () => {
  const { p, release } = await heldPage();
  try {
    await p.goto(t.server.url + CT01);
    // Nothing but the HTML yet.
    assert.equal(await p.getAttribute('html', 'data-ready'), null);
    assert.equal(await p.locator('#tk-boot').isVisible(), false, 'no loading screen over a prerendered page');
    assert.equal(await p.locator('h1').innerText(), 'Thông tin người khai');
    const id = p.getByLabel('Số định danh cá nhân');
    assert.equal(await id.getAttribute('inputmode'), 'numeric');
    assert.equal(await id.getAttribute('autocomplete'), 'off');
    assert.notEqual(await p.getByLabel('Họ, chữ đệm và tên khai sinh').getAttribute('required'), null);
    assert.equal(await p.getByLabel('Số điện thoại liên hệ').getAttribute('type'), 'tel');
    assert.equal(await p.getByLabel(/^Email/).getAttribute('type'), 'email');
    assert.equal(await p.locator('form.tk-form').getAttribute('method'), 'post', 'never answers in the address');
    assert.equal(await p.getByRole('link', { name: 'Quay lại' }).getAttribute('href'), '/');
    await t.axe('prerendered CT01 before the app', p);
    release();
    await p.waitForSelector('html[data-ready="true"]');
    await t.axe('prerendered CT01 after the app', p);
  } finally {
    await p.close();
  }
});

test('typed, ticked and focused before the app arrives: all kept, caret included', async () => {
  const { p, problems, release } = await heldPage();
  try {
    await p.goto(t.server.url + CT01);
    await p.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Lò Văn Pằng');
    await p.getByLabel('Nữ', { exact: true }).check();
    const phone = p.getByLabel('Số điện thoại liên hệ');
    await phone.fill('0912345678');
    await phone.evaluate((el) => el.setSelectionRange(4, 4)); // the citizen is fixing a digit
    release();
    await p.waitForSelector('html[data-ready="true"]');
    assert.equal(await p.getByLabel('Họ, chữ đệm và tên khai sinh').inputValue(), 'Lò Văn Pằng');
    assert.equal(await p.getByLabel('Nữ', { exact: true }).isChecked(), true);
    assert.equal(await phone.inputValue(), '0912345678');
    assert.deepEqual(await p.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart]), ['f-dien_thoai', 4]);
    // The app has the answers: typing goes on where the caret was, and Continue
    // finds only the questions not answered yet.
    await p.keyboard.type('9');
    assert.equal(await phone.inputValue(), '09129345678');
    await phone.fill('0912345678');
    await p.getByRole('button', { name: 'Tiếp tục' }).click();
    await p.locator('#error-summary').waitFor();
    const errors = await p.locator('#error-summary a').allInnerTexts();
    assert.ok(!errors.some((e) => /họ, chữ đệm và tên|giới tính|điện thoại/i.test(e)), errors.join('\n'));
    assert.ok(errors.some((e) => /ngày, tháng, năm sinh/i.test(e)), errors.join('\n'));
    assert.deepEqual(problems, []);
  } finally {
    await p.close();
  }
});

test('a Vietnamese word being composed (Telex, VNI) when the app arrives: the composition goes on', async () => {
  const { p, problems, release } = await heldPage();
  try {
    await p.goto(t.server.url + CT01);
    const name = p.getByLabel('Họ, chữ đệm và tên khai sinh');
    await name.click();
    await p.keyboard.type('Nguy');
    await name.evaluate((el) => {
      window.__ime = [];
      for (const k of ['compositionstart', 'compositionend']) el.addEventListener(k, () => window.__ime.push(k));
    });
    // A phone keyboard's IME holds "ê" (Telex "ee") as a composition, not yet committed.
    const cdp = await t.context.newCDPSession(p);
    await cdp.send('Input.imeSetComposition', { text: 'ê', selectionStart: 1, selectionEnd: 1 });
    assert.deepEqual(await p.evaluate(() => window.__ime), ['compositionstart']);
    release();
    await p.waitForSelector('html[data-ready="true"]');
    // Taking over the page neither ended nor replaced the composition.
    assert.deepEqual(await p.evaluate(() => window.__ime), ['compositionstart']);
    assert.equal(await name.inputValue(), 'Nguyê');
    assert.deepEqual(await p.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart]), ['f-ho_ten', 5]);
    // The citizen goes on ("ee" + "x" is "ễ"), commits, and types on.
    await cdp.send('Input.imeSetComposition', { text: 'ễ', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'ễ' });
    assert.deepEqual(await p.evaluate(() => window.__ime), ['compositionstart', 'compositionend']);
    await p.keyboard.type('n Thị Hoa');
    assert.equal(await name.inputValue(), 'Nguyễn Thị Hoa');
    // The app holds the committed word: it is there again after moving on and back.
    await p.getByLabel(/Ngày, tháng, năm sinh/).fill('05/03/1990');
    await p.getByLabel('Nữ', { exact: true }).check();
    await p.getByLabel('Số định danh cá nhân').fill('001190012345');
    await p.getByLabel('Số điện thoại liên hệ').fill('0912345678');
    await onAndBack(p);
    assert.equal(await p.getByLabel('Họ, chữ đệm và tên khai sinh').inputValue(), 'Nguyễn Thị Hoa');
    assert.deepEqual(problems, []);
  } finally {
    await p.close();
  }
});

test('signed in with a draft: what is typed before the app arrives wins over the draft; over a locked registry value it is offered as a correction', async () => {
  const p = await t.context.newPage();
  try {
    await p.goto(t.server.url + '/dang-nhap');
    await p.getByRole('button', { name: 'Đăng nhập là Nguyễn Văn An' }).click();
    await p.getByText('Đã đăng nhập: Nguyễn Văn An').waitFor();
    await p.goto(t.server.url + '/dich-vu/dang-ky-thuong-tru');
    await p.getByRole('link', { name: 'Bắt đầu khai' }).click();
    await p.waitForURL('**/chia-se-du-lieu');
    await p.getByRole('button', { name: 'Đồng ý, điền sẵn cho tôi' }).click();
    await p.waitForURL('**' + CT01);
    assert.equal(await p.getByLabel('Số điện thoại liên hệ').inputValue(), '0904217365', 'prefilled, editable');
    await p.getByLabel('Email (không bắt buộc)').fill('an@example.vn');
    await p.getByText('Đã lưu nháp lúc', { exact: false }).waitFor();
    // The same tab again, the app slow to arrive: the prerendered page is the
    // blank one (nothing personal in it), and the citizen corrects the phone.
    let release;
    const held = new Promise((r) => { release = r; });
    await p.route(WASM, async (route) => { await held; await route.continue(); });
    const problems = [];
    p.on('pageerror', (e) => problems.push(String(e)));
    await p.reload();
    const phone = p.getByLabel('Số điện thoại liên hệ');
    assert.equal(await phone.inputValue(), '');
    await phone.fill('0356789012');
    // The name box, which the registry's locked value will replace.
    await p.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Nguyễn Văn Ân');
    release();
    await p.waitForSelector('html[data-ready="true"]');
    // The draft and the prefill come in, and leave the phone as typed.
    await p.locator('p#f-ho_ten').waitFor();
    assert.equal(await p.locator('#f-ho_ten').innerText(), 'Nguyễn Văn An');
    await until(async () => (await p.getByLabel('Email (không bắt buộc)').inputValue()) === 'an@example.vn', 'the draft applied');
    assert.equal(await phone.inputValue(), '0356789012');
    // The registry's name stays; what was typed is not lost but offered, to record or not.
    const offered = p.locator('#f-ho_ten-offered');
    assert.match(await offered.innerText(), /^Bạn đã gõ “Nguyễn Văn Ân” vào ô này trước khi trang sẵn sàng\./);
    assert.equal(await p.locator('#f-ho_ten-sua').inputValue(), 'Nguyễn Văn Ân');
    assert.equal(await p.getByText('Đã ghi nhận đề nghị điều chỉnh', { exact: false }).count(), 0, 'not recorded for them');
    await t.axe('a typed name offered as a correction', p);
    await p.getByRole('button', { name: 'Ghi nhận đề nghị điều chỉnh' }).click();
    await p.getByText('Đã ghi nhận đề nghị điều chỉnh “Nguyễn Văn Ân”', { exact: false }).waitFor();
    assert.equal(await offered.count(), 0);
    // And the app holds it: on to the next section and back.
    await onAndBack(p);
    assert.equal(await p.getByLabel('Số điện thoại liên hệ').inputValue(), '0356789012');
    assert.deepEqual(problems, []);
  } finally {
    await p.close();
  }
});

test('Continue pressed before the app arrives: no reload, no answer in the address, acted on once', async () => {
  const { p, problems, release } = await heldPage();
  try {
    await p.goto(t.server.url + CT01);
    let loads = 0;
    p.on('load', () => { loads += 1; });
    await p.evaluate(() => { window.__samePage = true; });
    await p.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Lò Văn Pằng');
    await p.getByLabel(/Ngày, tháng, năm sinh/).fill('05/03/1990');
    await p.getByLabel('Nam', { exact: true }).check();
    await p.getByLabel('Số định danh cá nhân').fill('001090012345');
    await p.getByLabel('Số điện thoại liên hệ').fill('0912345678');
    await p.getByRole('button', { name: 'Tiếp tục' }).click();
    await p.getByRole('status').getByText('Câu trả lời của bạn vẫn được giữ nguyên').waitFor();
    assert.equal(new URL(p.url()).search, '', 'nothing in the address');
    assert.equal(loads, 0, 'no page load');
    release();
    await p.waitForURL('**/khai/dang-ky-thuong-tru/chu-ho');
    await p.waitForSelector('html[data-ready="true"]');
    // Once: one step forward, and back returns to the answers.
    await p.goBack();
    await p.waitForURL('**' + CT01);
    assert.equal(await p.getByLabel('Họ, chữ đệm và tên khai sinh').inputValue(), 'Lò Văn Pằng');
    assert.equal(await p.getByLabel('Số điện thoại liên hệ').inputValue(), '0912345678');
    assert.equal(await p.evaluate(() => window.__samePage), true, 'moved inside the app, not by loading a page');
    assert.equal(loads, 0);
    assert.deepEqual(problems, []);
  } finally {
    await p.close();
  }
});

test('a page that does not match the app: the app renders it itself and keeps the answers', async () => {
  const p = await t.context.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  try {
    // An HTML page from another build: one element more than the app renders.
    await p.route('**' + CT01, async (route) => {
      const res = await route.fetch();
      const body = (await res.text()).replace('</main>', '<p id="stray">cũ</p></main>');
      await route.fulfill({ response: res, body });
    });
    await p.route(WASM, async (route) => { await held; await route.continue(); });
    await p.goto(t.server.url + CT01);
    await p.locator('#stray').waitFor({ state: 'attached' });
    await p.getByLabel('Họ, chữ đệm và tên khai sinh').fill('Lò Văn Pằng');
    await p.getByLabel('Nữ', { exact: true }).check();
    release();
    await p.waitForSelector('html[data-ready="true"]');
    assert.equal(await p.evaluate(() => window.__tkNoHydrate), true, 'rendered by the app after the mismatch');
    assert.equal(await p.locator('#stray').count(), 0);
    assert.equal(await p.getByLabel('Họ, chữ đệm và tên khai sinh').inputValue(), 'Lò Văn Pằng');
    assert.equal(await p.getByLabel('Nữ', { exact: true }).isChecked(), true);
    await p.getByRole('button', { name: 'Tiếp tục' }).click();
    await p.locator('#error-summary').waitFor();
    assert.equal(await p.locator('#tk-boot-failed').count(), 0, 'no failure message');
  } finally {
    await p.close();
  }
});

test("yew's markers in a prerendered page carry no component names (hydration reads only their shape)", () => {
  const files = prerenderedPages().map((route) => (route === '/' ? 'index.html' : `${route.slice(1)}/index.html`));
  for (const file of files) {
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');
    assert.match(text, /<!--<\[\]>-->/, `${file} has yew's markers`);
    assert.doesNotMatch(text, /<!--<\/?\[[^\]]/, `${file}: a marker with a name`);
  }
});

test('nothing personal in any built page', async () => {
  const seeds = path.resolve(DIST, '..', 'seeds', 'citizens');
  const secrets = new Set();
  for (const f of fs.readdirSync(seeds).filter((f) => f.endsWith('.json') && f !== 'index.json')) {
    const c = JSON.parse(fs.readFileSync(path.join(seeds, f), 'utf8'));
    for (const v of [c.identity?.full_name, c.identity?.personal_id, c.identity?.old_id_number, c.contact?.phone, c.contact?.email]) {
      if (typeof v === 'string' && v.length >= 6) secrets.add(v);
    }
  }
  assert.ok(secrets.size > 20, 'the seed citizens were read');
  const html = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) html.push(p);
    }
  };
  walk(DIST);
  assert.ok(html.length >= 109, `every page: ${html.length}`);
  for (const file of html) {
    const text = fs.readFileSync(file, 'utf8');
    for (const s of secrets) assert.ok(!text.includes(s), `${path.relative(DIST, file)} holds ${s}`);
  }
});
