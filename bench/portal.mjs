// Submissions against a running portal server (bench/portal.sh starts it):
// CLIENTS concurrent clients file SUBMISSIONS dossiers in all (each a new
// idempotency key, citizens taken in turn), after a short warm-up. Prints
// name=value lines: submissions per second, p50 and p95 latency, and errors.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({ options: { url: { type: 'string' }, label: { type: 'string' }, tokens: { type: 'string' } } });
const CLIENTS = Number(process.env.CLIENTS || 50);
const TOTAL = Number(process.env.SUBMISSIONS || 2000);
const tokens = fs.readFileSync(o.tokens, 'utf8').split('\n').filter(Boolean);
const subOf = (t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url')).sub;

const answers = (n) => ({
  cam_doan: { type: 'text', value: 'yes' },
  can_cu: { type: 'text', value: 've_voi_nguoi_than' },
  dia_chi_moi: { type: 'address', value: { province: '01', province_name: 'Thành phố Hà Nội', ward: '00004', ward_name: 'Phường Ba Đình', street: `Số ${n} ngõ 34 phố Đội Cấn` } },
  nguoi_dong_y: { type: 'text', value: 'chu_so_huu' },
  vao_ho: { type: 'text', value: 'lap_ho_moi' },
});
const body = (n, token) => ({
  key: `bench-${process.pid}-${o.label}-${n}`, form: 'dang-ky-thuong-tru',
  service: { vi: '', en: '' }, agency: { vi: '', en: '' }, level: 'xa', owner: subOf(token), province: 1,
  processing_days: 0, fee_vnd: null, online_fee_vnd: null, answers: answers(n), missing: [], corrections: 0, helper: null,
  prefs: { sms: true, phone: '0904217365', phone_confirmed: true, email_on: false, email: '', web_push: false },
});

async function submit(n) {
  const token = tokens[((n % tokens.length) + tokens.length) % tokens.length];
  const b = body(n, token);
  const started = performance.now();
  const r = await fetch(`${o.url}/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': b.key },
    body: JSON.stringify(b),
  });
  await r.arrayBuffer();
  return { ms: performance.now() - started, ok: r.status === 201, status: r.status };
}

const until = async (check) => { for (let i = 0; i < 200; i++) { if (await check().catch(() => false)) return; await new Promise((r) => setTimeout(r, 100)); } throw new Error('the server did not start'); };
await until(async () => (await fetch(`${o.url}/readyz`)).ok);

// Warm-up: connections, the database's first pages.
for (let i = 0; i < 20; i++) await submit(-1 - i);

let next = 0;
const results = [];
const started = performance.now();
await Promise.all(Array.from({ length: CLIENTS }, async () => {
  while (next < TOTAL) results.push(await submit(next++));
}));
const seconds = (performance.now() - started) / 1000;
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
const failed = results.filter((r) => !r.ok);
const p = `portal_${o.label}`;
console.log(`${p}_clients=${CLIENTS}`);
console.log(`${p}_submissions=${results.length}`);
console.log(`${p}_submissions_per_s=${(results.length / seconds).toFixed(1)}`);
console.log(`${p}_p50_ms=${at(0.5).toFixed(1)}`);
console.log(`${p}_p95_ms=${at(0.95).toFixed(1)}`);
console.log(`${p}_errors=${failed.length}${failed.length ? ` (${[...new Set(failed.map((f) => f.status))].join(',')})` : ''}`);
