// Prerendered pages taken over in Firefox (Debian's firefox-esr, driven by
// geckodriver over WebDriver: Playwright's Firefox is a browser build of its
// own, which this project does not download). A representative sample: the
// catalogue, two service pages and first sections with every kind of widget
// a first section has (text, date, ID, phone, e-mail, radio, select,
// address, group, yes/no, check boxes, number, long text); and CT01 typed
// into before the app arrives.
// Console errors and uncaught errors are read from Firefox's own output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import { startServer } from './serve.mjs';
import { DIST } from './lib.mjs';

const SAMPLE = [
  '/',
  '/dich-vu/dang-ky-thuong-tru',
  '/dich-vu/lien-thong-khai-sinh',
  '/khai/dang-ky-thuong-tru/nguoi-khai',
  '/khai/lien-thong-khai-sinh/nguoi-yeu-cau', // address, select
  '/khai/bien-dong-dat-chuyen-nhuong/nguoi-su-dung-dat', // group, yes/no
  '/khai/nghia-vu-tai-chinh-dat-ca-nhan/ho-so', // check boxes, numbers
  '/khai/dang-ky-xe-o-to/thu-tuc', // long text
];
const CT01 = '/khai/dang-ky-thuong-tru/nguoi-khai';

let server, driver, base, session, output = '';
let release = () => {};
let holding = false; // the wasm waits until release() for the page being opened
let released = false; // released for this page: a later request is not held

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function wd(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

const js = (script, ...args) => wd('POST', `/session/${session}/execute/sync`, { script, args });
const find = (css) => wd('POST', `/session/${session}/element`, { using: 'css selector', value: css })
  .then((e) => Object.values(e)[0]);

async function until(script, what, ms = 60000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    // Asked while a page is being replaced, the script may find no document
    // yet (documentElement null): that is "not yet", not a failure.
    try {
      if (await js(script)) return;
    } catch (e) {
      if (!/javascript error/.test(String(e))) throw e;
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Firefox: ${what} not reached in ${ms} ms${last ? ` (last: ${last.message})` : ''}`);
}

/** Serves the wasm only once `release()` is called (when holding). */
function hold(pathname) {
  if (!holding || released || !pathname.endsWith('.wasm')) return null;
  return new Promise((r) => { const prev = release; release = () => { released = true; prev(); r(); }; });
}

/** Opens `route` with its wasm held back until `release()`. */
async function openHeld(route) {
  holding = true;
  released = false;
  release = () => { released = true; };
  await wd('POST', `/session/${session}/url`, { url: server.url + route });
}

before(async () => {
  server = await startServer({ root: DIST, port: 0, hold, noStore: true });
  const port = await freePort();
  const gecko = process.env.GECKODRIVER || execFileSync('sh', ['-c', 'command -v geckodriver']).toString().trim();
  driver = spawn(gecko, ['--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  driver.stdout.on('data', (d) => { output += d; });
  driver.stderr.on('data', (d) => { output += d; });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { await wd('GET', '/status'); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const caps = await wd('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        pageLoadStrategy: 'none',
        'moz:firefoxOptions': {
          binary: process.env.FIREFOX || '/usr/bin/firefox-esr',
          args: ['-headless', '--width=360', '--height=740'],
          // Console messages to Firefox's output, where this test reads them.
          // No HTTP cache and no service worker (it would serve the wasm from
          // its cache): every page fetches the wasm, which the server holds back.
          prefs: {
            'dom.serviceWorkers.enabled': false,
            'devtools.console.stdout.content': true,
            'browser.dom.window.dump.enabled': true,
            'browser.cache.disk.enable': false,
            'browser.cache.memory.enable': false,
          },
        },
      },
    },
  });
  session = caps.sessionId;
});

after(async () => {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  await server?.close();
});

/** Errors the page caused since `from` (console.error, uncaught errors,
 * panics); not the browser's own (frames in resource:// or chrome://). */
const errorsSince = (from) => output.slice(from).split('\n')
  .filter((l) => /console\.error|JavaScript error|panicked|RuntimeError/.test(l))
  .filter((l) => !/(resource|chrome):\/\//.test(l));

test('Firefox: a sample of prerendered pages is taken over in place, with no error', async () => {
  for (const route of SAMPLE) {
    const mark = output.length;
    await openHeld(route);
    // (with no page-load wait, the previous page is still there for a moment)
    const here = `location.pathname === ${JSON.stringify(route)}`;
    await until(`return ${here} && !!document.querySelector("#tk-app h1") && document.readyState !== "loading"`, `${route} HTML`);
    const early = await js('window.__first = document.getElementById("tk-app").firstElementChild; return !document.documentElement.hasAttribute("data-ready");');
    assert.ok(early, `${route}: the page is there before the app`);
    release();
    await until(`return ${here} && document.documentElement.getAttribute("data-ready") === "true"`, `${route} data-ready`);
    const state = await js(`const r = document.getElementById('tk-app');
      return { same: window.__first === r.firstElementChild && window.__first.isConnected, fallback: !!window.__tkNoHydrate };`);
    assert.deepEqual(state, { same: true, fallback: false }, `${route} hydrated in place`);
    assert.deepEqual(errorsSince(mark), [], route);
  }
  holding = false;
});

test('Firefox: typed and ticked before the app arrives, kept and known to the app', async () => {
  const mark = output.length;
  await openHeld(CT01);
  await until(`return location.pathname === ${JSON.stringify(CT01)} && !document.documentElement.hasAttribute("data-ready")
    && !!document.getElementById("f-ho_ten") && document.readyState !== "loading"`, 'CT01 HTML');
  const name = await find('#f-ho_ten');
  await wd('POST', `/session/${session}/element/${name}/value`, { text: 'Lò Văn Pằng' });
  await wd('POST', `/session/${session}/element/${await find('#f-gioi_tinh--nu')}/click`, {});
  const phone = await find('#f-dien_thoai');
  await wd('POST', `/session/${session}/element/${phone}/value`, { text: '0912345678' });
  await js('const p = document.getElementById("f-dien_thoai"); p.focus(); p.setSelectionRange(4, 4); return true;');
  release();
  holding = false;
  await until('return document.documentElement.getAttribute("data-ready") === "true"', 'data-ready');
  const kept = await js(`return {
    name: document.getElementById('f-ho_ten').value,
    nu: document.getElementById('f-gioi_tinh--nu').checked,
    phone: document.getElementById('f-dien_thoai').value,
    focus: document.activeElement.id,
    caret: document.activeElement.selectionStart,
  };`);
  assert.deepEqual(kept, { name: 'Lò Văn Pằng', nu: true, phone: '0912345678', focus: 'f-dien_thoai', caret: 4 });
  await wd('POST', `/session/${session}/element/${await find('#continue')}/click`, {});
  await until('return !!document.getElementById("error-summary")', 'the error summary');
  const errors = await js('return [...document.querySelectorAll("#error-summary a")].map((a) => a.textContent);');
  assert.ok(!errors.some((e) => /họ, chữ đệm và tên|giới tính|điện thoại/i.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /ngày, tháng, năm sinh/i.test(e)), errors.join('\n'));
  assert.deepEqual(errorsSince(mark), []);
});

test('Firefox: from the filing bundle to the whole app and back, nothing typed is lost', async () => {
  holding = false;
  const mark = output.length;
  await until(`return location.pathname === ${JSON.stringify(CT01)} && document.documentElement.dataset.bundle === "filing"
    && document.documentElement.getAttribute("data-ready") === "true"`, 'CT01 in the filing bundle');
  const name = await find('#f-ho_ten');
  await wd('POST', `/session/${session}/element/${name}/clear`, {});
  await wd('POST', `/session/${session}/element/${name}/value`, { text: 'Hà Thị Mai' });
  // At once a page of the whole app (the footer's lookup), before the draft's quiet wait is over.
  await wd('POST', `/session/${session}/element/${await find('footer a[href="/tra-cuu"]')}/click`, {});
  await until(`return location.pathname === "/tra-cuu" && document.documentElement.dataset.bundle === "whole"
    && document.documentElement.getAttribute("data-ready") === "true" && !!document.querySelector("#tk-app h1")`, 'the whole app on /tra-cuu');
  await js('history.back(); return true;');
  await until(`return location.pathname === ${JSON.stringify(CT01)} && document.documentElement.getAttribute("data-ready") === "true"
    && document.getElementById("f-ho_ten") && document.getElementById("f-ho_ten").value === "Hà Thị Mai"`, 'the answer back on CT01');
  assert.deepEqual(errorsSince(mark), []);
});

test('Firefox: the blank CT01 prints cleanly (WebDriver print to PDF, read back with pdftotext)', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  holding = false;
  const mark = output.length;
  const route = '/khai/dang-ky-thuong-tru/in-to-khai-trong';
  await wd('POST', `/session/${session}/url`, { url: server.url + route });
  await until(`return location.pathname === ${JSON.stringify(route)} && document.documentElement.getAttribute("data-ready") === "true"
    && !!document.querySelector(".tk-sheet")`, 'the print page');
  const title = await js('return document.title;');
  assert.ok(title.includes('CT01') || title.includes('Tờ khai'), `page title names the template: ${title}`);
  const pdf = await wd('POST', `/session/${session}/print`, { orientation: 'portrait', page: { width: 21, height: 29.7 }, background: false });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tokhai-ff-print-')), 'ct01.pdf');
  fs.writeFileSync(file, Buffer.from(pdf, 'base64'));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ', 'Mẫu CT01', 'Kính gửi', 'NGƯỜI KÊ KHAI']) {
    assert.ok(flat.includes(s.replace(/\s+/g, '')), `Firefox's PDF has ${s}`);
  }
  for (const chrome of ['Đăng nhập', 'English', 'Chuyển đến nội dung chính', 'In tờ khai trống']) {
    assert.ok(!text.includes(chrome), `no app chrome in Firefox's PDF: ${chrome}`);
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  assert.ok(pages >= 1 && pages <= 4, `page count ${pages}`);
  assert.deepEqual(errorsSince(mark), []);
});
