/**
 * The red-team findings of issue 12, each reproduced as the attack was made and now held:
 * through the real apps on a real DynamoDB Local table, signed as the providers sign.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createPublicApp } from '../../functions/public/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { cassoSignatureHeader, samplePayosData, signedNotification, signPayos } from '../../functions/webhooks/providers';
import { MAX_TRANSFER_VND } from '../../shared/money';
import { maskName } from '../../shared/privacy';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import type { Provider } from '../../shared/transfer';
import type { FeeOrder } from '../../shared/order';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';
import { makeOrder, staffWorld, type StaffWorld } from '../support/staff';

const SECRETS: Record<Provider, string> = { payos: DEV_SECRETS.PAYOS_CHECKSUM_KEY, sepay: DEV_SECRETS.SEPAY_API_KEY, casso: DEV_SECRETS.CASSO_SECRET };

let db: TestDb;
let publicApp: ReturnType<typeof createPublicApp>;
let webhooks: ReturnType<typeof createWebhooksApp>;

beforeAll(async () => {
  db = await testDb();
  const deps = testDeps(db);
  publicApp = createPublicApp(() => deps);
  webhooks = createWebhooksApp(() => ({ ...deps, providerSecret: (p) => SECRETS[p] }));
});

async function newOrder(): Promise<FeeOrder> {
  const res = await publicApp.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agencyOfLevel('commune').id, quantity: 5 }),
  });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  return (await db.store.getOrder(id))!;
}

const post = (provider: Provider, body: string, headers: Record<string, string> = {}) =>
  webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('finding 1: payOS replay through an empty reference', () => {
  it('one genuine notification with an empty reference, resent with "null" and "undefined", settles once', async () => {
    const order = await newOrder();
    const data = samplePayosData({
      amount: order.amount,
      memo: `MBVCB.3278519.${order.reference}.CT tu 0123456789 NGUYEN VAN A`,
      accountNumber: order.vietqr.accountNumber,
      reference: `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
      at: new Date(),
    });
    const genuine = { ...data, reference: '' };
    const signature = signPayos(genuine, SECRETS.payos);
    const results: string[] = [];
    for (const reference of ['', 'null', 'undefined', null]) {
      // The same signature fits every variant: payOS signs them all as "reference=".
      expect(signPayos({ ...genuine, reference }, SECRETS.payos)).toBe(signature);
      const res = await post('payos', JSON.stringify({ code: '00', desc: 'success', success: true, data: { ...genuine, reference }, signature }));
      expect(res.status).toBe(200);
      results.push((await res.json()).result);
    }
    expect(results).toEqual(['settled', 'duplicate', 'duplicate', 'duplicate']);
    const after = (await db.store.getOrder(order.id))!;
    expect(after.status).toBe('PAID');
    expect(after.paidAmount).toBe(order.amount);
    expect(after.refundDue).toBe(0);
  });
});

describe('finding 5: deeply nested bodies answer 400 before any recursive work', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it.each([
    ['casso', 5_000],
    ['casso', 20_000],
    ['payos', 20_000],
    ['sepay', 20_000],
  ] as const)('%s with %i nested arrays → 400, not 500', async (provider, depth) => {
    const body = `{"error":0,"data":${nested(depth)}}`;
    const headers: Record<string, string> =
      provider === 'casso'
        ? { 'x-casso-signature': cassoSignatureHeader({}, 'wrong-secret', Date.now()) }
        : provider === 'sepay'
          ? { authorization: `Apikey ${SECRETS.sepay}` }
          : {};
    const res = await post(provider, body, headers);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe('NOTIFICATION_MALFORMED');
  });

  it('brackets inside strings do not count as nesting', async () => {
    const order = await newOrder();
    const data = samplePayosData({
      amount: order.amount,
      memo: `${order.reference} ${'[{'.repeat(100)}`,
      accountNumber: order.vietqr.accountNumber,
      reference: `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
      at: new Date(),
    });
    const res = await post('payos', JSON.stringify({ code: '00', desc: 'success', success: true, data, signature: signPayos(data, SECRETS.payos) }));
    expect(res.status).toBe(200);
    expect((await res.json()).result).toBe('settled');
  });
});

describe('finding 9: one bound for every amount', () => {
  it.each(['payos', 'sepay', 'casso'] as const)('a genuine %s notification for 2^53−1 VND → 400, nothing stored', async (provider) => {
    const order = await newOrder();
    const { body, headers } = signedNotification(provider, {
      amount: Number.MAX_SAFE_INTEGER,
      memo: order.reference,
      accountNumber: order.vietqr.accountNumber,
      reference: `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
      at: new Date(),
    }, SECRETS[provider], new Date());
    const res = await webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers, body });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('NOTIFICATION_MALFORMED');
    expect((await db.store.getOrder(order.id))!.paidAmount).toBe(0);
  });

  it('the largest transfer NAPAS allows is still accepted (recorded, refund due)', async () => {
    const order = await newOrder();
    const { body, headers } = signedNotification('sepay', {
      amount: MAX_TRANSFER_VND,
      memo: order.reference,
      accountNumber: order.vietqr.accountNumber,
      reference: `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
      at: new Date(),
    }, SECRETS.sepay, new Date());
    const res = await webhooks.request('/api/webhooks/sepay', { method: 'POST', headers, body });
    expect(res.status).toBe(200);
    const after = (await db.store.getOrder(order.id))!;
    expect(after.paidAmount).toBe(MAX_TRANSFER_VND);
    expect(after.refundDue).toBe(MAX_TRANSFER_VND - order.amount);
  });
});

describe('finding 4: cash at the counter is idempotent and only takes what is due', () => {
  let world: StaffWorld;
  beforeAll(async () => {
    world = await staffWorld();
  });

  const cash = (orderId: string, body: unknown, key?: string) =>
    world.app.request(`/api/staff/orders/${orderId}/cash`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.tokens.clerk}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
  it('five parallel submissions of the fee (no key) record one payment; the rest are refused, nothing due', async () => {
    const order = await makeOrder(world, world.own);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cash(order.id, { amount: order.amount })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422]);
    const after = (await world.db.store.getOrder(order.id))!;
    expect(after).toMatchObject({ status: 'PAID', paidAmount: order.amount, refundDue: 0 });
  });

  it('five parallel submissions with one Idempotency-Key record one payment, and all five answer it', async () => {
    const order = await makeOrder(world, world.own);
    const key = `cash-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => cash(order.id, { amount: order.amount }, key)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.transaction.id)).size).toBe(1);
    const after = (await world.db.store.getOrder(order.id))!;
    expect(after).toMatchObject({ status: 'PAID', paidAmount: order.amount, refundDue: 0 });
    // The same key with another amount is another request: refused, not recorded.
    const reused = await cash(order.id, { amount: 1_000 }, key);
    expect(reused.status).toBe(409);
    expect((await reused.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('cash on a paid order, or more than is due, is refused with 422 and changes nothing', async () => {
    const order = await makeOrder(world, world.own);
    const more = await cash(order.id, { amount: order.amount + 1 });
    expect(more.status).toBe(422);
    expect((await more.json()).error.details[0].path).toBe('amount');
    expect((await world.db.store.getOrder(order.id))!.paidAmount).toBe(0);
    expect((await cash(order.id, {})).status).toBe(201);
    const again = await cash(order.id, {});
    expect(again.status).toBe(422);
    expect((await world.db.store.getOrder(order.id))!.paidAmount).toBe(order.amount);
  });

  it('an amount beyond one transfer is a 400, like every amount the product accepts', async () => {
    const order = await makeOrder(world, world.own);
    const res = await cash(order.id, { amount: Number.MAX_SAFE_INTEGER });
    expect(res.status).toBe(400);
  });
});

describe('finding 10: the public receipt check masks the payer and names no staff account', () => {
  it('answers the payer masked and the collector by masked name only; the signed receipt keeps both', async () => {
    const world = await staffWorld();
    const order = await makeOrder(world, world.own, { paid: true });
    const confirmed = await world.app.request(`/api/staff/orders/${order.id}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${world.tokens.clerk}` } });
    expect(confirmed.status).toBe(200);
    const { receipt } = await confirmed.json();
    const publicApp = createPublicApp(() => testDeps(world.db));
    const text = await (await publicApp.request(receipt.verifyUrl)).text();
    const answer = JSON.parse(text);
    expect(answer.genuine).toBe(true);
    expect(answer.receipt.payer).toEqual({ name: maskName('Nguyễn Văn An') });
    expect(answer.receipt.collector.username).toBeUndefined();
    // Who signed the e-receipt: the organisation's certificate, no person.
    expect(answer.signer).toMatchObject({ organisation: expect.any(String), serialNumber: expect.any(String) });
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).not.toContain('"clerk"');
    // The token (the signed receipt its holder prints) still carries the names.
    const token = new URL(receipt.verifyUrl, 'http://x').searchParams.get('token')!;
    const signed = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(signed.payer.name).toBe('Nguyễn Văn An');
  });
});
