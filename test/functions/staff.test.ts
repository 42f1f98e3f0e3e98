/**
 * The counter end to end on DynamoDB Local: confirmation and legal receipts (gapless
 * numbers under concurrency), the clerk's queue, cash, volunteers' tally, the audit log
 * and personal data.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPublicApp } from '../../functions/public/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { signedNotification } from '../../functions/webhooks/providers';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { amountInWords } from '../../shared/amount-words';
import { AGENCIES } from '../../shared/catalogue';
import { maskName } from '../../shared/privacy';
import { ANY_USERNAME, type AuditEntry } from '../../shared/audit';
import { MAX_FAILURES_PER_IP } from '../../functions/lib/accounts/ports';
import { vietnamDate } from '../../shared/time';
import { userAdmin } from '../../functions/lib/accounts/admin';
import { call, makeOrder, staffWorld, type StaffWorld } from '../support/staff';
import { procedureWithFee } from '../support/fixtures';

let world: StaffWorld;
let publicApp: ReturnType<typeof createPublicApp>;
let webhooks: ReturnType<typeof createWebhooksApp>;
const logged: string[] = [];

beforeAll(async () => {
  world = await staffWorld();
  publicApp = createPublicApp(() => world.deps);
  webhooks = createWebhooksApp(() => ({ ...world.deps, providerSecret: () => DEV_SECRETS.SEPAY_API_KEY }));
  // Everything the service logs during these tests, to check no personal data leaks into it.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
}, 120_000);

afterAll(() => vi.restoreAllMocks());

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

async function sepay(accountNumber: string, amount: number, memo: string) {
  const { body, headers } = signedNotification('sepay', { amount, memo, accountNumber, reference: `FT${Math.random().toString(36).slice(2)}`, at: new Date() }, DEV_SECRETS.SEPAY_API_KEY, new Date());
  return webhooks.request('/api/webhooks/sepay', { method: 'POST', headers, body });
}

describe('login', () => {
  it('answers the contract’s shape; an unknown user answers exactly like a wrong password', async () => {
    const ok = await json(await call(world, 'POST', '/api/auth/login', undefined, { username: 'clerk', password: DEV_SECRETS.SEED_PASSWORD }));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token: expect.any(String), expiresAt: expect.any(String), user: { username: 'clerk', role: 'clerk', agencyId: world.own } });
    const wrong = await call(world, 'POST', '/api/auth/login', undefined, { username: 'clerk', password: 'not-the-password' });
    const unknown = await call(world, 'POST', '/api/auth/login', undefined, { username: 'nobody', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
  });

  // Issue 12, finding 6: 30 requests against a locked user wrote 30 audit entries, each with
  // whatever the attacker typed as a username.
  it('refused logins fold into one audit entry per username, address and window, without the attacker’s text', async () => {
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const attempt = (address: string, username: string) =>
      world.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'not the password' }) }, from(address));
    // One instant in the middle of a 15-minute window, so the burst cannot straddle two.
    const saved = world.deps.now;
    const instant = new Date(Math.floor(Date.now() / 900_000) * 900_000 + 450_000);
    world.deps.now = () => instant;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await attempt('203.0.113.66', 'audit.target')).status);
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(30);
    const junk = ['<img src=x onerror=alert(1)>', `${'A'.repeat(60)}\u202e`, 'admin\n[ok] LOGIN admin', 'Robert\'); DROP TABLE--'];
    for (let i = 0; i < 20; i++) await attempt('203.0.113.67', `${junk[i % junk.length]}${i}`);
    // One address trying many names: an entry per name whose password was checked (its budget), one for the rest.
    for (let i = 0; i < MAX_FAILURES_PER_IP + 10; i++) await attempt('203.0.113.68', `sprayed.name${i}`);
    world.deps.now = saved;

    const entries: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await world.db.store.listAudit({ day: vietnamDate(instant), action: 'LOGIN_FAILED', limit: 100, ...(cursor ? { cursor } : {}) });
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // One entry for the 30 attempts, counting each kind of refusal.
    const targeted = entries.filter((e) => e.actor === 'audit.target');
    expect(targeted).toHaveLength(1);
    expect(targeted[0]).toMatchObject({
      action: 'LOGIN_FAILED',
      role: 'anonymous',
      target: { type: 'session', id: 'audit.target' },
      refusals: { address: '203.0.113.66', invalidCredentials: statuses.filter((s) => s === 401).length, tooManyAttempts: statuses.filter((s) => s === 429).length },
    });
    // Names that cannot be usernames are recorded as such, never as typed: one entry for the lot.
    const stored = JSON.stringify(entries);
    for (const text of ['<img', 'AAAAAAAAAA', '\u202e', 'DROP TABLE', '[ok]']) expect(stored).not.toContain(text);
    const fromJunk = entries.filter((e) => e.refusals?.address === '203.0.113.67');
    expect(fromJunk).toHaveLength(1);
    expect(fromJunk[0]!.refusals!.invalidCredentials + fromJunk[0]!.refusals!.tooManyAttempts).toBe(20);
    const fromSprayer = entries.filter((e) => e.refusals?.address === '203.0.113.68');
    expect(fromSprayer).toHaveLength(MAX_FAILURES_PER_IP + 1);
    expect(fromSprayer.find((e) => e.actor === ANY_USERNAME)!.refusals).toMatchObject({ invalidCredentials: 0, tooManyAttempts: 10 });
  });
});

describe('confirming and receipts', () => {
  it('issues a legal receipt for a PAID order, verifiable by anyone, shown on the citizen’s order', async () => {
    const order = await makeOrder(world, world.own, { paid: true });
    const { status, body } = await json(await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk));
    expect(status).toBe(200);
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    const year = String(new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()).slice(2);
    expect(body.order.status).toBe('CONFIRMED');
    expect(body.receipt).toMatchObject({ template: 'EBL01', symbol: `${year}T${agency.receiptSymbol}`, number: expect.any(Number), amount: order.amount, amountInWords: amountInWords(order.amount) });
    expect(body.receipt.amountInWords).toMatch(/ đồng$/);

    const verify = await json(await publicApp.request(body.receipt.verifyUrl));
    expect(verify.body).toMatchObject({ genuine: true, status: 'ISSUED', receipt: { agency: { name: agency.name, taxCode: agency.taxCode }, feeName: order.procedureName, amount: order.amount, payer: { name: maskName('Nguyễn Văn An') } } }); // masked for anyone with the QR (issue 12, finding 10)

    // One character altered: not genuine.
    const url = new URL(body.receipt.verifyUrl, 'http://x');
    const token = url.searchParams.get('token')!;
    const i = Math.floor(token.length / 2);
    const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect((await json(await publicApp.request(`/api/receipts/verify?token=${altered}`))).body.genuine).toBe(false);

    // Confirming again: 409; the citizen sees the receipt.
    expect((await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk)).status).toBe(409);
    const mine = await json(await publicApp.request(`/api/orders/${order.id}?token=${world.deps.orderTokens.issue(order.id)}`));
    expect(mine.body.receipt).toMatchObject({ number: body.receipt.number, symbol: body.receipt.symbol, status: 'ISSUED' });
  });

  it('refuses to confirm an unpaid order (422) and hides another agency’s (404)', async () => {
    const pending = await makeOrder(world, world.own);
    const res = await json(await call(world, 'POST', `/api/staff/orders/${pending.id}/confirm`, world.tokens.clerk));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_ORDER_STATE');
    const theirs = await makeOrder(world, world.other, { paid: true });
    expect((await call(world, 'POST', `/api/staff/orders/${theirs.id}/confirm`, world.tokens.clerk)).status).toBe(404);
  });

  it('50 concurrent confirmations in one agency give receipt numbers 1..50 exactly', async () => {
    const agency = AGENCIES.filter((a) => a.level === 'commune')[2]!.id;
    const orders = await Promise.all(Array.from({ length: 50 }, () => makeOrder(world, agency, { paid: true })));
    const results = await Promise.all(orders.map((o) => call(world, 'POST', `/api/staff/orders/${o.id}/confirm`, world.tokens.admin)));
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const numbers = bodies.map((b) => b.receipt.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(bodies.map((b) => b.receipt.symbol)).size).toBe(1);
  }, 120_000);

  it('cancelling a receipt writes a cancellation, keeps its number used, and lets a replacing receipt be issued', async () => {
    const order = await makeOrder(world, world.own, { paid: true });
    const first = (await json(await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk))).body.receipt;
    const cancel = await json(await call(world, 'POST', `/api/staff/receipts/${first.id}/cancel`, world.tokens.clerk, { reason: 'Sai tên người nộp tiền' }));
    expect(cancel.status).toBe(200);
    expect(cancel.body.receipt).toMatchObject({ status: 'CANCELLED', number: first.number, cancellation: { by: 'clerk', reason: 'Sai tên người nộp tiền' } });
    expect(cancel.body.order.status).toBe('PAID');
    // Still on record, still genuine, and says it is cancelled.
    expect((await json(await publicApp.request(first.verifyUrl))).body).toMatchObject({ genuine: true, status: 'CANCELLED' });
    expect((await call(world, 'POST', `/api/staff/receipts/${first.id}/cancel`, world.tokens.clerk, { reason: 'again and again' })).status).toBe(409);
    const second = (await json(await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk))).body.receipt;
    expect(second.number).toBeGreaterThan(first.number);
    // There is no route that edits or deletes a receipt.
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await call(world, method, `/api/staff/receipts/${first.id}`, world.tokens.admin)).status).toBe(404);
  });
});

describe('the clerk’s queue', () => {
  it('an unmatched transfer shows with its raw memo; matching it by hand pays the order', async () => {
    const order = await makeOrder(world, world.own);
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    const memo = `NGUYEN VAN AN chuyen tien le phi chung thuc ${Date.now()}`;
    expect((await (await sepay(agency.bank.accountNumber, order.amount, memo)).json()).result).toBe('unmatched');
    const list = await json(await call(world, 'GET', '/api/staff/transactions?status=UNMATCHED', world.tokens.clerk));
    const item = list.body.items.find((t: { memo: string }) => t.memo === memo);
    expect(item).toMatchObject({ provider: 'sepay', amount: order.amount, memo, accountNumber: agency.bank.accountNumber, status: 'UNMATCHED' });

    const match = await json(await call(world, 'POST', `/api/staff/transactions/${encodeURIComponent(item.id)}/match`, world.tokens.clerk, { orderId: order.id }));
    expect(match.status).toBe(200);
    expect(match.body.order).toMatchObject({ status: 'PAID', paidAmount: order.amount });
    expect(match.body.transaction).toMatchObject({ status: 'MATCHED', orderId: order.id, matchedBy: 'clerk' });
    const after = await json(await call(world, 'GET', '/api/staff/transactions?status=UNMATCHED', world.tokens.clerk));
    expect(after.body.items.find((t: { id: string }) => t.id === item.id)).toBeUndefined();
    expect((await call(world, 'POST', `/api/staff/transactions/${encodeURIComponent(item.id)}/match`, world.tokens.clerk, { orderId: order.id })).status).toBe(409);
  });

  it('an overpayment is refund-due, then refunded once with a note', async () => {
    const order = await makeOrder(world, world.own);
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    await sepay(agency.bank.accountNumber, order.amount + 7000, `MBVCB.123.${order.reference}.CT tu 01 toi 02`);
    const due = await json(await call(world, 'GET', '/api/staff/transactions?status=REFUND_DUE', world.tokens.clerk));
    const item = due.body.items.find((t: { orderId?: string }) => t.orderId === order.id);
    expect(item).toMatchObject({ refundDue: 7000, outcome: 'OVERPAID' });
    const refund = await json(await call(world, 'POST', `/api/staff/transactions/${encodeURIComponent(item.id)}/refund`, world.tokens.clerk, { note: 'Đã chuyển trả 7.000 đ' }));
    expect(refund.status).toBe(200);
    expect(refund.body.transaction.refund).toMatchObject({ by: 'clerk', note: 'Đã chuyển trả 7.000 đ' });
    expect((await call(world, 'POST', `/api/staff/transactions/${encodeURIComponent(item.id)}/refund`, world.tokens.clerk, { note: 'lại lần nữa' })).status).toBe(409);
    const later = await json(await call(world, 'GET', '/api/staff/transactions?status=REFUND_DUE', world.tokens.clerk));
    expect(later.body.items.find((t: { id: string }) => t.id === item.id)).toBeUndefined();
  });

  it('cash at the counter pays the order and is recorded as cash', async () => {
    const order = await makeOrder(world, world.own);
    const res = await json(await call(world, 'POST', `/api/staff/orders/${order.id}/cash`, world.tokens.clerk, { note: 'Nộp tại quầy' }));
    expect(res.status).toBe(201);
    expect(res.body.order).toMatchObject({ status: 'PAID', paidAmount: order.amount });
    expect(res.body.transaction).toMatchObject({ provider: 'cash', amount: order.amount });
    const receipt = (await json(await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk))).body.receipt;
    const verified = (await json(await publicApp.request(receipt.verifyUrl))).body;
    expect(verified.receipt.paymentMethod).toBe('cash');
  });

  it('bad input on every money route is a 4xx in the contract’s shape', async () => {
    const order = await makeOrder(world, world.own);
    for (const [path, body] of [
      [`/api/staff/orders/${order.id}/cash`, { amount: -5 }],
      [`/api/staff/orders/${order.id}/cash`, { amount: 1.5 }],
      [`/api/staff/orders/${order.id}/cancel`, { reason: '' }],
      [`/api/staff/orders/${order.id}/cancel`, { reason: 'x\u0000y' }],
      ['/api/staff/transactions/sepay%3A1/match', { orderId: 5 }],
      ['/api/staff/transactions/sepay%3A1/refund', {}],
    ] as const) {
      const res = await json(await call(world, 'POST', path, world.tokens.clerk, body));
      expect(res.status, path).toBe(400);
      expect(res.body.error.messageEn).toBeTruthy();
    }
    expect((await call(world, 'GET', '/api/staff/orders?cursor=bm90LWEtY3Vyc29y', world.tokens.clerk)).status).toBe(400);
    expect((await call(world, 'GET', '/api/staff/orders?status=NOPE', world.tokens.clerk)).status).toBe(400);
  });
});

describe('volunteers', () => {
  it('a volunteer’s Idempotency-Key is the volunteer’s own, whatever the username: it never meets a citizen’s (issue 12, finding 10)', async () => {
    // A username that is also the word the citizens' keys were once filed under.
    await userAdmin({ users: world.deps.users, now: world.deps.now }).createUser({ username: 'public', role: 'volunteer', agencyId: world.own, displayName: 'Tình nguyện viên', password: 'a-volunteer-password-2026' }, 'admin');
    const login = await json(await call(world, 'POST', '/api/auth/login', undefined, { username: 'public', password: 'a-volunteer-password-2026' }));
    const body = { procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: world.own, quantity: 2 };
    const key = 'counter-0001';
    const assisted = world.app.request('/api/staff/orders', { method: 'POST', headers: { authorization: `Bearer ${login.body.token}`, 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
    const first = await json(await assisted);
    expect(first.status).toBe(201);
    // A citizen with the same key and the same body: an order of their own, not the volunteer's.
    const citizen = await json(await publicApp.request('/api/orders', { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) }));
    expect(citizen.status).toBe(201);
    expect(citizen.body.id).not.toBe(first.body.id);
    // The volunteer again, same key and body: their order (a double tap at the counter).
    const again = await json(await world.app.request('/api/staff/orders', { method: 'POST', headers: { authorization: `Bearer ${login.body.token}`, 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) }));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // Another volunteer with the same key: their own order.
    const other = await json(await world.app.request('/api/staff/orders', { method: 'POST', headers: { authorization: `Bearer ${world.tokens.volunteer}`, 'content-type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) }));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('assisted orders carry who helped; the volunteer sees their own tally', async () => {
    const procedure = procedureWithFee('tiered', 'commune');
    const res = await json(await call(world, 'POST', '/api/staff/orders', world.tokens.volunteer, { procedureCode: procedure.code, agencyId: world.own, quantity: 4, payer: { name: 'Trần Thị Bình' } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ assistedBy: 'volunteer', assisted: true, status: 'PENDING', links: { payPage: expect.stringContaining('/pay.html?id=') } });
    const tally = await json(await call(world, 'GET', '/api/staff/tally', world.tokens.volunteer));
    expect(tally.status).toBe(200);
    expect(tally.body.today).toBeGreaterThanOrEqual(1);
    expect(tally.body.month).toBeGreaterThanOrEqual(tally.body.today);
    expect(tally.body.byProcedure.find((p: { procedureCode: string }) => p.procedureCode === procedure.code).today).toBeGreaterThanOrEqual(1);
    // A volunteer never touches money decisions.
    expect((await call(world, 'POST', `/api/staff/orders/${res.body.id}/cash`, world.tokens.volunteer, {})).status).toBe(403);
  });
});

describe('personal data and the audit log', () => {
  it('masks payer data in lists and for roles that do not need it; shows it to the clerk of the agency', async () => {
    const order = await makeOrder(world, world.own, { assistedBy: 'volunteer' });
    const list = await json(await call(world, 'GET', `/api/staff/orders?agencyId=${world.own}`, world.tokens.clerk));
    const inList = list.body.items.find((o: { id: string }) => o.id === order.id);
    expect(inList.payer).toEqual({ name: 'N***** V** An', phone: '091****678' });
    expect((await json(await call(world, 'GET', `/api/staff/orders/${order.id}`, world.tokens.clerk))).body.payer).toEqual({ name: 'Nguyễn Văn An', phone: '0912345678' });
    expect((await json(await call(world, 'GET', `/api/staff/orders/${order.id}`, world.tokens.volunteer))).body.payer.phone).toBe('091****678');
    // A leader reads figures only: no order at all (issue 12, finding 10).
    expect((await call(world, 'GET', `/api/staff/orders/${order.id}`, world.tokens.leader)).status).toBe(403);
  });

  it('every staff action is in the audit log with who, what, before and after; only admins read it', async () => {
    const created = await call(world, 'POST', '/api/staff/users', world.tokens.admin, { username: 'clerk.new', role: 'clerk', agencyId: world.own, displayName: 'Cán bộ mới', password: 'a-long-enough-password' });
    expect(created.status).toBe(201);
    expect(JSON.stringify(await created.json())).not.toContain('passwordHash');
    const audit = await json(await call(world, 'GET', '/api/staff/audit', world.tokens.admin));
    expect(audit.status).toBe(200);
    const actions = new Set(audit.body.items.map((e: { action: string }) => e.action));
    for (const a of ['LOGIN', 'LOGIN_FAILED', 'ORDER_CONFIRMED', 'RECEIPT_CANCELLED', 'TRANSFER_MATCHED', 'REFUND_RECORDED', 'CASH_RECORDED', 'ORDER_ASSISTED', 'USER_CREATED']) {
      // The day's log is paged (50 per page): read on until found.
      if (!actions.has(a)) {
        const filtered = await json(await call(world, 'GET', `/api/staff/audit?action=${a}`, world.tokens.admin));
        expect(filtered.body.items.length, a).toBeGreaterThan(0);
      }
    }
    const confirmed = await json(await call(world, 'GET', '/api/staff/audit?action=ORDER_CONFIRMED&actor=clerk', world.tokens.admin));
    expect(confirmed.body.items[0]).toMatchObject({ actor: 'clerk', role: 'clerk', action: 'ORDER_CONFIRMED', before: { status: 'PAID' }, after: { status: 'CONFIRMED' } });
    expect((await call(world, 'GET', '/api/staff/audit', world.tokens.clerk)).status).toBe(403);
    for (const method of ['PUT', 'DELETE']) expect((await call(world, method, '/api/staff/audit', world.tokens.admin)).status).toBe(404);
  });

  it('never logged a phone number, a payer name or a password', () => {
    const all = logged.join('\n');
    expect(all).not.toContain('0912345678');
    expect(all).not.toContain('Nguyễn Văn An');
    expect(all).not.toContain(DEV_SECRETS.SEED_PASSWORD);
  });
});
