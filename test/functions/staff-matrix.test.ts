/**
 * Authorization, cell by cell: every staff route × every role × an object of the
 * caller's own agency or of another agency, generated from STAFF_ROUTES.
 * Wrong role → 403; another agency's object → 404 (existence does not leak) for
 * agency-bound roles; otherwise the route does its work (2xx).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROUTES, type StaffRouteName } from '../../functions/staff/access';
import type { StaffRole } from '../../functions/lib/auth/tokens';
import { call, makeOrder, makeReceipt, makeTransfer, staffWorld, type StaffWorld } from '../support/staff';
import { procedureWithFee } from '../support/fixtures';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
}, 120_000);

type Side = 'own' | 'other';
interface Cell {
  path: string;
  body?: unknown;
}

/** Builds a fresh object for the route in the given agency, so every cell starts clean. */
const FIXTURES: Record<StaffRouteName, (agencyId: string, role: StaffRole) => Promise<Cell>> = {
  me: async () => ({ path: '/api/staff/me' }),
  listOrders: async (agencyId) => ({ path: `/api/staff/orders?agencyId=${agencyId}` }),
  createOrder: async (agencyId) => ({ path: '/api/staff/orders', body: { procedureCode: procedureWithFee('tiered', 'commune').code, agencyId, quantity: 2 } }),
  getOrder: async (agencyId, role) => {
    // A volunteer's "own" order is one they created.
    const o = await makeOrder(world, agencyId, role === 'volunteer' ? { assistedBy: agencyId === world.own ? 'volunteer' : 'volunteer2' } : {});
    return { path: `/api/staff/orders/${o.id}` };
  },
  confirmOrder: async (agencyId) => ({ path: `/api/staff/orders/${(await makeOrder(world, agencyId, { paid: true })).id}/confirm` }),
  recordCash: async (agencyId) => ({ path: `/api/staff/orders/${(await makeOrder(world, agencyId)).id}/cash`, body: {} }),
  cancelOrder: async (agencyId) => ({ path: `/api/staff/orders/${(await makeOrder(world, agencyId)).id}/cancel`, body: { reason: 'Công dân đổi thủ tục' } }),
  listTransfers: async (agencyId) => ({ path: `/api/staff/transactions?status=UNMATCHED&agencyId=${agencyId}` }),
  matchTransfer: async (agencyId) => {
    const t = await makeTransfer(world, agencyId, 'UNMATCHED');
    const o = await makeOrder(world, agencyId);
    return { path: `/api/staff/transactions/${encodeURIComponent(t.key)}/match`, body: { orderId: o.id } };
  },
  recordRefund: async (agencyId) => ({ path: `/api/staff/transactions/${encodeURIComponent((await makeTransfer(world, agencyId, 'REFUND_DUE')).key)}/refund`, body: { note: 'Đã chuyển trả qua ngân hàng' } }),
  getReceipt: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}` }),
  dailySummary: async (agencyId) => ({ path: `/api/staff/receipts/daily-summary?agencyId=${agencyId}` }),
  dailySummaryXml: async (agencyId) => ({ path: `/api/staff/receipts/daily-summary.xml?agencyId=${agencyId}` }),
  getReceiptXml: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}/xml` }),
  cancelReceipt: async (agencyId) => ({ path: `/api/staff/receipts/${(await makeReceipt(world, agencyId)).receiptId}/cancel`, body: { reason: 'Sai tên người nộp tiền' } }),
  tally: async () => ({ path: '/api/staff/tally' }),
  audit: async () => ({ path: '/api/staff/audit' }),
  listUsers: async () => ({ path: '/api/staff/users' }),
  createUser: async (agencyId) => ({ path: '/api/staff/users', body: { username: `u${Math.random().toString(36).slice(2, 10)}`, role: 'clerk', agencyId, displayName: 'Cán bộ mới', password: 'a-long-enough-password' } }),
  disableUser: async () => ({ path: `/api/staff/users/${await throwaway()}/disable` }),
  enableUser: async () => ({ path: `/api/staff/users/${await throwaway()}/enable` }),
  resetPassword: async () => ({ path: `/api/staff/users/${await throwaway()}/password`, body: { password: 'a-brand-new-password' } }),
  reportDaily: async (agencyId) => ({ path: `/api/staff/reports/daily?agencyId=${agencyId}` }),
  receiptRegister: async (agencyId) => ({ path: `/api/staff/reports/receipts?agencyId=${agencyId}` }),
  dashboard: async () => ({ path: '/api/staff/reports/dashboard' }),
};

async function throwaway(): Promise<string> {
  const username = `t${Math.random().toString(36).slice(2, 10)}`;
  const res = await call(world, 'POST', '/api/staff/users', world.tokens.admin, { username, role: 'volunteer', agencyId: world.own, displayName: 'Tạm', password: 'a-long-enough-password' });
  expect(res.status).toBe(201);
  return username;
}

/** Routes whose object belongs to an agency (the rest act on the caller or district-wide data). */
const AGENCY_BOUND = new Set<StaffRouteName>(['listOrders', 'createOrder', 'getOrder', 'confirmOrder', 'recordCash', 'cancelOrder', 'listTransfers', 'matchTransfer', 'recordRefund', 'getReceipt', 'getReceiptXml', 'dailySummary', 'dailySummaryXml', 'cancelReceipt', 'reportDaily', 'receiptRegister']);

const ROLES: StaffRole[] = ['admin', 'clerk', 'volunteer', 'leader'];

function expected(route: StaffRouteName, role: StaffRole, side: Side): number | 'ok' {
  if (!(STAFF_ROUTES[route].roles as readonly StaffRole[]).includes(role)) return 403;
  if (!AGENCY_BOUND.has(route) || side === 'own' || role === 'admin' || role === 'leader') return 'ok';
  // Creating an order for another agency is refused on the body's field, not hidden.
  return route === 'createOrder' ? 400 : 404;
}

const cells = (Object.keys(STAFF_ROUTES) as StaffRouteName[]).flatMap((route) =>
  ROLES.flatMap((role) => (['own', 'other'] as Side[]).map((side) => ({ route, role, side }))),
);

describe('route × role × agency', () => {
  it.each(cells)('$route as $role on $side agency', async ({ route, role, side }) => {
    const agencyId = side === 'own' ? world.own : world.other;
    const cell = await FIXTURES[route](agencyId, role);
    const { method } = STAFF_ROUTES[route];
    const res = await call(world, method, cell.path, world.tokens[role], cell.body);
    const want = expected(route, role, side);
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
    expect(expected('confirmOrder', 'volunteer', 'own')).toBe(403);
    expect(expected('confirmOrder', 'clerk', 'other')).toBe(404);
    expect(expected('audit', 'clerk', 'own')).toBe(403);
    // Leaders read figures, not orders: their session and the dashboard, nothing else.
    expect(expected('getOrder', 'leader', 'other')).toBe(403);
    expect(expected('listOrders', 'leader', 'own')).toBe(403);
    expect((Object.keys(STAFF_ROUTES) as StaffRouteName[]).filter((r) => expected(r, 'leader', 'own') === 'ok').sort()).toEqual(['dashboard', 'me']);
    expect(expected('createOrder', 'leader', 'own')).toBe(403);
  });
});
