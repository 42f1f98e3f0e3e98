/**
 * Authorization, cell by cell: every staff route × every person × an object of the
 * caller's own commune, of a sibling commune or of the province above both, generated
 * from STAFF_ROUTES. Staff scope follows the agency tree: the demo admin and leader are the
 * province's and reach all three; a clerk or volunteer reaches their own commune; an admin
 * or leader whose scope is the commune reaches it alone (not its sibling, not its parent).
 * Wrong role → 403; an object out of reach → 404 (existence does not leak), or 400 where
 * the agency is a field of the body (a new order, a new account); otherwise 2xx.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { userAdmin } from '../../functions/lib/accounts/admin';
import { newReference } from '../../shared/reference';
import { STAFF_ROUTES, type StaffRouteName } from '../../functions/staff/access';
import type { StaffRole } from '../../functions/lib/auth/tokens';
import { sendDaySummary } from '../../functions/staff/use-cases/tax-documents';
import { declare } from '../../functions/staff/use-cases/registration';
import { vietnamDate } from '../../shared/time';
import { ADMIN, call, makeOrder, makeReceipt, makeTransfer, staffWorld, type StaffWorld } from '../support/staff';
import { payableProcedureAt } from '../support/fixtures';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
}, 120_000);

type Side = 'own' | 'other' | 'province';
interface Cell {
  path: string;
  body?: unknown;
}

/** Builds a fresh object for the route in the given agency, so every cell starts clean. */
const FIXTURES: Record<StaffRouteName, (agencyId: string, role: StaffRole) => Promise<Cell>> = {
  me: async () => ({ path: '/api/staff/me' }),
  listOrders: async (agencyId) => ({ path: `/api/staff/orders?agencyId=${agencyId}` }),
  createOrder: async (agencyId) => {
    const { procedure, quantity } = payableProcedureAt(agencyId, 2);
    return { path: '/api/staff/orders', body: { procedureCode: procedure.code, agencyId, quantity } };
  },
  getOrder: async (agencyId, role) => {
    // A volunteer's "own" order is one they created.
    const o = await makeOrder(world, agencyId, role === 'volunteer' ? { assistedBy: agencyId === world.own ? 'volunteer' : 'volunteer2' } : {});
    return { path: `/api/staff/orders/${o.id}` };
  },
  confirmOrder: async (agencyId) => ({ path: `/api/staff/orders/${(await makeOrder(world, agencyId, { paid: true })).id}/confirm` }),
  recordCash: async (agencyId) => ({ path: `/api/staff/orders/${(await makeOrder(world, agencyId)).id}/cash`, body: {} }),
  cancelOrder: async (agencyId) => ({ path: `/api/staff/orders/${(await makeOrder(world, agencyId)).id}/cancel`, body: { reason: 'Công dân đổi thủ tục' } }),
  markPaidOnPortal: async (agencyId) => ({
    path: `/api/staff/orders/${(await makeOrder(world, agencyId, { dossierCode: `H58.32-261203-${randomBytes(3).toString('hex')}` })).id}/paid-on-portal`,
    body: { reference: 'DVCQG-261203-000123', note: 'Đã nộp phí trên Cổng Dịch vụ công' },
  }),
  listTransfers: async (agencyId) => ({ path: `/api/staff/transactions?status=UNMATCHED&agencyId=${agencyId}` }),
  matchTransfer: async (agencyId) => {
    const t = await makeTransfer(world, agencyId, 'UNMATCHED');
    const o = await makeOrder(world, agencyId);
    return { path: `/api/staff/transactions/${encodeURIComponent(t.key)}/match`, body: { orderId: o.id } };
  },
  recordRefund: async (agencyId) => ({ path: `/api/staff/transactions/${encodeURIComponent((await makeTransfer(world, agencyId, 'REFUND_DUE')).key)}/refund`, body: { note: 'Đã chuyển trả qua ngân hàng' } }),
  confirmRefund: async (agencyId) => {
    const t = await makeTransfer(world, agencyId, 'REFUND_DUE');
    const sent = { ...t, refund: { at: new Date().toISOString(), by: 'clerk', note: 'Đã chuyển trả', method: 'manual' as const, amount: t.refundDue } };
    await world.db.store.recordRefund(sent, { id: randomUUID(), at: sent.refund.at, actor: 'clerk', role: 'clerk', action: 'REFUND_RECORDED', target: { type: 'transfer', id: t.key } });
    return { path: `/api/staff/transactions/${encodeURIComponent(t.key)}/refund/confirm`, body: { note: 'Thấy trên sao kê ngân hàng' } };
  },
  getReceipt: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}` }),
  dailySummary: async (agencyId) => ({ path: `/api/staff/receipts/daily-summary?agencyId=${agencyId}` }),
  dailySummaryXml: async (agencyId) => ({ path: `/api/staff/receipts/daily-summary.xml?agencyId=${agencyId}` }),
  sendDailySummary: async (agencyId) => {
    await makeReceipt(world, agencyId);
    return { path: '/api/staff/receipts/daily-summary/send', body: { date: vietnamDate(new Date()), agencyId } };
  },
  taxDocumentXml: async (agencyId) => {
    const doc = await sentSummary(agencyId);
    return { path: `/api/staff/tax-documents/xml?${new URLSearchParams({ agencyId, kind: 'summary', id: doc.id })}` };
  },
  recordTaxAnswer: async (agencyId) => ({ path: '/api/staff/tax-documents/answer', body: { agencyId, kind: 'summary', id: (await sentSummary(agencyId)).id, accepted: true, reference: 'TB-KTDL-1' } }),
  noticeReceiptMistake: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}/error-notice`, body: { reason: 'Sai tên người nộp tiền' } }),
  listRegistrations: async (agencyId) => ({ path: `/api/staff/agencies/${agencyId}/e-receipt-registration` }),
  declareRegistration: async (agencyId) => ({ path: `/api/staff/agencies/${agencyId}/e-receipt-registration`, body: REGISTRATION_INPUT }),
  registrationXml: async (agencyId) => ({ path: `/api/staff/agencies/${agencyId}/e-receipt-registration/xml?id=${encodeURIComponent((await declare(world.deps, ADMIN, agencyId, REGISTRATION_INPUT)).id)}` }),
  registrationPrint: async (agencyId) => ({ path: `/api/staff/agencies/${agencyId}/e-receipt-registration/print?id=${encodeURIComponent((await declare(world.deps, ADMIN, agencyId, REGISTRATION_INPUT)).id)}` }),
  answerRegistration: async (agencyId) => ({
    path: `/api/staff/agencies/${agencyId}/e-receipt-registration/answer`,
    body: { id: (await declare(world.deps, ADMIN, agencyId, REGISTRATION_INPUT)).id, accepted: true, reference: '01/TB-ĐKĐT 7', date: '2026-12-01' },
  }),
  getReceiptXml: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}/xml` }),
  cancelReceipt: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}/cancel`, body: { reason: 'Sai tên người nộp tiền' } }),
  tally: async () => ({ path: '/api/staff/tally' }),
  audit: async () => ({ path: '/api/staff/audit' }),
  listUsers: async () => ({ path: '/api/staff/users' }),
  createUser: async (agencyId) => ({ path: '/api/staff/users', body: { username: `u${Math.random().toString(36).slice(2, 10)}`, role: 'clerk', agencyId, displayName: 'Cán bộ mới', password: 'a-long-enough-password' } }),
  disableUser: async (agencyId) => ({ path: `/api/staff/users/${await throwaway(agencyId)}/disable` }),
  enableUser: async (agencyId) => ({ path: `/api/staff/users/${await throwaway(agencyId)}/enable` }),
  resetPassword: async (agencyId) => ({ path: `/api/staff/users/${await throwaway(agencyId)}/password`, body: { password: 'a-brand-new-password' } }),
  reportDaily: async (agencyId) => ({ path: `/api/staff/reports/daily?agencyId=${agencyId}` }),
  receiptRegister: async (agencyId) => ({ path: `/api/staff/reports/receipts?agencyId=${agencyId}` }),
  dashboard: async (agencyId) => ({ path: `/api/staff/reports/dashboard?agencyId=${agencyId}` }),
  treasuryReport: async (agencyId) => ({ path: `/api/staff/reports/treasury?agencyId=${agencyId}` }),
  catchUp: async () => ({ path: '/api/staff/catch-up' }),
  transferSuggestions: async (agencyId) => ({ path: `/api/staff/transactions/${encodeURIComponent((await makeTransfer(world, agencyId, 'UNMATCHED')).key)}/suggestions` }),
  listIntegrations: async () => ({ path: '/api/staff/integrations' }),
  createIntegration: async (agencyId) => ({ path: '/api/staff/integrations', body: { name: 'Một cửa tỉnh', webhookUrl: 'https://example.gov.vn/hooks', agencyIds: [agencyId] } }),
  getIntegration: async (agencyId) => ({ path: `/api/staff/integrations/${await integrationAt(agencyId)}` }),
  rotateIntegrationKey: async (agencyId) => ({ path: `/api/staff/integrations/${await integrationAt(agencyId)}/rotate`, body: {} }),
  revokeIntegration: async (agencyId) => ({ path: `/api/staff/integrations/${await integrationAt(agencyId)}/revoke` }),
  listDeliveries: async (agencyId) => ({ path: `/api/staff/integrations/${await integrationAt(agencyId)}/deliveries` }),
  replayDelivery: async (agencyId) => {
    const id = await integrationAt(agencyId);
    const eventId = `evt_000000000_${randomBytes(8).toString('hex')}`;
    const now = new Date().toISOString();
    await world.deps.delivery.integrations.createDelivery({ integrationId: id, eventId, type: 'order.paid', body: '{}', status: 'DELIVERED', createdAt: now, attempts: [], failures: 0 });
    return { path: `/api/staff/integrations/${id}/deliveries/${eventId}/replay` };
  },
};

const REGISTRATION_INPUT = { taxOffice: 'Thuế cơ sở 1 tỉnh Vĩnh Long', contact: { name: 'Nguyễn Thị Lan', phone: '0270 3822 123', email: 'vanthu@example.gov.vn', address: 'Ấp 1, xã Giồng Trôm, tỉnh Vĩnh Long' }, channel: 'provider' as const };

/** A day's summary of a fresh receipt, sent (by hand: the world's transmitter is the manual one) by the province's admin. */
async function sentSummary(agencyId: string) {
  await makeReceipt(world, agencyId);
  const { transmission } = await sendDaySummary(world.deps, ADMIN, vietnamDate(new Date()), agencyId);
  return transmission.documents.at(-1)!;
}

/** An integration serving the agency, registered by the province's admin (its receiver does not listen: a replay records the refusal). */
async function integrationAt(agencyId: string): Promise<string> {
  const res = await call(world, 'POST', '/api/staff/integrations', world.tokens.admin, { name: 'Tích hợp thử', webhookUrl: 'http://127.0.0.1:9/hook', agencyIds: [agencyId] });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A volunteer account at the agency, made by the province's admin. */
async function throwaway(agencyId: string): Promise<string> {
  const username = `t${Math.random().toString(36).slice(2, 10)}`;
  const res = await call(world, 'POST', '/api/staff/users', world.tokens.admin, { username, role: 'volunteer', agencyId, displayName: 'Tạm', password: 'a-long-enough-password' });
  expect(res.status).toBe(201);
  return username;
}

/** Routes whose object belongs to an agency (the rest act on the caller, or list only what is in scope). */
const AGENCY_BOUND = new Set<StaffRouteName>([
  'listOrders', 'createOrder', 'getOrder', 'confirmOrder', 'recordCash', 'cancelOrder', 'markPaidOnPortal', 'listTransfers', 'matchTransfer', 'recordRefund', 'transferSuggestions', 'confirmRefund',
  'getReceipt', 'getReceiptXml', 'dailySummary', 'dailySummaryXml', 'sendDailySummary', 'taxDocumentXml', 'recordTaxAnswer', 'noticeReceiptMistake',
  'listRegistrations', 'declareRegistration', 'registrationXml', 'registrationPrint', 'answerRegistration', 'cancelReceipt', 'reportDaily', 'receiptRegister', 'dashboard', 'treasuryReport',
  'createUser', 'disableUser', 'enableUser', 'resetPassword',
  'createIntegration', 'getIntegration', 'rotateIntegrationKey', 'revokeIntegration', 'listDeliveries', 'replayDelivery',
]);
/** Routes that take the agency as a field of the body: out of reach is a 400 on that field, not a 404. */
const AGENCY_IN_BODY = new Set<StaffRouteName>(['createOrder', 'createUser', 'createIntegration']);

/** Who calls: a token of world.tokens, its role, and the root of its scope. */
interface Person {
  token: keyof StaffWorld['tokens'];
  role: StaffRole;
  /** 'province': the province and everything below it; 'own': the first commune alone. */
  scope: 'province' | 'own';
}
const PEOPLE: Person[] = [
  { token: 'admin', role: 'admin', scope: 'province' },
  { token: 'clerk', role: 'clerk', scope: 'own' },
  { token: 'volunteer', role: 'volunteer', scope: 'own' },
  { token: 'leader', role: 'leader', scope: 'province' },
  { token: 'communeAdmin', role: 'admin', scope: 'own' },
  { token: 'communeLeader', role: 'leader', scope: 'own' },
];
const SIDES: Side[] = ['own', 'other', 'province'];

function expected(route: StaffRouteName, person: Pick<Person, 'role' | 'scope'>, side: Side): number | 'ok' {
  if (!(STAFF_ROUTES[route].roles as readonly StaffRole[]).includes(person.role)) return 403;
  // The province's tree holds all three; a commune's scope holds that commune alone.
  const reaches = person.scope === 'province' || side === 'own';
  if (!AGENCY_BOUND.has(route) || reaches) return 'ok';
  return AGENCY_IN_BODY.has(route) ? 400 : 404;
}

const cells = (Object.keys(STAFF_ROUTES) as StaffRouteName[]).flatMap((route) =>
  PEOPLE.flatMap((person) => SIDES.map((side) => ({ route, person: person.token, side }))),
);

describe('route × person × agency (own commune, sibling commune, the province above)', () => {
  it.each(cells)('$route as $person on $side agency', async ({ route, person, side }) => {
    const who = PEOPLE.find((p) => p.token === person)!;
    const agencyId = side === 'own' ? world.own : side === 'other' ? world.other : world.province;
    const cell = await FIXTURES[route](agencyId, who.role);
    const { method } = STAFF_ROUTES[route];
    const res = await call(world, method, cell.path, world.tokens[who.token], cell.body);
    const want = expected(route, who, side);
    const body = await res.text();
    if (want === 'ok') expect([200, 201], `${res.status} ${body}`).toContain(res.status);
    else expect(res.status, body).toBe(want);
  });

  it.each(Object.keys(STAFF_ROUTES) as StaffRouteName[])('%s without a token → 401', async (route) => {
    const { method, path } = STAFF_ROUTES[route];
    const res = await call(world, method, path.replace(':id', 'X').replace(':username', 'x'), undefined, method === 'POST' ? {} : undefined);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHORIZED');
  });

  it('hand-checked cells agree with the table', async () => {
    const at = (role: StaffRole, scope: Person['scope'] = role === 'admin' || role === 'leader' ? 'province' : 'own') => ({ role, scope });
    expect(expected('confirmOrder', at('volunteer'), 'own')).toBe(403);
    expect(expected('confirmOrder', at('clerk'), 'other')).toBe(404);
    expect(expected('confirmOrder', at('clerk'), 'province')).toBe(404);
    expect(expected('audit', at('clerk'), 'own')).toBe(403);
    // Leaders read figures, not orders: their session, the dashboard and the treasury report, nothing else.
    expect(expected('getOrder', at('leader'), 'other')).toBe(403);
    expect(expected('listOrders', at('leader'), 'own')).toBe(403);
    expect((Object.keys(STAFF_ROUTES) as StaffRouteName[]).filter((r) => expected(r, at('leader'), 'own') === 'ok').sort()).toEqual(['dashboard', 'me', 'treasuryReport']);
    expect(expected('createOrder', at('leader'), 'own')).toBe(403);
    // Scope follows the tree: the province's admin sees its communes; a commune's admin neither its sibling nor its province.
    expect(expected('confirmOrder', at('admin'), 'other')).toBe('ok');
    expect(expected('confirmOrder', at('admin'), 'province')).toBe('ok');
    expect(expected('confirmOrder', at('admin', 'own'), 'other')).toBe(404);
    expect(expected('confirmOrder', at('admin', 'own'), 'province')).toBe(404);
    expect(expected('createUser', at('admin', 'own'), 'province')).toBe(400);
    expect(expected('dashboard', at('leader', 'own'), 'other')).toBe(404);
    expect(cells.length).toBe(Object.keys(STAFF_ROUTES).length * PEOPLE.length * SIDES.length);
  });
});

describe('scope over the old map: records made under a merged agency follow its successor', () => {
  it('an order kept under xã Mỹ Thạnh is the province admin\'s and Lương Hòa\'s, not Giồng Trôm\'s', async () => {
    // An order as it was recorded before 1 July 2025: no new one can be made there (AGENCY_SUPERSEDED).
    const template = await makeOrder(world, world.own);
    const reference = newReference((n) => randomBytes(n));
    const old = { ...template, id: reference, reference, agencyId: 'my-thanh', assistedBy: 'volunteer' };
    expect((await world.db.store.createOrder(old)).kind).toBe('created');

    const admin = userAdmin({ users: world.deps.users, now: () => new Date() });
    await admin.createUser({ username: 'admin.luonghoa', role: 'admin', agencyId: 'xa-luong-hoa', password: 'another-demo-password-2026' }, 'admin');
    const login = await call(world, 'POST', '/api/auth/login', undefined, { username: 'admin.luonghoa', password: 'another-demo-password-2026' });
    const luongHoa = ((await login.json()) as { token: string }).token;

    const read = (token: string) => call(world, 'GET', `/api/staff/orders/${old.id}`, token);
    expect((await read(world.tokens.admin)).status).toBe(200);
    expect((await read(luongHoa)).status).toBe(200);
    expect((await read(world.tokens.communeAdmin)).status).toBe(404);
    expect((await read(world.tokens.clerk)).status).toBe(404);

    const listed = await call(world, 'GET', '/api/staff/orders?agencyId=my-thanh', world.tokens.admin);
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((o) => o.id)).toContain(old.id);
    expect((await call(world, 'GET', '/api/staff/orders?agencyId=my-thanh', world.tokens.communeAdmin)).status).toBe(404);
  });

  it('GET /api/staff/me names the scope: the agencies one may see (null: every agency)', async () => {
    const me = async (token: string) => (await (await call(world, 'GET', '/api/staff/me', token)).json()) as { user: { agencyId?: string }; scope: string[] | null };
    const province = await me(world.tokens.admin);
    expect(province.user.agencyId).toBe(world.province);
    expect(province.scope).toEqual(expect.arrayContaining([world.province, world.own, world.other, 'my-thanh', 'giong-trom']));
    expect((await me(world.tokens.communeAdmin)).scope).toEqual([world.own, 'binh-thanh']);
    // A clerk acts for the one agency: not for the old commune it took over.
    expect((await me(world.tokens.clerk)).scope).toEqual([world.own]);
  });
});
