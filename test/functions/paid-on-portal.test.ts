/**
 * Never paid twice (issue 14, item 6), over HTTP on DynamoDB Local: an order for a dossier
 * filed online whose fee was paid on the national public-service portal is closed by a
 * clerk or admin with the portal's reference, conditionally, audited, one way, and no
 * payment event is written. Refused (422) without a dossier code or once money arrived;
 * a transfer arriving afterwards is recorded and owed back whole; a payment racing the
 * closing settles one way or the other, never both.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { signedNotification } from '../../functions/webhooks/providers';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import type { DynamoIntegrationStore } from '../../functions/lib/storage/integrations-table';
import type { FeeOrder } from '../../shared/order';
import type { StaffOrderView, TransferView } from '../../shared/views';
import type { DailyReport } from '../../shared/report-views';
import { call, makeOrder, staffWorld, type StaffWorld } from '../support/staff';

let world: StaffWorld;
let webhooks: ReturnType<typeof createWebhooksApp>;

beforeAll(async () => {
  world = await staffWorld();
  webhooks = createWebhooksApp(() => ({ ...world.deps, providerSecret: () => DEV_SECRETS.SEPAY_API_KEY }));
}, 120_000);

const BODY = { reference: 'DVCQG-261203-000123', note: 'Công dân đã nộp phí trên Cổng Dịch vụ công khi nộp hồ sơ trực tuyến' };
const dossier = () => `H58.32-261203-${randomUUID().slice(0, 6)}`;
const mark = (id: string, token: string, body: unknown = BODY) => call(world, 'POST', `/api/staff/orders/${id}/paid-on-portal`, token, body);

async function sepay(order: FeeOrder, amount: number) {
  const n = signedNotification('sepay', { amount, memo: `MBVCB.1.${order.vietqr.memo}.CT`, accountNumber: order.vietqr.accountNumber, reference: `FT${randomUUID().slice(0, 12)}`, at: new Date() }, DEV_SECRETS.SEPAY_API_KEY, new Date());
  const res = await webhooks.request('/api/webhooks/sepay', { method: 'POST', headers: n.headers, body: n.body });
  expect(res.status, await res.clone().text()).toBe(200);
}

const stored = async (id: string) => (await world.db.store.getOrder(id))!;
const eventsOf = async (orderId: string) => (await (world.deps.delivery.integrations as DynamoIntegrationStore).pendingEvents(1000)).filter((e) => e.data.orderId === orderId);

describe('closing an order as paid on the national portal', () => {
  it('a clerk closes it once, with the reference, the note, an audit entry and no payment event', async () => {
    const order = await makeOrder(world, world.own, { dossierCode: dossier() });
    const res = await mark(order.id, world.tokens.clerk);
    expect(res.status).toBe(200);
    const view = (await res.json()).order as StaffOrderView;
    expect(view).toMatchObject({ status: 'CANCELLED', paidAmount: 0, refundDue: 0, paidOnPortal: { reference: BODY.reference, note: BODY.note, by: 'clerk' } });
    expect(view.history!.at(-1)).toMatchObject({ event: 'PAID_ON_PORTAL', from: 'PENDING', to: 'CANCELLED', by: 'clerk' });
    expect((await stored(order.id)).version).toBe(order.version + 1);

    const again = await mark(order.id, world.tokens.clerk, { ...BODY, reference: 'DVCQG-OTHER-1' });
    expect(again.status).toBe(422);
    expect((await again.json()).error.code).toBe('INVALID_ORDER_STATE');
    expect((await stored(order.id)).paidOnPortal!.reference).toBe(BODY.reference);

    const audit = (await (await call(world, 'GET', '/api/staff/audit?action=ORDER_PAID_ON_PORTAL', world.tokens.admin)).json()).items as { target: { id: string }; note: string }[];
    expect(audit.filter((e) => e.target.id === order.id)).toHaveLength(1);
    expect(await eventsOf(order.id)).toEqual([]);
    // A cancelled order cannot be confirmed or paid in cash into a receipt.
    expect((await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk)).status).toBe(422);
  });

  it('an expired order for a dossier can be closed too; the admin above the commune may do it', async () => {
    const order = await makeOrder(world, world.own, { dossierCode: dossier() });
    const expired = { ...order, status: 'EXPIRED' as const, version: order.version + 1 };
    await world.db.store.updateOrder(expired, order.version);
    const res = await mark(order.id, world.tokens.admin);
    expect(res.status).toBe(200);
    expect((await res.json()).order).toMatchObject({ status: 'CANCELLED', paidOnPortal: { by: 'admin' } });
  });

  it('refuses an order without a dossier code, and one that already received money: nothing changes', async () => {
    const plain = await makeOrder(world, world.own);
    const res = await mark(plain.id, world.tokens.clerk);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'INVALID_ORDER_STATE' });
    expect(body.error.details[0].path).toBe('dossierCode');
    expect(await stored(plain.id)).toEqual(plain);

    for (const amount of ['part', 'all'] as const) {
      const order = await makeOrder(world, world.own, { dossierCode: dossier() });
      await sepay(order, amount === 'part' ? order.amount - 1000 : order.amount);
      const before = await stored(order.id);
      const refused = await mark(order.id, world.tokens.clerk);
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.code).toBe('INVALID_ORDER_STATE');
      expect(await stored(order.id)).toEqual(before);
    }
  });

  it('a transfer arriving after the closing is recorded and owed back whole', async () => {
    const order = await makeOrder(world, world.own, { dossierCode: dossier() });
    expect((await mark(order.id, world.tokens.clerk)).status).toBe(200);
    await sepay(order, order.amount);
    const after = await stored(order.id);
    expect(after).toMatchObject({ status: 'CANCELLED', paidAmount: order.amount, refundDue: order.amount, paidOnPortal: { reference: BODY.reference } });
    const due = (await (await call(world, 'GET', `/api/staff/transactions?status=REFUND_DUE&agencyId=${world.own}`, world.tokens.clerk)).json()).items as TransferView[];
    expect(due.find((t) => t.orderId === order.id)).toMatchObject({ outcome: 'PAYMENT_TO_CANCELLED', refundDue: order.amount });
    expect((await eventsOf(order.id)).map((e) => e.type)).not.toContain('order.paid');
  });

  it('a payment racing the closing: either closed with the transfer owed back, or paid and the closing refused', async () => {
    for (let i = 0; i < 4; i++) {
      const order = await makeOrder(world, world.own, { dossierCode: dossier() });
      const [closing] = await Promise.all([mark(order.id, world.tokens.clerk), sepay(order, order.amount)]);
      const after = await stored(order.id);
      expect(after.paidAmount).toBe(order.amount);
      if (closing.status === 200) {
        expect(after).toMatchObject({ status: 'CANCELLED', refundDue: order.amount });
        expect(after.paidOnPortal).toBeDefined();
      } else {
        expect(closing.status).toBe(422);
        expect(after).toMatchObject({ status: 'PAID', refundDue: 0 });
        expect(after.paidOnPortal).toBeUndefined();
      }
      expect(after.history.filter((e) => e.event === 'PAYMENT_RECEIVED')).toHaveLength(1);
    }
  });

  it('volunteers and leaders may not; another commune’s clerk finds nothing', async () => {
    const order = await makeOrder(world, world.own, { dossierCode: dossier() });
    expect((await mark(order.id, world.tokens.volunteer)).status).toBe(403);
    expect((await mark(order.id, world.tokens.leader)).status).toBe(403);
    expect((await mark(order.id, world.tokens.clerk2)).status).toBe(404);
    expect((await mark(order.id, 'not-a-token')).status).toBe(401);
    expect(await stored(order.id)).toEqual(order);
  });

  it('bad input is a clear 400 in the contract’s shape and stores nothing', async () => {
    const order = await makeOrder(world, world.own, { dossierCode: dossier() });
    const bad: unknown[] = [
      {},
      { note: BODY.note },
      { reference: BODY.reference },
      { ...BODY, reference: 'x' },
      { ...BODY, reference: 'DVC QG<script>' },
      { ...BODY, reference: 'A'.repeat(65) },
      { ...BODY, note: 'ok' },
      { ...BODY, note: 'Đã nộp\u0007' },
      { ...BODY, amount: 15000 },
      { ...BODY, reference: 12345 },
      [],
      'paid',
    ];
    for (const body of bad) {
      const res = await mark(order.id, world.tokens.clerk, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()).error;
      expect(err.code).toBeTruthy();
      expect(err.message).toBeTruthy();
      expect(err.messageEn).toBeTruthy();
    }
    const raw = await world.app.request(`/api/staff/orders/${order.id}/paid-on-portal`, { method: 'POST', headers: { authorization: `Bearer ${world.tokens.clerk}`, 'content-type': 'application/json' }, body: '{"reference":' });
    expect(raw.status).toBe(400);
    expect((await mark('NOPE', world.tokens.clerk)).status).toBe(404);
    expect(await stored(order.id)).toEqual(order);
  });
});

describe('the day report counts portal closings apart', () => {
  it('lists them with the reference and amount, and not among the money received', async () => {
    const order = await makeOrder(world, world.own, { dossierCode: dossier() });
    const before = (await (await call(world, 'GET', `/api/staff/reports/daily?agencyId=${world.own}`, world.tokens.clerk)).json()) as DailyReport;
    expect((await mark(order.id, world.tokens.clerk)).status).toBe(200);
    const res = await call(world, 'GET', `/api/staff/reports/daily?agencyId=${world.own}`, world.tokens.clerk);
    expect(res.status).toBe(200);
    const report = (await res.json()) as DailyReport;
    expect(report.paidOnPortal.count).toBe(before.paidOnPortal.count + 1);
    expect(report.paidOnPortal.amount).toBe(before.paidOnPortal.amount + order.amount);
    expect(report.paidOnPortal.items.find((i) => i.orderId === order.id)).toMatchObject({ dossierCode: order.dossierCode, amount: order.amount, reference: BODY.reference, by: 'clerk' });
    expect(report.collected).toEqual(before.collected);
    expect(report.totals.received).toEqual(before.totals.received);
    // Another commune's report does not show it.
    const other = (await (await call(world, 'GET', `/api/staff/reports/daily?agencyId=${world.other}`, world.tokens.admin)).json()) as DailyReport;
    expect(other.paidOnPortal.items.some((i) => i.orderId === order.id)).toBe(false);
    const csv = await (await call(world, 'GET', `/api/staff/reports/daily?agencyId=${world.own}&format=csv`, world.tokens.clerk)).text();
    expect(csv).toContain('Đã nộp trên Cổng Dịch vụ công quốc gia (không thu tại đây)');
  });
});
