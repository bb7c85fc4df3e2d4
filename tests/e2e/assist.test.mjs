// Assisted sessions on a shared device (issue #6), phone size, axe on each
// page: a community team helps two residents in a row; each resident's data
// is ciphertext at rest, a PIN reopens it after a reload (a wrong one does
// not), the dossier says who helped and messages go to the resident's own
// phone, and "Kết thúc phiên" leaves nothing of the resident on the device.
// Inactivity warns (with a button to continue) and then ends the session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, records, until, wholeApp } from './lib.mjs';
import { walk, samples, formOf, fill } from './walk.mjs';

const CT01 = 'dang-ky-thuong-tru';
const TEAM = 'Tổ công nghệ số cộng đồng phường Ba Đình';
const AN = ['Nguyễn Văn An', 'NGUYỄN VĂN AN', '001085004217', '0904217365', 'an.nguyenvan@example.com'];
const NGOC = ['Trần Thị Bích Ngọc', 'TRẦN THỊ BÍCH NGỌC', '036188002954', '0983562104'];

/** Everything the browser keeps for the site, as text. */
async function everything(page) {
  const web = await page.evaluate(async () => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    const cacheNames = await caches.keys();
    return [dump(localStorage), dump(sessionStorage), cacheNames.join(',')].join('\n');
  });
  return web + '\n' + (await records(page)).join('\n');
}

function absent(text, words, what) {
  for (const w of words) assert.ok(!text.includes(w), `${what}: "${w}" must not be on the device`);
}

async function startSession(t, pin) {
  const { page } = t;
  await t.goto('/ho-tro');
  await t.axe('assisted start');
  await page.locator('#start-session').click();
  await page.locator('#team-error').waitFor();
  await page.getByLabel('Tên tổ công nghệ số cộng đồng').fill(TEAM);
  if (pin) await page.getByLabel(/Mã PIN/).fill(pin);
  await page.locator('#start-session').click();
  await page.waitForURL('**/dang-nhap');
  await page.getByText(`Đang hỗ trợ người dân · ${TEAM}`).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('tk-assisted')), true, 'larger text');
}

/** One question at a time, each answered with the sample, up to check answers. */
async function answerQuestions(page) {
  const form = formOf(CT01);
  for (let guard = 0; !page.url().endsWith('/kiem-tra') && guard < 80; guard++) {
    const section = form.sections.find((s) => page.url().endsWith(`/${s.id}`));
    const id = (await page.locator('.tk-question').first().getAttribute('data-field')) ?? '';
    const f = section?.fields.find((x) => x.id === id);
    if (f) await fill(page, f, f.id, samples()[CT01][f.id]);
    const before = await page.evaluate(() => location.href + (document.querySelector('#question-count')?.innerText ?? ''));
    await page.locator('#continue').click();
    await page.waitForFunction((b) => location.href + (document.querySelector('#question-count')?.innerText ?? '') !== b, before, { timeout: 5000 });
  }
}

async function signInHere(page, name) {
  await page.getByRole('button', { name: `Đăng nhập là ${name}` }).click();
  await page.getByText(`Đã đăng nhập: ${name}`).waitFor();
}

async function endSession(t) {
  const { page } = t;
  await page.locator('#end-session').click();
  await page.waitForURL('**/ho-tro/da-ket-thuc');
  assert.equal(await t.heading(), 'Phiên hỗ trợ đã kết thúc');
  await t.axe('session ended');
  assert.equal(await page.locator('#end-session').count(), 0, 'no session bar any more');
  assert.equal(await page.getByText('Đã đăng nhập').count(), 0, 'nobody signed in');
}

test('two residents in a row on one device: sealed at rest, PIN, helper recorded, nothing left after each session', async () => {
  const t = await open();
  const { page } = t;
  try {
    // Resident A, with a PIN.
    await startSession(t, '2468');
    await signInHere(page, 'Nguyễn Văn An');
    await page.locator('#account-menu').click();
    await page.locator('#account-panel').waitFor();
    assert.equal(await page.locator('#sign-out').count(), 0, 'a resident leaves by ending the session');
    await page.keyboard.press('Escape');
    await page.locator('#account-panel').waitFor({ state: 'detached' });
    await t.nav(`/dich-vu/${CT01}`); // inside the app: a reload would need the PIN
    await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
    await page.getByRole('button', { name: 'Đồng ý, điền sẵn cho tôi' }).click();
    // One question at a time, each with its reason.
    await page.locator('#question-count').waitFor();
    assert.match(await page.locator('#question-count').innerText(), /^Câu 1\/\d+$/);
    await page.getByText('Vì sao cần thông tin này?').first().click();
    await page.getByText(/Cơ sở dữ liệu quốc gia về dân cư/).first().waitFor();
    await t.axe('assisted question');
    await page.getByRole('button', { name: 'Câu tiếp theo' }).click();
    assert.match(await page.locator('#question-count').innerText(), /^Câu 2\//);
    await page.locator('#save-status').filter({ hasText: /Đã lưu nháp/ }).waitFor();
    let stored = await records(page);
    assert.ok(stored.length >= 2, 'a check record and the draft');
    for (const r of stored) assert.match(r, /"sealed":true/);
    absent(stored.join('\n'), AN, 'IndexedDB during the session');
    assert.ok(!stored.join('\n').includes(CT01), 'not even the service is readable');

    // Reload: the PIN opens the draft again; a wrong one does not.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await t.goto('/ho-tro');
    assert.equal(await t.heading(), 'Nhập mã PIN để tiếp tục');
    await t.axe('unlock');
    await page.getByLabel(/Mã PIN/).fill('1357');
    await page.getByRole('button', { name: 'Mở bản nháp' }).click();
    await page.locator('#pin-error').filter({ hasText: 'Mã PIN không đúng' }).waitFor();
    await page.getByLabel(/Mã PIN/).fill('2468');
    await page.getByRole('button', { name: 'Mở bản nháp' }).click();
    await page.getByRole('link', { name: 'Người dân đăng nhập bằng VNeID' }).waitFor();
    await t.nav('/ho-so-dang-khai');
    await page.locator(`#draft-${CT01}`).waitFor();

    // File it: the helper is on the receipt, messages go to the resident's own phone.
    await page.evaluate(() => document.documentElement.classList.remove('tk-assisted'));
    await page.locator(`#draft-${CT01}`).getByRole('link', { name: /Tiếp tục khai/ }).click();
    await answerQuestions(page);
    assert.match(await page.locator('main').innerText(), new RegExp(`Được hỗ trợ bởi ${TEAM}`));
    await page.locator('#send').click();
    await page.waitForURL('**/bien-nhan');
    assert.match(await page.locator('main').innerText(), new RegExp(`Được hỗ trợ bởi\\s+${TEAM}`));
    const code = decodeURIComponent(page.url().split('/ho-so/')[1].split('/')[0]);
    await t.nav(`/ho-so/${code}`);
    await page.getByText('SMS tới 09x…365', { exact: false }).first().waitFor();

    await endSession(t);
    absent(await everything(page), AN, 'after the first session');

    // The code still finds the dossier's status (the public lookup), without any personal data.
    await t.goto('/tra-cuu');
    await page.getByLabel(/Mã hồ sơ/).fill(code);
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    await page.getByText(code).first().waitFor();

    // Resident B, without a PIN.
    await startSession(t);
    await signInHere(page, 'Trần Thị Bích Ngọc');
    await t.nav('/ho-so-dang-khai');
    await page.locator('#no-drafts').waitFor(); // nothing of A
    await walk(t, CT01, { until: 'nguoi-khai', inApp: true });
    await page.getByRole('button', { name: 'Câu tiếp theo' }).click();
    await page.locator('#save-status').filter({ hasText: /Đã lưu nháp/ }).waitFor();
    stored = await records(page);
    absent(stored.join('\n'), NGOC, 'IndexedDB during the second session');
    await endSession(t);
    const left = await everything(page);
    absent(left, AN, 'after both sessions');
    absent(left, NGOC, 'after both sessions');
    assert.deepEqual(await records(page), [], 'IndexedDB is empty');
  } finally {
    await t.close();
  }
});

test('a session without a PIN survives a reload of its tab, opens in no other tab, and is swept once its tab is closed', async () => {
  const t = await open();
  const { page, context } = t;
  try {
    await startSession(t);
    await signInHere(page, 'Trần Thị Bích Ngọc');
    await walk(t, CT01, { until: 'nguoi-khai', inApp: true });
    await page.getByRole('button', { name: 'Câu tiếp theo' }).click();
    await page.locator('#save-status').filter({ hasText: /Đã lưu nháp/ }).waitFor();

    // A page load in the same tab (as a move between the app's bundles would be): the draft opens, no PIN asked.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await t.nav('/ho-so-dang-khai');
    await page.locator(`#draft-${CT01}`).waitFor();
    assert.equal(await page.getByText('Nhập mã PIN để tiếp tục').count(), 0);
    const sealed = await records(page);
    absent(sealed.join('\n'), NGOC, 'IndexedDB after the reload');

    // Another tab of the same browser: no session, nothing of the resident, and its start deletes nothing alive.
    const other = await context.newPage();
    await other.goto(`${t.server.url}/ho-so-dang-khai`);
    await other.waitForSelector('html[data-ready="true"]');
    await other.locator('#no-drafts').waitFor();
    assert.equal(await other.locator('#end-session').count(), 0, 'the session is not in the other tab');
    await until(async () => (await records(other)).length === sealed.length, 'the live session\'s records kept');

    // The session's tab is closed without "Kết thúc phiên": the next start sweeps its key and records.
    await page.close();
    await other.reload();
    await other.waitForSelector('html[data-ready="true"]');
    await until(async () => (await records(other)).length === 0, 'the closed tab\'s key and records deleted');
  } finally {
    await t.close();
  }
});

test('a dossier sent offline in a session waits sealed; ending the session then asks first; it is sent when online', async () => {
  const t = await open();
  const { page, context } = t;
  try {
    await startSession(t);
    await signInHere(page, 'Nguyễn Văn An');
    await t.nav(`/dich-vu/${CT01}`);
    await page.getByRole('link', { name: 'Bắt đầu khai' }).click();
    await page.getByRole('button', { name: 'Đồng ý, điền sẵn cho tôi' }).click();
    await answerQuestions(page);
    await context.setOffline(true);
    const before = (await records(page)).join('\n');
    await page.locator('#send').click();
    await page.locator('#outbox').waitFor();
    await until(async () => (await records(page)).join('\n') !== before, 'the sealed draft saved with its outbox');
    const stored = (await records(page)).join('\n');
    absent(stored, AN, 'the sealed outbox');
    await page.locator('#end-session').click();
    await page.locator('#end-confirm').waitFor();
    assert.match(await page.locator('#end-confirm').innerText(), /chờ gửi/);
    await t.axe('end with a dossier waiting');
    await page.getByRole('button', { name: 'Chờ gửi xong' }).click();
    await context.setOffline(false);
    await page.waitForURL(/\/ho-so\/[^/]+$/, { timeout: 10000 });
    await wholeApp(page);
    assert.match(await page.locator('main').innerText(), /Được hỗ trợ bởi|Mới đăng ký|Được tiếp nhận/);
    await endSession(t); // nothing waits now: no question asked
    absent(await everything(page), AN, 'after the session');
  } finally {
    await t.close();
  }
});

test('inactivity: a warning with at least 20 seconds and a button to continue, then the session ends by itself', async () => {
  const t = await open();
  const { page } = t;
  try {
    await page.clock.install();
    await startSession(t);
    await signInHere(page, 'Nguyễn Văn An');
    await page.clock.fastForward('04:01');
    const dialog = page.locator('#idle-warning');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /tự kết thúc sau (\d+) giây/);
    const secs = Number((await dialog.innerText()).match(/sau (\d+) giây/)[1]);
    assert.ok(secs >= 20, `at least 20 seconds to react (${secs})`);
    await page.waitForFunction(() => document.activeElement?.id === 'idle-continue');
    await t.axe('inactivity warning');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Đã đăng nhập: Nguyễn Văn An').waitFor();

    await page.clock.fastForward('04:01');
    await dialog.waitFor();
    await page.clock.fastForward('01:01');
    await page.waitForURL('**/ho-tro/da-ket-thuc');
    await page.locator('#ended-idle').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'token and session gone');
  } finally {
    await t.close();
  }
});
