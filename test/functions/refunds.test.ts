/**
 * Refunds to the end, over HTTP on DynamoDB Local: a refund due (an overpayment reported
 * by SePay) is sent by hand with the bank transfer's details or through payOS payouts
 * (a stand-in of payOS's payouts API, the SDK as client), then confirmed by the outgoing
 * transfer SePay reports, or by a clerk from the statement. Each step once, in order,
 * for the exact amount; clerk and admin only; the day report shows them by state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createWebhooksApp, type WebhookDeps } from '../../functions/webhooks/app';
import { signedNotification } from '../../functions/webhooks/providers';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { payosPaymentRequests } from '../../functions/lib/payments/payos-client';
import { refundIdOf } from '../../functions/lib/payments/refunds';
import { payosConfigFromEnv } from '../../functions/lib/platform/payos-config';
import type { TransferView } from '../../shared/views';
import { AGENCIES } from '../../shared/catalogue';
import { testDeps } from '../support/db';
import { call, makeOrder, staffWorld, type StaffWorld } from '../support/staff';
import { startPayosStandIn, type PayosStandIn } from '../support/payos-stand-in';

let world: StaffWorld;
let webhooks: ReturnType<typeof createWebhooksApp>;
let standIn: PayosStandIn;
const payoutChannel = { clientId: 'payout-client-0001', apiKey: 'payout-api-key-0001', checksumKey: 'payout-checksum-key-0001', account: { bin: '970405', accountNumber: '999900000202', accountName: 'UBND XA GIONG TROM' } };
const payChannel = { ...payoutChannel, clientId: 'pay-client-0001', apiKey: 'pay-api-key-0001', checksumKey: 'pay-checksum-key-0001' };

beforeAll(async () => {
  world = await staffWorld();
  standIn = await startPayosStandIn([payChannel], [payoutChannel]);
  // Only the first commune has a payout channel (PAYOS_AGENCIES); the others refund by hand.
  const config = payosConfigFromEnv({
    PAYOS_API_URL: standIn.url,
    PAYOS_AGENCIES: JSON.stringify({
      [world.own]: { clientId: payChannel.clientId, apiKey: payChannel.apiKey, checksumKey: payChannel.checksumKey, payouts: { clientId: payoutChannel.clientId, apiKey: payoutChannel.apiKey, checksumKey: payoutChannel.checksumKey } },
    }),
  })!;
  world.deps.paymentRequests = payosPaymentRequests(config);
  const deps: WebhookDeps = { ...testDeps(world.db), providerSecret: (p) => (p === 'sepay' ? DEV_SECRETS.SEPAY_API_KEY : p === 'payos' ? DEV_SECRETS.PAYOS_CHECKSUM_KEY : DEV_SECRETS.CASSO_SECRET) };
  webhooks = createWebhooksApp(() => deps);
});

afterAll(async () => {
  await standIn?.close();
});

function sepay(agencyId: string, sample: { amount: number; memo: string; direction?: 'in' | 'out'; reference?: string }) {
  const account = AGENCIES.find((a) => a.id === agencyId)!.bank.accountNumber;
  const n = signedNotification('sepay', { reference: sample.reference ?? `FT${randomUUID().slice(0, 10)}`, at: new Date(), accountNumber: account, ...sample }, DEV_SECRETS.SEPAY_API_KEY, new Date());
  return webhooks.request('/api/webhooks/sepay', { method: 'POST', headers: n.headers, body: n.body });
}

/** An order overpaid by 5,000 đồng: the transfer with its refund due (REQUESTED). */
async function refundDue(agencyId = world.own): Promise<{ key: string; orderId: string }> {
  // Created without payOS, as the counter does when payOS is off: the money comes by SePay here.
  const saved = world.deps.paymentRequests;
  delete world.deps.paymentRequests;
  const order = await makeOrder(world, agencyId).finally(() => (world.deps.paymentRequests = saved));
  const res = await sepay(agencyId, { amount: order.amount + 5000, memo: `CK ${order.vietqr.memo} le phi` });
  expect(res.status).toBe(200);
  const items = (await (await call(world, 'GET', `/api/staff/transactions?status=REFUND_DUE&agencyId=${agencyId}`, world.tokens.admin)).json()).items as TransferView[];
  const t = items.find((x) => x.orderId === order.id)!;
  expect(t).toMatchObject({ refundDue: 5000, refundState: 'REQUESTED' });
  return { key: t.id, orderId: order.id };
}

const refundPath = (key: string, what = 'refund') => `/api/staff/transactions/${encodeURIComponent(key)}/${what}`;

describe('sent by hand', () => {
  it('records the bank transfer (amount, bank reference, day), once', async () => {
    const { key } = await refundDue();
    const res = await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Đã chuyển trả qua Agribank', amount: 5000, bankReference: 'FT26337000123', sentOn: '2026-12-03' });
    expect(res.status).toBe(200);
    expect((await res.json()).transaction).toMatchObject({ refundState: 'SENT', refund: { method: 'manual', amount: 5000, bankReference: 'FT26337000123', sentOn: '2026-12-03', by: 'clerk' } });
    const again = await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Lần nữa' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('ALREADY_REFUNDED');
  });

  it('refuses another amount than due, a bad day, and a volunteer; nothing stored', async () => {
    const { key } = await refundDue();
    const wrong = await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Chuyển trả', amount: 4000 });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.code).toBe('REFUND_AMOUNT_MISMATCH');
    const badDay = await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Chuyển trả', sentOn: '3/12/2026' });
    expect(badDay.status).toBe(400);
    expect((await badDay.json()).error.details[0].path).toBe('sentOn');
    expect((await call(world, 'POST', refundPath(key), world.tokens.volunteer, { note: 'Chuyển trả' })).status).toBe(403);
    expect((await call(world, 'POST', refundPath(key, 'refund/confirm'), world.tokens.volunteer, { note: 'Thấy trên sao kê' })).status).toBe(403);
    expect((await world.db.store.getTransfer(key))!.refund).toBeUndefined();
  });
});

describe('confirmed', () => {
  it('by the outgoing transfer SePay reports (memo naming the order, the exact amount), once', async () => {
    const { key, orderId } = await refundDue();
    expect((await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Đã chuyển trả', amount: 5000 })).status).toBe(200);
    // Another amount out with the same memo: not this refund.
    expect((await sepay(world.own, { amount: 4000, memo: `HOAN TIEN ${orderId}`, direction: 'out' })).status).toBe(200);
    expect((await world.db.store.getTransfer(key))!.refundConfirmation).toBeUndefined();
    const out = { amount: 5000, memo: `IBFT HOAN TIEN ${orderId}`, direction: 'out' as const, reference: `FT${randomUUID().slice(0, 10)}` };
    expect((await sepay(world.own, out)).status).toBe(200);
    expect((await sepay(world.own, out)).status).toBe(200); // SePay resends it
    const t = (await world.db.store.getTransfer(key))!;
    expect(t.refundConfirmation).toMatchObject({ source: 'sepay' });
    expect(t.refundConfirmation!.transferKey).toMatch(/^sepay:/);
    const view = (await (await call(world, 'GET', `/api/staff/transactions?status=REFUND_DUE&agencyId=${world.own}`, world.tokens.clerk)).json()).items as TransferView[];
    expect(view.find((x) => x.id === key)).toBeUndefined(); // sent: out of the queue
  });

  it('not before it is sent, and not from another agency’s account', async () => {
    const { key, orderId } = await refundDue();
    expect((await sepay(world.own, { amount: 5000, memo: `HOAN TIEN ${orderId}`, direction: 'out' })).status).toBe(200);
    expect((await world.db.store.getTransfer(key))!.refundConfirmation).toBeUndefined();
    expect((await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Đã chuyển trả' })).status).toBe(200);
    expect((await sepay(world.other, { amount: 5000, memo: `HOAN TIEN ${orderId}`, direction: 'out' })).status).toBe(200);
    expect((await world.db.store.getTransfer(key))!.refundConfirmation).toBeUndefined();
    const early = await call(world, 'POST', refundPath((await refundDue()).key, 'refund/confirm'), world.tokens.clerk, { note: 'Thấy trên sao kê' });
    expect(early.status).toBe(409);
    expect((await early.json()).error.code).toBe('REFUND_NOT_SENT');
  });

  it('by a clerk from the statement, audited, once', async () => {
    const { key } = await refundDue();
    expect((await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Đã chuyển trả' })).status).toBe(200);
    const res = await call(world, 'POST', refundPath(key, 'refund/confirm'), world.tokens.clerk, { note: 'Thấy trên sao kê ngày 03/12', bankReference: 'FT26337000999' });
    expect(res.status).toBe(200);
    expect((await res.json()).transaction).toMatchObject({ refundState: 'CONFIRMED', refundConfirmation: { source: 'clerk', by: 'clerk' } });
    const again = await call(world, 'POST', refundPath(key, 'refund/confirm'), world.tokens.clerk, { note: 'Lần nữa' });
    expect(again.status).toBe(409);
    const audit = (await (await call(world, 'GET', '/api/staff/audit?action=REFUND_CONFIRMED', world.tokens.admin)).json()).items as { target: { id: string } }[];
    expect(audit.some((e) => e.target.id === key)).toBe(true);
  });
});

describe('sent through payOS payouts', () => {
  it('pays out once under the refund’s id, then confirms by the outgoing transfer', async () => {
    const { key, orderId } = await refundDue();
    const res = await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Hoàn qua payOS', via: 'payos', to: { bin: '970436', accountNumber: '0011004123456' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()).transaction as TransferView;
    expect(body).toMatchObject({ refundState: 'SENT', refund: { method: 'payos', amount: 5000, to: { bin: '970436' } } });
    expect(body.refund!.to!.accountNumber).not.toBe('0011004123456'); // masked
    const payouts = standIn.payouts.filter((p) => p.idempotencyKey === refundIdOf(key));
    expect(payouts).toHaveLength(1);
    expect(payouts[0]!.body).toMatchObject({ referenceId: refundIdOf(key), amount: 5000, description: `HOAN TIEN ${orderId}`, toBin: '970436', toAccountNumber: '0011004123456' });
    expect(body.refund!.payoutId).toBe(payouts[0]!.id);
    expect((await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Lần nữa', via: 'payos', to: { bin: '970436', accountNumber: '0011004123456' } })).status).toBe(409);
    expect(standIn.payouts.filter((p) => p.idempotencyKey === refundIdOf(key))).toHaveLength(1);
    expect((await sepay(world.own, { amount: 5000, memo: `HOAN TIEN ${orderId}`, direction: 'out' })).status).toBe(200);
    expect((await world.db.store.getTransfer(key))!.refundConfirmation).toMatchObject({ source: 'sepay' });
  });

  it('not where the agency has no payout channel: 422, by hand instead', async () => {
    const { key } = await refundDue(world.other);
    const res = await call(world, 'POST', refundPath(key), world.tokens.admin, { note: 'Hoàn qua payOS', via: 'payos', to: { bin: '970436', accountNumber: '0011004123456' } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('REFUND_PAYOUT_UNAVAILABLE');
  });

  it('payOS failing: 503, nothing recorded', async () => {
    const { key } = await refundDue();
    standIn.set('error500');
    const res = await call(world, 'POST', refundPath(key), world.tokens.clerk, { note: 'Hoàn qua payOS', via: 'payos', to: { bin: '970436', accountNumber: '0011004123456' } });
    standIn.set('ok');
    expect(res.status).toBe(503);
    expect((await world.db.store.getTransfer(key))!.refund).toBeUndefined();
  });
});

describe('the day report', () => {
  it('shows the day’s refunds by state', async () => {
    const res = await call(world, 'GET', `/api/staff/reports/daily?agencyId=${world.own}`, world.tokens.clerk);
    expect(res.status).toBe(200);
    const { refunds } = await res.json();
    expect(refunds.byState.REQUESTED.count).toBeGreaterThan(0);
    expect(refunds.byState.SENT.count).toBeGreaterThan(0);
    expect(refunds.byState.CONFIRMED.count).toBeGreaterThan(0);
    expect(refunds.byState.REQUESTED.amount + refunds.byState.SENT.amount + refunds.byState.CONFIRMED.amount).toBe(refunds.due.amount);
  });
});
