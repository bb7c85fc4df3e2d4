// The app against a real portal server (crates/portal-server, over HTTP on
// 127.0.0.1, SQLite), at phone size with axe: the site is configured for the
// server as a deployer would (the `tokhai-portal` meta the build writes from
// TOKHAI_PORTAL_URL); sign in, file CT01, the dossier lives on the server and
// not in the browser; an officer's move reaches the open page within 2 s by
// the live stream; the console asks for the officers' key; inbox; a server
// that stops answering loses nothing (the dossier waits in the outbox and is
// sent once when the server is back); withdrawal; a linked birth filing is
// one group on the server, whose parts the server files once an officer
// registers the birth.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { open, DIST, until, wholeApp } from './lib.mjs';
import { fillSections, walk } from './walk.mjs';

const BIN = process.env.PORTAL_BIN || path.resolve(DIST, '..', 'target', 'debug', 'tokhai-portal');
const KEY = 'can-bo-kiem-thu-2026-12';
const SUB = '001085004217'; // Nguyễn Văn An

let t, page, portal, api, site, dir, code;

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** The site as a deployer configures it: every page names the portal server. */
function configuredSite(url) {
  const out = path.join(dir, 'site');
  fs.cpSync(DIST, out, { recursive: true });
  const walkHtml = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walkHtml(p);
      else if (e.name.endsWith('.html')) {
        const html = fs.readFileSync(p, 'utf8');
        // As scripts/post-build.sh writes it: after the charset.
        const charset = /<meta charset="?utf-8"?>/i;
        assert.match(html, charset, p);
        fs.writeFileSync(p, html.replace(charset, (m) => `${m}<meta name="tokhai-portal" content="${url}">`));
      }
    }
  };
  walkHtml(out);
  return out;
}

/** Starts the server binary on `port` and waits until it is ready. */
async function startPortal(port, origin) {
  const child = spawn(BIN, [], {
    env: {
      ...process.env, PORTAL_ADDR: `127.0.0.1:${port}`, DATABASE_URL: `sqlite://${path.join(dir, 'portal.db')}`,
      PORTAL_ALLOWED_ORIGIN: origin, PORTAL_OFFICER_KEY: KEY, PORTAL_LOG: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b) => { stderr += b; });
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`the portal server exited: ${stderr}`);
    try { return (await fetch(`${api}/readyz`)).ok; } catch { return false; }
  }, 'the portal server is ready', 20000);
  return child;
}

const stopPortal = async () => {
  portal.kill('SIGTERM');
  await until(async () => portal.exitCode !== null || portal.signalCode !== null, 'the portal server stopped');
};

/** The bytes of an upload, as an officer reads them. */
const uploaded = async (id) => {
  const r = await fetch(`${api}/uploads/${id}/content`, { headers: { authorization: `Bearer ${KEY}` } });
  assert.equal(r.status, 200, `upload ${id}`);
  return Buffer.from(await r.arrayBuffer());
};

const officerApi = async (p, init = {}) => {
  const r = await fetch(api + p, { ...init, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } });
  assert.ok(r.ok, `${p}: ${r.status}`);
  return r.json();
};

before(async () => {
  assert.ok(fs.existsSync(BIN), `the portal server binary (${BIN}): cargo build -p tokhai-portal-server`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokhai-portal-e2e-'));
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  site = configuredSite(api);
  t = await open({ site });
  page = t.page;
  portal = await startPortal(port, t.server.url);
  await t.signIn('Nguyễn Văn An');
});
after(async () => {
  if (portal && portal.exitCode === null) await stopPortal();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const status = () => page.locator('main .tk-chip').first().innerText();

test('a dossier filed through the app is on the server, not in the browser', async () => {
  const sent = [];
  const watch = (r) => { if (r.method() === 'POST' && r.url() === `${api}/dossiers`) sent.push(r.postDataJSON()); };
  page.on('request', watch);
  await walk(t, 'dang-ky-thuong-tru');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').dblclick(); // a double tap files once
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  code = await page.locator('#dossier-code').innerText();
  assert.match(code, /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
  page.off('request', watch);
  // The page says which answers are locked registry values; the server checked them against the token.
  assert.ok(sent.length >= 1 && sent[0].locked.includes('ho_ten'), JSON.stringify(sent[0]?.locked));
  await t.axe('receipt from the server');
  const all = await officerApi('/officer/dossiers');
  assert.deepEqual(all.map((d) => d.code), [code], 'one dossier on the server');
  assert.equal(all[0].owner, SUB, 'the owner is the token\'s subject');
  assert.equal(all[0].form, 'dang-ky-thuong-tru');
  const local = await page.evaluate(() => localStorage.getItem('tokhai.portal'));
  assert.equal(local, null, 'nothing of the dossier is kept by an embedded portal');
  // The attachment went to the server; the dossier names its upload.
  const [file] = all[0].answers.giay_to_cho_o.value;
  assert.match(file.upload ?? '', /^[0-9a-f]{32}$/);
  assert.equal((await uploaded(file.upload)).toString(), '%PDF-1.4 mẫu');
  const stranger = await fetch(`${api}/uploads/${file.upload}/content`);
  assert.equal(stranger.status, 401, 'not readable without a credential');
});

test('an officer\'s move reaches the open dossier page within 2 s, without a reload', async () => {
  await t.goto(`/ho-so/${code}`);
  assert.equal(await status(), 'Mới đăng ký');
  await page.evaluate(() => { window.__sameDocument = true; });
  const moved = Date.now();
  await officerApi(`/officer/dossiers/${code}/events`, { method: 'POST', body: JSON.stringify({ event: 'accept' }) });
  await page.locator('main .tk-chip').first().filter({ hasText: 'Được tiếp nhận' }).waitFor({ timeout: 2000 });
  assert.ok(Date.now() - moved <= 2000, `shown after ${Date.now() - moved} ms`);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
});

test('the console asks for the officers\' key, refuses a wrong one, then moves the dossier', async () => {
  await t.goto('/can-bo');
  await t.axe('officer key form');
  await page.locator('#officer-key').fill('not-the-key-at-all');
  await page.locator('#officer-open').click();
  await page.getByText('Máy chủ cổng không nhận mã truy cập này').first().waitFor();
  assert.equal(await page.locator('#officer-key').getAttribute('aria-invalid'), 'true');
  await t.officer(code, 'Chuyển xử lý', { key: KEY });
  assert.equal(await page.locator('#auto-agency').count(), 0, 'the server\'s agency is set on the server');
  await t.axe('officer console against the server');
  const [d] = await officerApi('/officer/dossiers');
  assert.equal(d.status, 'processing');
});

test('the inbox and its badge come from the server', async () => {
  await t.goto('/thong-bao');
  await page.getByText(`${code}: Đang xử lý`).first().waitFor(); // once the server has answered
  assert.match(await page.locator('#unread-badge').innerText(), /^3/, 'submitted, accepted, processing');
  await page.getByRole('button', { name: `Xem hồ sơ ${code}` }).first().click();
  await page.waitForURL(`**/ho-so/${code}`);
  await until(async () => /^2/.test(await page.locator('#unread-badge').innerText()), 'one message read');
  await t.axe('inbox against the server');
});

test('on a slow connection an attachment goes up in chunks, and a cut resumes from the last byte received', async () => {
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600 * 1024, 7)]);
  await walk(t, 'dang-ky-thuong-tru', { file: big });
  await page.waitForLoadState('networkidle');
  // Sent on the Lighthouse phone profile's link: 150 ms, 1.6 Mbps down, 750 kbps up.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 93750 });
  const patches = [];
  let cut = false;
  await page.route(`${api}/uploads/*`, async (route) => {
    const r = route.request();
    if (r.method() !== 'PATCH') return route.continue();
    const at = Number(r.headers()['upload-offset']);
    patches.push([new URL(r.url()).pathname, at]);
    if (!cut && at > 0) { cut = true; return route.abort('connectionreset'); } // the link drops mid-file
    return route.continue();
  });
  try {
    if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
    await page.locator('#send').click();
    // The cut: the dossier waits in the outbox, which tries again by itself.
    await page.getByText('Cổng dịch vụ công chưa trả lời. Hồ sơ đã được giữ lại').waitFor();
    // Filed by the outbox: the app goes to the new dossier.
    await page.waitForURL(/\/ho-so\/[^/]+$/, { timeout: 60000 });
  } finally {
    await page.unroute(`${api}/uploads/*`);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  const second = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  const d = (await officerApi('/officer/dossiers')).find((x) => x.code === second);
  const [file] = d.answers.giay_to_cho_o.value;
  assert.ok((await uploaded(file.upload)).equals(big), 'the server has the file byte for byte');
  // The chunk that was cut was sent again from the same offset, not from the start.
  const [where, at] = patches.find(([, o]) => o > 0);
  const again = patches.filter(([p, o]) => p === where && o === at).length;
  assert.equal(again, 2, `cut at ${at}, then resumed there: ${JSON.stringify(patches)}`);
  assert.equal(patches.filter(([p, o]) => p === where && o === 0).length, 1, 'the start was sent once');
});

test('a server that stops answering loses nothing: the dossier waits and is filed once when it is back', async () => {
  await stopPortal();
  await walk(t, 'dang-ky-tam-tru');
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.getByText('Cổng dịch vụ công chưa trả lời. Hồ sơ đã được giữ lại').waitFor();
  await page.locator('#outbox-heading').waitFor();
  await t.axe('waiting for the server');
  portal = await startPortal(new URL(api).port, t.server.url);
  // The outbox tries again (5 s, then longer) with the same key.
  await until(async () => (await officerApi('/officer/dossiers')).length === 3, 'filed once the server is back', 30000);
  // Filed, the app goes to the new dossier (wait for that page, so the next test's navigation is its own).
  await page.waitForURL(/\/ho-so\/[^/]+$/, { timeout: 30000 });
  await wholeApp(page);
  assert.equal(await page.locator('#outbox-heading').count(), 0, 'the outbox is empty');
  const all = await officerApi('/officer/dossiers');
  assert.equal(new Set(all.map((d) => d.key)).size, 3, 'filed once');
});

test('withdrawal goes to the server; lookup by code shows the public view', async () => {
  await t.goto(`/ho-so/${code}/rut-ho-so`);
  await page.getByLabel('Lý do').fill('Nộp nhầm thủ tục');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Có, rút hồ sơ' }).click();
  await page.waitForURL(`**/ho-so/${code}`);
  await page.locator('main .tk-chip').first().filter({ hasText: 'Công dân yêu cầu rút hồ sơ' }).waitFor();
  const d = (await officerApi('/officer/dossiers')).find((x) => x.code === code);
  assert.equal(d.status, 'withdrawn');
  await t.goto('/tra-cuu');
  await page.locator('#code').fill(code);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.locator('#lookup-result').waitFor();
  const shown = await page.locator('#lookup-result').innerText();
  assert.ok(shown.includes('Công dân yêu cầu rút hồ sơ') && !shown.includes('Nộp nhầm'), shown);
  await t.axe('lookup against the server');
});

test('a linked birth filing is one group on the server; registered, the server files its parts', async () => {
  const ID = 'lien-thong-khai-sinh';
  await t.goto('/');
  await page.locator('#account-menu').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
  await t.signIn('Trần Thị Bích Ngọc');
  await walk(t, ID, { until: 'nguoi-yeu-cau' });
  await fillSections(t, ID, {
    pre: {
      'nguoi-yeu-cau': () => page.locator('#f-nyc_quan_he').selectOption('me'),
      'thu-tuc': async () => {
        await page.locator('#f-lien_thong').check(); // thường trú
        await page.locator('#f-lien_thong--bhyt').check();
      },
    },
  });
  const sent = [];
  const watch = (r) => { if (r.method() === 'POST' && r.url() === `${api}/groups`) sent.push(r.postDataJSON()); };
  page.on('request', watch);
  if (await page.locator('#declaration').count()) await page.locator('#declaration').check();
  await page.locator('#send').click();
  await page.waitForURL(/\/ho-so\/[^/]+\/bien-nhan$/);
  page.off('request', watch);
  const group = await page.locator('#dossier-code').innerText();
  assert.deepEqual(sent.map((b) => b.chosen), [['khai_sinh', 'thuong_tru', 'bhyt']]);
  const parts = await page.locator('#receipt-parts').innerText();
  assert.ok(parts.includes('Đăng ký thường trú: Chờ kết quả đăng ký'), parts);
  await t.axe('group receipt from the server');
  // On the server: the registration alone is a dossier until it is done.
  let mine = (await officerApi('/officer/dossiers')).filter((d) => d.owner === '036188002954');
  assert.deepEqual(mine.map((d) => d.code), [group]);
  // The console, against the server, shows the group and moves its registration.
  for (const event of ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Đã xử lý xong']) {
    await t.officer({ group, part: 'khai_sinh' }, event, { key: KEY });
  }
  await t.axe('console with a group from the server');
  mine = (await officerApi('/officer/dossiers')).filter((d) => d.owner === '036188002954');
  assert.equal(mine.length, 3, 'the server filed the two parts');
  // The open group page shows the parts started (the live stream, no reload).
  await t.goto(`/ho-so/${group}`);
  await page.locator('#group-registered').waitFor();
  for (const part of ['thuong_tru', 'bhyt']) {
    await page.locator(`#part-${part} .tk-chip`).filter({ hasText: 'Mới đăng ký' }).waitFor();
  }
  await t.axe('group after registration, from the server');
  // The public lookup asks the server for the group: parts, nothing personal.
  await t.goto('/tra-cuu');
  await page.locator('#code').fill(group);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  const result = page.locator('#lookup-result');
  await result.locator('#part-khai_sinh').waitFor();
  const text = await result.innerText();
  assert.ok(text.includes('Đăng ký thường trú') && text.includes('Hạn giải quyết'), text);
  assert.ok(!text.includes('036188002954') && !text.includes('Trần Thị Bích Ngọc'), text);
  await t.axe('group lookup against the server');
});
