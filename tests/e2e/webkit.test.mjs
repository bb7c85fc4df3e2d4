// The main journeys in WebKit (Safari's engine) at phone size (360x740):
// Debian's WebKitGTK MiniBrowser in automation mode, driven by WebKitWebDriver
// (package webkit2gtk-driver) with raw WebDriver HTTP calls, under a virtual X
// display (Xvfb) this file starts itself. Nothing downloaded; no client library.
//   - CT01 with errors and fixes: the error summary, a link that focuses its field
//   - sign-in with a mock VNeID token (verified with WebCrypto), consent, locked badges
//   - a draft kept in IndexedDB across a reload
//   - send and receipt: the whole of CT01 to a dossier code
//   - an assisted session (/ho-tro): sealed at rest, nothing of the resident left after it ends
// Each journey runs in a browser of its own (a new MiniBrowser, whose automation
// storage is ephemeral), so none depends on another.
// WebKitWebDriver does not report console messages (no log endpoint, no BiDi),
// and MiniBrowser under automation does not print them: after each page load a
// small hook records console.error, uncaught errors and unhandled rejections,
// and every journey ends asserting there were none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startServer, DEFAULT_ROOT } from './serve.mjs';

const DIST = process.env.DIST || DEFAULT_ROOT; // the release build (make build)
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CT01 = 'dang-ky-thuong-tru';
const AN = ['Nguyễn Văn An', 'NGUYỄN VĂN AN', '001085004217', '0904217365', 'an.nguyenvan@example.com'];
const TEAM = 'Tổ công nghệ số cộng đồng phường Ba Đình';
const PHONE = { width: 360, height: 740 };

/** A program of a Debian package: `$ENV`, else the first path `dpkg -L` lists that ends in `name`. */
function installed(env, pkg, name) {
  if (process.env[env]) return process.env[env];
  try {
    const hit = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8' }).split('\n').find((l) => l.endsWith(`/${name}`));
    if (hit && fs.existsSync(hit)) return hit;
  } catch { /* not installed: said below */ }
  throw new Error(`WebKit: ${name} (Debian package ${pkg}) is missing: run bash scripts/setup.sh test`);
}

let xvfb, driver, server, tmp, base, session;
let output = ''; // what Xvfb, WebKitWebDriver and MiniBrowser print, added to a failing journey's message
let pageErrors = []; // errors the pages recorded, collected before each full navigation

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd: no guessing, no clash). -noreset: by default
 * the server resets when its last client leaves, and a MiniBrowser started then cannot connect. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const x = spawn(installed('XVFB', 'xvfb', 'Xvfb'), ['-displayfd', '3', '-screen', '0', '1024x900x24', '-nolisten', 'tcp', '-noreset'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    x.stderr.on('data', (d) => { output += d; });
    let got = '';
    x.stdio[3].on('data', (d) => {
      got += d;
      if (got.includes('\n')) resolve({ proc: x, display: `:${got.trim()}` });
    });
    x.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${output}`)));
    x.once('error', reject);
  });
}

async function wd(method, p, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(45000), // a command that never answers fails here, named
  }).catch((e) => { throw new Error(`${method} ${p} ${body ? JSON.stringify(body).slice(0, 200) : ''}: ${e.message}`); });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${p}: ${JSON.stringify(json.value)}`);
  return json.value;
}

const s = (p) => `/session/${session}${p}`;
const js = (script, ...args) => wd('POST', s('/execute/sync'), { script, args });
/** Runs `body` (an async function body) in the page and returns its result. */
const jsAsync = (body, ...args) => wd('POST', s('/execute/async'), {
  script: `const done = arguments[arguments.length - 1];
    (async (...args) => { ${body} })(...[...arguments].slice(0, -1)).then(done, (e) => done({ __error: String(e) }));`,
  args,
}).then((v) => { if (v && v.__error) throw new Error(v.__error); return v; });
const ref = (e) => Object.values(e)[0];
const find = (css) => wd('POST', s('/element'), { using: 'css selector', value: css }).then(ref);

/** Waits until `script` (returning a truthy value) holds in the page; returns that value. */
async function until(script, what, ms = 20000, ...args) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const v = await js(script, ...args);
      if (v) return v;
    } catch (e) { last = e; } // e.g. the page is being replaced
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKit: ${what} not reached in ${ms} ms${last ? ` (${last.message})` : ''}`);
}

/** Waits for an element and clicks it (a real click, through WebDriver). */
async function click(css) {
  await until('return !!document.querySelector(arguments[0])', `${css} on the page`, 20000, css);
  await wd('POST', s(`/element/${await find(css)}/click`), {});
}

/** Clicks the first `css` element whose text is exactly `text` (waiting for it). */
async function clickText(css, text) {
  const el = await until('return [...document.querySelectorAll(arguments[0])].find((e) => e.textContent.trim() === arguments[1]) || null',
    `"${text}" (${css})`, 20000, css, text);
  await wd('POST', s(`/element/${ref(el)}/click`), {});
}

/** Types into a field, as keystrokes (after emptying it when `clear`). */
async function type(css, text, { clear = false } = {}) {
  await until('return !!document.querySelector(arguments[0])', `${css} on the page`, 20000, css);
  const el = await find(css);
  if (clear) await wd('POST', s(`/element/${el}/clear`), {});
  await wd('POST', s(`/element/${el}/value`), { text });
}

/** Picks the option of a drop-down list whose text (or value) is `option`, by clicking it. */
async function choose(css, option) {
  const el = await until(`const sel = document.querySelector(arguments[0]);
    return sel && !sel.disabled && [...sel.options].find((o) => o.textContent.trim() === arguments[1] || o.value === arguments[1]) || null`,
  `option ${option} of ${css}`, 20000, css, option);
  await wd('POST', s(`/element/${ref(el)}/click`), {});
  await until('return document.querySelector(arguments[0]).selectedOptions[0]?.textContent.trim() === arguments[1] || document.querySelector(arguments[0]).value === arguments[1]',
    `${option} chosen in ${css}`, 5000, css, option);
}

const text = (css) => js('return document.querySelector(arguments[0])?.innerText ?? null', css);
const heading = () => text('h1');
const focused = () => js('return document.activeElement?.id ?? null');
const pathname = () => js('return location.pathname');
/** Asserts the page is phone-sized and nothing on it is wider than the screen. */
async function fits(label) {
  const [w, h, scroll] = await js('return [innerWidth, innerHeight, document.documentElement.scrollWidth]');
  assert.deepEqual([w, h], [PHONE.width, PHONE.height], `${label}: a 360x740 page`);
  assert.ok(scroll <= w, `${label}: nothing wider than the screen (${scroll} px)`);
}

/** Records console.error, uncaught errors and unhandled rejections of this page. */
const HOOK = `if (!window.__wk) {
  window.__wk = [];
  addEventListener('error', (e) => __wk.push('uncaught: ' + (e.message || e.error)));
  addEventListener('unhandledrejection', (e) => __wk.push('unhandled rejection: ' + (e.reason && e.reason.stack || e.reason)));
  const ce = console.error;
  console.error = function (...a) { __wk.push('console.error: ' + a.map(String).join(' ')); return ce.apply(this, a); };
}
return true;`;

async function collectErrors() {
  try { pageErrors.push(...((await js('return (window.__wk || []).splice(0)')) ?? [])); } catch { /* no page */ }
}

/** Waits for the app to be mounted on `route` (the pathname) and hooks its errors. */
async function ready(route) {
  await until(`return (!arguments[0] || location.pathname === arguments[0]) && document.documentElement.getAttribute('data-ready') === 'true'`,
    `${route ?? 'the page'} ready`, 60000, route);
  await js(HOOK);
}

/** Opens an address (a full page load). */
async function goto(route) {
  await collectErrors();
  await wd('POST', s('/url'), { url: server.url + route });
  await ready(route);
}

/** Reloads the page. */
async function reload() {
  const here = await pathname();
  await collectErrors();
  await wd('POST', s('/refresh'), {});
  await ready(here);
}

/** Goes to an address inside the app without reloading it (memory, e.g. an assisted session's key, stays). */
async function nav(route) {
  await js("history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate', { state: null })); return true;", route);
  await until('return location.pathname === arguments[0] && !!document.querySelector("h1")', route, 20000, route);
}

/** Clicks "Tiếp tục" (or "Câu tiếp theo") and waits until the address is `next`'s section. */
async function cont(next) {
  await click('#continue');
  if (next) await until('return location.pathname.endsWith(arguments[0])', `section ${next}`, 20000, `/${next}`);
}

/** Every IndexedDB record of the app, as text (bytes decoded), to search it. */
const records = () => jsAsync(`
  if (!(await indexedDB.databases()).some((d) => d.name === 'tokhai')) return []; // (opening would create it)
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('tokhai'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  try {
    if (!db.objectStoreNames.contains('drafts')) return [];
    const all = await new Promise((resolve, reject) => { const r = db.transaction('drafts').objectStore('drafts').getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    return all.map((rec) => JSON.stringify(rec, (k, v) => v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
  } finally { db.close(); }`);

/** Everything the browser keeps for the site (both storages, cache names, IndexedDB), as text. */
const everything = async () => (await jsAsync(`
  const dump = (st) => Object.keys(st).map((k) => k + '=' + st.getItem(k)).join('\\n');
  const names = self.caches ? await caches.keys() : [];
  return [dump(localStorage), dump(sessionStorage), names.join(',')].join('\\n');`)) + '\n' + (await records()).join('\n');

/** Waits until the page says the draft was saved ("Đã lưu nháp lúc 10:02") and IndexedDB holds `words`. */
async function savedWith(...words) {
  await until('return /Đã lưu nháp lúc \\d\\d:\\d\\d/.test(document.getElementById("save-status")?.textContent ?? "")', '"Đã lưu nháp lúc …"');
  const end = Date.now() + 10000;
  while (!(await records()).some((r) => words.every((w) => r.includes(w)))) {
    assert.ok(Date.now() < end, `the draft in IndexedDB with ${words.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function absent(haystack, words, what) {
  for (const w of words) assert.ok(!haystack.includes(w), `${what}: "${w}" must not be on the device`);
}

/** A mock VNeID token for a seed citizen, signed here with the mock issuer's key (MOCK,
 * NOT SECRET: seeds/mock-issuer/README.md), as `make token` mints one. */
function mintToken(file, loa = 2, ttl = 30 * 60) {
  const jwk = JSON.parse(fs.readFileSync(path.join(REPO, 'seeds/mock-issuer/private.jwk.json'), 'utf8'));
  const citizen = JSON.parse(fs.readFileSync(path.join(REPO, 'seeds/citizens', file), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part({ alg: 'ES256', typ: 'JWT', kid: jwk.kid })}.${part({
    iss: 'https://vneid.mock.tokhai.vn', sub: citizen.identity.personal_id, aud: 'tokhai',
    iat: now, nbf: now, exp: now + ttl, loa, citizen,
  })}`;
  const sig = crypto.sign('sha256', Buffer.from(input), { key: crypto.createPrivateKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}

/** A new MiniBrowser (fresh, ephemeral storage) with a 360x740 page area. */
async function openBrowser() {
  pageErrors = [];
  const caps = await wd('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: installed('MINIBROWSER', 'libwebkit2gtk-4.1-0', 'MiniBrowser'),
          args: ['--automation'],
        },
      },
    },
  });
  session = caps.sessionId;
  await wd('POST', s('/timeouts'), { pageLoad: 30000, script: 15000 });
  // The window holds MiniBrowser's toolbar above the page: size the window until the page itself is 360x740.
  await wd('POST', s('/url'), { url: 'about:blank' });
  const size = () => js('return [innerWidth, innerHeight, outerWidth, outerHeight]');
  let now = await size();
  for (let i = 0; now[0] !== PHONE.width || now[1] !== PHONE.height; i++) {
    if (i === 5) throw new Error(`WebKit: the page could not be made 360x740 (inner and outer sizes: ${now})`);
    const want = [now[2] + PHONE.width - now[0], now[3] + PHONE.height - now[1]];
    await wd('POST', s('/window/rect'), { x: 0, y: 0, width: want[0], height: want[1] });
    // The window is resized asynchronously: wait for the page to have the size (else, once it has
    // settled, measure again and correct).
    const end = Date.now() + 3000;
    while (((now = await size()), now[0] !== PHONE.width || now[1] !== PHONE.height) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function closeBrowser() {
  if (!session) return;
  await collectErrors();
  const id = session;
  session = null;
  await wd('DELETE', `/session/${id}`).catch(() => {});
}

/** A journey in a browser of its own; fails on any error the pages recorded. */
function journey(name, fn) {
  test(`WebKit: ${name}`, { timeout: 150000 }, async () => {
    const mark = output.length;
    try {
      await openBrowser();
      await fn();
      await collectErrors();
      assert.deepEqual(pageErrors, [], 'no console error, uncaught error or unhandled rejection in the pages');
    } catch (e) {
      // What the driver, MiniBrowser and X printed during the journey (usually nothing) helps explain a failure.
      if (output.slice(mark).trim()) e.message += `\n--- WebKitWebDriver, MiniBrowser and Xvfb said:\n${output.slice(mark).slice(-4000)}`;
      throw e;
    } finally {
      await closeBrowser();
    }
  });
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokhai-webkit-'));
  // MiniBrowser's toolbar is wider than a phone: a tiny GTK theme lets the window be 360 px wide.
  fs.mkdirSync(path.join(tmp, 'config/gtk-3.0'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'config/gtk-3.0/gtk.css'),
    '* { font-size: 4px; padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; -gtk-icon-transform: scale(0.3); }\n');
  server = await startServer({ root: DIST, port: 0 });
  const x = await startXvfb();
  xvfb = x.proc;
  const port = await freePort();
  driver = spawn(installed('WEBKITWEBDRIVER', 'webkit2gtk-driver', 'WebKitWebDriver'), [`--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DISPLAY: x.display,
      GDK_BACKEND: 'x11',
      NO_AT_BRIDGE: '1',
      XDG_CONFIG_HOME: path.join(tmp, 'config'),
      XDG_DATA_HOME: path.join(tmp, 'data'),
      XDG_CACHE_HOME: path.join(tmp, 'cache'),
    },
  });
  process.once('exit', () => { driver?.kill(); xvfb?.kill(); }); // even if the run is cut short
  driver.stdout.on('data', (d) => { output += d; });
  driver.stderr.on('data', (d) => { output += d; });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await wd('GET', '/status'); break; } catch (e) {
      if (i > 100 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${e.message}\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(async () => {
  await closeBrowser();
  driver?.kill();
  xvfb?.kill();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

journey('CT01 with errors and fixes: the summary, a link to its field, then the next section', async () => {
  await goto(`/khai/${CT01}/nguoi-khai`);
  await fits('CT01, section 1');
  assert.equal(await heading(), 'Thông tin người khai');
  // Continue with nothing: the summary appears, takes focus, and lists each error.
  await click('#continue');
  await until('return !!document.getElementById("error-summary")', 'the error summary');
  await until('return document.activeElement?.id === "error-summary"', 'focus on the error summary', 5000);
  const links = await js('return [...document.querySelectorAll("#error-summary a")].map((a) => [a.textContent, a.getAttribute("href")])');
  assert.equal(links.length, 5, JSON.stringify(links));
  assert.ok(links.every(([, href]) => /^#f-/.test(href)), 'each error links to its field');
  await clickText('#error-summary a', 'Nhập số điện thoại liên hệ');
  assert.equal(await focused(), 'f-dien_thoai', 'the link moves focus to its field');
  assert.equal(await pathname(), `/khai/${CT01}/nguoi-khai`, 'and stays on the page');

  // Wrong values get their own messages.
  await type('#f-ho_ten', 'Nguyễn Văn 2');
  await type('#f-ngay_sinh', '29/02/2023');
  await click('#f-gioi_tinh');
  await type('#f-so_dinh_danh', '001190012345');
  await type('#f-dien_thoai', '0212 345 678');
  await click('#continue');
  await until('return !!document.getElementById("f-ho_ten-error")', 'the name error');
  const msgs = (await text('#error-summary')).split('\n');
  assert.ok(msgs.some((m) => m.includes('chỉ gồm chữ cái')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('phải là ngày có thật')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.includes('10 chữ số, bắt đầu bằng 03')), msgs.join('\n'));
  assert.equal(await focused(), 'error-summary', 'the summary takes focus again');
  await fits('CT01 with errors');

  // Fixed: the phone is kept normalised; the next section opens.
  await type('#f-ho_ten', 'Nguyễn Văn An', { clear: true });
  await type('#f-ngay_sinh', '5/3/1990', { clear: true });
  await type('#f-so_dinh_danh', '001 090 012345', { clear: true });
  await type('#f-dien_thoai', '+84 912 345 678', { clear: true });
  await type('#f-email', 'an.nguyen@example.vn');
  await until('return document.getElementById("f-dien_thoai").value === "0912345678"', 'the phone normalised', 5000);
  assert.equal(await js('return document.getElementById("f-ho_ten").value'), 'Nguyễn Văn An', 'Vietnamese typed as it is');
  await cont('chu-ho');
  assert.equal(await heading(), 'Hộ gia đình bạn đăng ký vào');
  assert.equal(await js('return !!document.getElementById("error-summary")'), false);
});

journey('sign-in with a mock VNeID token (WebCrypto), consent, then locked registry values with their badge', async () => {
  const token = mintToken('nguyen-van-an.json');
  await goto('/dang-nhap');
  assert.equal(await heading(), 'Đăng nhập bằng tài khoản định danh điện tử VNeID');
  // Pasted, as a tester does (a token is a few kilobytes: put in the box at once, then the app's input event).
  await until('return !!document.getElementById("token")', 'the token box');
  await js(`const t = document.getElementById('token'); t.focus(); t.value = arguments[0];
    t.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })); return true;`, token);
  await click('form.tk-paste button[type=submit]');
  await until('return document.body.innerText.includes("Đã đăng nhập: Nguyễn Văn An")', 'signed in (the token verified)');
  assert.equal(await js('return sessionStorage.getItem("tokhai.token")'), token, 'the token in sessionStorage');
  assert.equal(await js('return localStorage.getItem("tokhai.token")'), null, 'and never in localStorage');
  assert.ok(!(await js('return location.href')).includes(token.slice(0, 20)), 'nor in the address');

  await goto(`/dich-vu/${CT01}`);
  await clickText('a', 'Bắt đầu khai');
  await until('return location.pathname.endsWith("/chia-se-du-lieu")', 'the consent page');
  await until('return !!document.getElementById("prefill-count")', 'the count of prefilled answers');
  assert.equal(await heading(), 'Dùng thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư');
  assert.equal(await text('#prefill-count'), 'Đã điền sẵn 13/22 thông tin từ VNeID');
  assert.ok((await text('main')).includes('001085004217'), 'the values are shown before they are copied');
  await fits('consent');
  await click('#consent-agree');

  await until('return location.pathname.endsWith("/nguoi-khai") && !!document.getElementById("f-ho_ten")', 'section 1 prefilled');
  const locked = await js(`const f = (id) => document.getElementById(id);
    const badge = (id) => f(id).closest('.tk-locked')?.querySelector('.tk-badge')?.textContent ?? null;
    return {
      name: [f('f-ho_ten').tagName, f('f-ho_ten').textContent, badge('f-ho_ten')],
      id: [f('f-so_dinh_danh').tagName, f('f-so_dinh_danh').textContent, badge('f-so_dinh_danh')],
      inputs: document.querySelectorAll('input#f-ho_ten, input#f-so_dinh_danh').length,
      phone: [f('f-dien_thoai').tagName, f('f-dien_thoai').value, f('f-dien_thoai').readOnly],
    };`);
  assert.deepEqual(locked, {
    name: ['P', 'Nguyễn Văn An', 'Từ Cơ sở dữ liệu quốc gia về dân cư'],
    id: ['P', '001085004217', 'Từ Cơ sở dữ liệu quốc gia về dân cư'],
    inputs: 0,
    phone: ['INPUT', '0904217365', false],
  }, 'registry values locked with the badge; the phone prefilled and editable');
  await fits('section 1 prefilled');
  // The phone stays editable and is marked as changed after prefill.
  await type('#f-dien_thoai', '0356 789 012', { clear: true });
  await cont('chu-ho');
  await savedWith('0356789012');
  await goto(`/khai/${CT01}/nguoi-khai`); // a full load: the token and the answers come back
  await until('return document.getElementById("f-dien_thoai")?.value === "0356789012"', 'the edited phone kept');
  assert.match(await text('#f-dien_thoai-hint'), /Đã sửa sau khi điền sẵn/);
});

journey('a draft is kept in IndexedDB across a reload', async () => {
  await goto(`/khai/${CT01}/nguoi-khai`);
  await type('#f-ho_ten', 'Lò Văn Pằng');
  await click('#f-gioi_tinh--nu');
  await type('#f-dien_thoai', '0912345678');
  await savedWith('Lò Văn Pằng', '0912345678');
  await reload();
  await until(`const f = (id) => document.getElementById(id);
    return f('f-ho_ten')?.value === 'Lò Văn Pằng' && f('f-gioi_tinh--nu').checked && f('f-dien_thoai').value === '0912345678'`,
  'the answers back after the reload');
  assert.equal(await pathname(), `/khai/${CT01}/nguoi-khai`);
  // Listed under "Hồ sơ đang khai".
  await goto('/ho-so-dang-khai');
  await until(`return !!document.getElementById('draft-${CT01}')`, 'the draft listed');
  assert.match(await text(`#draft-${CT01}`), /Đăng ký thường trú/);
});

journey('send CT01 signed in: every section, check answers, the receipt with its dossier code', async () => {
  // Signed in with the simulator (the token signed and verified with WebCrypto in WebKit).
  await goto('/dang-nhap');
  await clickText('button', 'Đăng nhập là Nguyễn Văn An');
  await until('return document.body.innerText.includes("Đã đăng nhập: Nguyễn Văn An")', 'signed in');
  await goto(`/dich-vu/${CT01}`);
  await clickText('a', 'Bắt đầu khai');
  await click('#consent-agree');
  await until('return location.pathname.endsWith("/nguoi-khai") && !!document.getElementById("f-dien_thoai")', 'section 1');
  await cont('chu-ho');
  await click('#f-vao_ho');
  await until('return document.getElementById("f-chu_ho_ten")?.value === "Nguyễn Văn An"', 'the head of household prefilled');
  await choose('#f-quan_he_chu_ho', 'con');
  await cont('noi-dung');
  await choose('#f-dia_chi_moi-province', 'Thành phố Hà Nội');
  await choose('#f-dia_chi_moi-ward', 'Phường Hoàn Kiếm');
  await type('#f-dia_chi_moi-street', 'Số 12 phố Hàng Bạc');
  await choose('#f-can_cu', 'so_huu');
  await type('#f-noi_dung', 'Đề nghị đăng ký thường trú tại địa chỉ trên.');
  await cont('thanh-vien');
  await click('#f-co_thanh_vien--no');
  await cont('dong-y');
  await click('#f-nguoi_dong_y');
  await cont('giay-to');
  const pdf = path.join(tmp, 'so-do.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4 sổ đỏ');
  await type('#f-giay_to_cho_o', pdf); // a file input takes the file's path
  await until('return [...document.querySelectorAll("button")].some((b) => b.textContent.includes("so-do.pdf"))', 'the file attached');
  await cont('cam-doan');
  await click('#f-cam_doan');
  await cont('kiem-tra');
  assert.equal(await heading(), 'Kiểm tra thông tin đã khai');
  const summary = await text('main');
  for (const s of ['Nguyễn Văn An', '001085004217', 'Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội', 'so-do.pdf']) {
    assert.ok(summary.includes(s), `check answers shows ${s}`);
  }
  await fits('check answers');
  if (await js('return !!document.getElementById("declaration")')) await click('#declaration');
  await click('#send');
  await until('return /^\\/ho-so\\/[^/]+\\/bien-nhan$/.test(location.pathname) && !!document.getElementById("dossier-code")', 'the receipt', 30000);
  const code = await text('#dossier-code');
  assert.match(code, /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
  assert.equal(await heading(), 'Đã gửi hồ sơ');
  const url = await js('return decodeURIComponent(location.href)');
  assert.ok(url.includes(code) && !url.includes('001085004217'), 'the code, and nothing personal, in the address');
  const receipt = await text('main');
  for (const s of ['Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'Ngày hẹn trả kết quả', 'Nguyễn Văn An', 'Trực tuyến']) {
    assert.ok(receipt.includes(s), `the receipt shows ${s}`);
  }
  await fits('receipt');
  assert.ok(await js('const q = document.getElementById("receipt-qr"); return !!q && q.getBoundingClientRect().width > 0'), 'with its QR code');
  assert.equal(await js('return JSON.parse(localStorage.getItem("tokhai.portal")).dossiers.length'), 1, 'one dossier made');
});

journey('an assisted session: sealed while it lasts, and nothing of the resident left once it ends', async () => {
  await goto('/ho-tro');
  await click('#start-session');
  await until('return !!document.getElementById("team-error")', 'the team name asked for');
  await type('#team', TEAM);
  await click('#start-session');
  await until('return location.pathname === "/dang-nhap"', 'the resident asked to sign in');
  await until(`return document.body.innerText.includes(${JSON.stringify(`Đang hỗ trợ người dân · ${TEAM}`)})`, 'the session bar');
  assert.equal(await js('return document.documentElement.classList.contains("tk-assisted")'), true, 'larger text');
  await clickText('button', 'Đăng nhập là Nguyễn Văn An');
  await until('return document.body.innerText.includes("Đã đăng nhập: Nguyễn Văn An")', 'the resident signed in');

  await nav(`/dich-vu/${CT01}`); // inside the app: the session's key is in memory only
  await clickText('a', 'Bắt đầu khai');
  await click('#consent-agree');
  await until('return /^Câu 1\\/\\d+$/.test(document.getElementById("question-count")?.textContent.trim() ?? "")', 'one question at a time');
  await fits('assisted question');
  // Up to the phone question, then a new phone typed.
  for (let i = 0; !(await js('return !!document.querySelector("input#f-dien_thoai")')); i++) {
    assert.ok(i < 10, 'the phone question reached');
    const before = await text('#question-count');
    await click('#continue');
    await until('return document.getElementById("question-count")?.textContent !== arguments[0]', 'the next question', 10000, before);
  }
  await type('#f-dien_thoai', '0356 789 012', { clear: true });
  await click('#continue');
  await until('return /Đã lưu nháp/.test(document.getElementById("save-status")?.textContent ?? "")', '"Đã lưu nháp"');
  const end = Date.now() + 10000;
  let stored;
  while ((stored = await records()).length < 2) { // a check record and the draft
    assert.ok(Date.now() < end, `the sealed draft in IndexedDB (${stored.length} records)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const r of stored) assert.match(r, /"sealed":true/);
  absent(stored.join('\n'), [...AN, '0356789012', CT01], 'IndexedDB during the session (sealed)');

  await click('#end-session');
  await until('return location.pathname === "/ho-tro/da-ket-thuc"', 'the session ended');
  assert.equal(await heading(), 'Phiên hỗ trợ đã kết thúc');
  assert.equal(await js('return !!document.getElementById("end-session")'), false, 'no session bar any more');
  assert.equal(await js('return document.body.innerText.includes("Đã đăng nhập")'), false, 'nobody signed in');
  assert.equal(await js('return sessionStorage.length'), 0, 'sessionStorage empty');
  assert.deepEqual(await records(), [], 'IndexedDB empty');
  absent(await everything(), [...AN, '0356789012'], 'after the session');
});
