/**
 * Orders of an agency watched by payOS, against a local stand-in of payOS's merchant API
 * (test/support/payos-stand-in.ts) with the official SDK as the client, over HTTP: the
 * payment request made with the order (signature, headers, orderCode, description,
 * expiry, return URLs), payOS's QR shown, nothing stored when payOS fails, one request
 * per idempotent order, cancellation on expiry and by a clerk, and the webhook loop.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createPublicApp } from '../../functions/public/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { samplePayosBody } from '../../functions/webhooks/providers';
import { sweepExpired } from '../../functions/lib/orders/sweeper';
import { payosPaymentRequests } from '../../functions/lib/payments/payos-client';
import { payosConfigFromEnv } from '../../functions/lib/platform/payos-config';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import type { Deps } from '../../functions/lib/deps';
import { AGENCIES } from '../../shared/catalogue';
import { decodeVietQr } from '../../shared/vietqr';
import { orderCodeOf, watcherOf } from '../../shared/watcher';
import { testDb, testDeps, type TestDb } from '../support/db';
import { payableProcedureAt } from '../support/fixtures';
import { call, staffWorld, type StaffWorld } from '../support/staff';
import { startPayosStandIn, type PayosStandIn } from '../support/payos-stand-in';

const payosAgency = AGENCIES.find((a) => watcherOf(a) === 'payos')!;
const sepayAgency = AGENCIES.find((a) => watcherOf(a) === 'sepay' && a.level === 'commune')!;
const channel = {
  clientId: 'client-giong-trom-0001',
  apiKey: 'api-key-giong-trom-0001',
  checksumKey: 'checksum-key-giong-trom-0001',
  account: { bin: payosAgency.bank.bin, accountNumber: payosAgency.bank.accountNumber, accountName: payosAgency.bank.accountName },
};
const env = (over: Record<string, string> = {}) => ({
  PAYOS_API_URL: standIn.url,
  PAYOS_CLIENT_ID: channel.clientId,
  PAYOS_API_KEY: channel.apiKey,
  PAYOS_CHECKSUM_KEY: channel.checksumKey,
  PAYOS_TIMEOUT_MS: '300',
  PUBLIC_SITE_URL: 'https://motcua.example.vn',
  ...over,
});

let db: TestDb;
let standIn: PayosStandIn;
let deps: Deps;
let clock = () => new Date();
let app: ReturnType<typeof createPublicApp>;
let webhookServer: ServerType;
let webhookUrl: string;

beforeAll(async () => {
  db = await testDb();
  standIn = await startPayosStandIn([channel]);
  deps = testDeps(db, { now: () => clock(), paymentRequests: payosPaymentRequests(payosConfigFromEnv(env())!) });
  app = createPublicApp(() => deps);
  const webhooks = createWebhooksApp(() => ({
    ...testDeps(db),
    providerSecret: (p) => (p === 'payos' ? channel.checksumKey : p === 'sepay' ? DEV_SECRETS.SEPAY_API_KEY : DEV_SECRETS.CASSO_SECRET),
  }));
  webhookServer = serve({ fetch: webhooks.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => webhookServer.once('listening', r));
  webhookUrl = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/api/webhooks/payos`;
});

afterAll(async () => {
  await standIn?.close();
  await new Promise((r) => webhookServer?.close(r));
});

beforeEach(() => {
  standIn.set('ok');
  clock = () => new Date();
});

function order(agencyId: string, headers: Record<string, string> = {}, over: Partial<Deps> = {}) {
  const { procedure, quantity } = payableProcedureAt(agencyId, 2);
  const target = Object.keys(over).length ? createPublicApp(() => ({ ...deps, ...over })) : app;
  return target.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ procedureCode: procedure.code, agencyId, quantity }),
  });
}

async function ordersOf(agencyId: string): Promise<number> {
  return (await db.store.listAgencyOrders(agencyId, { limit: 100 })).items.length;
}

describe('an order at a payOS agency', () => {
  it('is made with a payOS payment request, signed as documented, and shows payOS QR and account', async () => {
    const res = await order(payosAgency.id);
    expect(res.status).toBe(201);
    const body = await res.json();
    const code = orderCodeOf(body.reference);
    const request = standIn.requests.get(code)!;
    expect(request).toBeDefined();
    expect(request.amount).toBe(body.amount);
    expect(request.description).toBe(`MCP${body.reference}`);
    expect(request.description.length).toBeLessThanOrEqual(25);
    expect(request.expiredAt).toBe(Math.floor(Date.parse(body.expiresAt) / 1000));
    expect(request.returnUrl).toBe(`https://motcua.example.vn${body.links.payPage}`);
    expect(request.cancelUrl).toBe(request.returnUrl);
    // The QR is payOS's: into its virtual account, for the amount, with our memo.
    const qr = decodeVietQr(body.vietqr.payload);
    expect(qr).toMatchObject({ bankBin: payosAgency.bank.bin, accountNumber: request.virtualAccount, amount: body.amount, purpose: `MCP${body.reference}` });
    expect(body.vietqr).toMatchObject({ accountNumber: request.virtualAccount, accountName: payosAgency.bank.accountName, memo: `MCP${body.reference}`, bankName: payosAgency.bank.bankName });
    const stored = await db.store.getOrder(body.id);
    expect(stored!.paymentRequest).toEqual({ provider: 'payos', paymentLinkId: request.id, orderCode: code, checkoutUrl: `https://pay.payos.vn/web/${request.id}` });
  });

  it('at a SePay agency, asks nothing of payOS and shows our own VietQR', async () => {
    const before = standIn.log.length;
    const res = await order(sepayAgency.id);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(standIn.log.length).toBe(before);
    expect(decodeVietQr(body.vietqr.payload)).toMatchObject({ accountNumber: sepayAgency.bank.accountNumber });
    expect((await db.store.getOrder(body.id))!.paymentRequest).toBeUndefined();
  });

  it('payOS answering 500: 503 in the contract shape, nothing stored', async () => {
    const before = await ordersOf(payosAgency.id);
    standIn.set('error500');
    const res = await order(payosAgency.id);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    expect(body.error.message).toMatch(/thanh toán/);
    expect(body.error.messageEn).toBeTruthy();
    expect(await ordersOf(payosAgency.id)).toBe(before);
  });

  it('payOS not answering (timeout): 503, nothing stored', async () => {
    const before = await ordersOf(payosAgency.id);
    standIn.set('hang');
    const res = await order(payosAgency.id);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(await ordersOf(payosAgency.id)).toBe(before);
  });

  it('a request with a wrong signature or wrong API key is refused by payOS: 503, nothing stored', async () => {
    const before = await ordersOf(payosAgency.id);
    const wrongKey = payosPaymentRequests(payosConfigFromEnv(env({ PAYOS_CHECKSUM_KEY: 'not-the-checksum-key' }))!);
    const logged = standIn.log.length;
    const res = await order(payosAgency.id, {}, { paymentRequests: wrongKey });
    expect(res.status).toBe(503);
    // The stand-in heard it and refused it (payOS answers 200 with a non-00 code).
    expect(standIn.log.slice(logged)).toEqual(['POST /v2/payment-requests → 200']);
    const wrongApiKey = payosPaymentRequests(payosConfigFromEnv(env({ PAYOS_API_KEY: 'not-the-api-key' }))!);
    const res2 = await order(payosAgency.id, {}, { paymentRequests: wrongApiKey });
    expect(res2.status).toBe(503);
    expect(standIn.log.at(-1)).toBe('POST /v2/payment-requests → 401');
    expect(await ordersOf(payosAgency.id)).toBe(before);
  });

  it('an agency watched by payOS without credentials of its own or a default: 503', async () => {
    const none = payosPaymentRequests({ ...payosConfigFromEnv(env())!, default: undefined as never, agencies: {} });
    const res = await order(payosAgency.id, {}, { paymentRequests: none });
    expect(res.status).toBe(503);
  });

  it('the same Idempotency-Key twice: the same order, one payment request', async () => {
    const before = standIn.requests.size;
    const key = `idem-${Date.now()}`;
    const first = await order(payosAgency.id, { 'idempotency-key': key });
    const second = await order(payosAgency.id, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect((await second.json()).id).toBe((await first.json()).id);
    expect(standIn.requests.size).toBe(before + 1);
  });

  it('the same Idempotency-Key at once: one order, and every other payment request made for it cancelled', async () => {
    const before = new Set(standIn.requests.keys());
    const key = `idem-race-${Date.now()}`;
    const answers = await Promise.all([order(payosAgency.id, { 'idempotency-key': key }), order(payosAgency.id, { 'idempotency-key': key })]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    const made = [...standIn.requests.values()].filter((r) => !before.has(r.orderCode));
    const kept = made.filter((r) => r.status === 'PENDING');
    expect(kept.map((r) => r.orderCode)).toEqual([orderCodeOf(bodies[0].reference)]);
    expect(made.filter((r) => r.status !== 'PENDING').every((r) => r.status === 'CANCELLED')).toBe(true);
  });

  it('an expired order has its payment request cancelled by the sweeper', async () => {
    clock = () => new Date(Date.now() - 49 * 3_600_000);
    const body = await (await order(payosAgency.id)).json();
    clock = () => new Date();
    const result = await sweepExpired({ store: db.store, now: () => new Date(), paymentRequests: deps.paymentRequests! });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await db.store.getOrder(body.id))!.status).toBe('EXPIRED');
    expect(standIn.requests.get(orderCodeOf(body.reference))).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Order expired' });
  });

  it('payOS pays, its signed webhook reaches us over HTTP, and the order is paid', async () => {
    const body = await (await order(payosAgency.id)).json();
    const res = await standIn.pay(orderCodeOf(body.reference), webhookUrl);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: 'settled' });
    expect((await db.store.getOrder(body.id))!).toMatchObject({ status: 'PAID', paidAmount: body.amount });
  });
});

describe('payOS notifications for an agency with a channel of its own', () => {
  it('verify with that channel’s checksum key, not the deployment’s', async () => {
    const config = payosConfigFromEnv({ ...env(), PAYOS_CHECKSUM_KEY: 'the-deployments-own-checksum-key', PAYOS_AGENCIES: JSON.stringify({ [payosAgency.id]: { clientId: channel.clientId, apiKey: channel.apiKey, checksumKey: channel.checksumKey } }) })!;
    const perAgency = createWebhooksApp(() => ({ ...testDeps(db), providerSecret: () => 'the-deployments-own-checksum-key', payos: config }));
    const server = serve({ fetch: perAgency.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/payos`;
      const body = await (await order(payosAgency.id)).json();
      const res = await standIn.pay(orderCodeOf(body.reference), url, `FT-OWN-${body.reference}`);
      expect(res.status).toBe(200);
      expect((await db.store.getOrder(body.id))!.status).toBe('PAID');
      // The deployment's key does not vouch for money into this agency's account.
      const forged = samplePayosBody({ amount: 1000, memo: 'MCPX', accountNumber: payosAgency.bank.accountNumber, reference: 'FT-FORGED', at: new Date() }, 'the-deployments-own-checksum-key');
      const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
      expect(refused.status).toBe(401);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a clerk cancelling a payOS order', () => {
  let world: StaffWorld;
  beforeAll(async () => {
    world = await staffWorld();
    world.deps.paymentRequests = deps.paymentRequests!;
  });

  it('cancels its payment request at payOS too', async () => {
    expect(world.own).toBe(payosAgency.id);
    const { procedure, quantity } = payableProcedureAt(world.own, 2);
    const made = await call(world, 'POST', '/api/staff/orders', world.tokens.volunteer, { procedureCode: procedure.code, agencyId: world.own, quantity });
    expect(made.status).toBe(201);
    const { id, reference } = await made.json();
    expect(standIn.requests.get(orderCodeOf(reference))!.status).toBe('PENDING');
    const res = await call(world, 'POST', `/api/staff/orders/${id}/cancel`, world.tokens.clerk, { reason: 'Công dân đổi thủ tục' });
    expect(res.status).toBe(200);
    expect(standIn.requests.get(orderCodeOf(reference))).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Order cancelled' });
  });
});
