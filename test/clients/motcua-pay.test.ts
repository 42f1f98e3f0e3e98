/**
 * The integrators' client (clients/motcua-pay.ts) against the running app: the local
 * server (`npm start`'s, local/server.ts) over real HTTP on DynamoDB Local. An order is
 * made, retried, read, its QR fetched, paid through the real webhook path (the dev
 * route signs a payOS notification and posts it to /api/webhooks/payos), confirmed by a
 * clerk, and its receipt checked. Events are verified with the standardwebhooks package.
 * The integration routes are tried once the document has them (another branch builds them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient, MotcuaPayError, verifyEvent, type MotcuaPayClient } from '../../clients/motcua-pay';
import { secret } from '../../functions/lib/platform/config';
import { agencySchema, publicOrderSchema, receiptVerifySchema } from '../../functions/openapi/shapes';
import { freePort } from '../../local/dynamodb-local';
import { startLocal, type LocalServer } from '../../local/server';

let dir: string;
let server: LocalServer;
let client: MotcuaPayClient;
let agencyId: string;
// The demo staff are seeded with SEED_PASSWORD of this process (its development default unless set).
const PASSWORD = secret('SEED_PASSWORD');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-client-'));
  server = await startLocal({
    port: await freePort(),
    host: '127.0.0.1',
    dataDir: dir,
    tableName: `client-${Date.now()}`,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    webDir: dir,
    sweepIntervalMs: 0,
    env: { NODE_ENV: 'development' },
  });
  client = createClient({ baseUrl: server.url });
  const agencies = await client.agencies();
  for (const a of agencies) agencySchema.parse(a); // the documented shape (functions/openapi/shapes.ts)
  agencyId = agencies.find((a) => a.level === 'commune')!.id;
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function staffToken(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('the client against the running app', () => {
  it('creates an order, gets the same one on a retry, reads it and its QR', async () => {
    const body = { procedureCode: '1.001022', agencyId, payer: { name: 'Nguyễn Văn An', phone: '0912345678' }, dossierCode: 'H58.32-261203-0001' };
    const key = `client-test-${Date.now()}`;
    const first = await client.createOrder(body, { idempotencyKey: key });
    expect(first.created).toBe(true);
    expect(publicOrderSchema.safeParse(first.order).error?.issues).toBeUndefined();
    expect(first.order).toMatchObject({ status: 'PENDING', currency: 'VND', agencyId, dossierCode: 'H58.32-261203-0001' });
    expect(Number.isInteger(first.order.amount) && first.order.amount > 0).toBe(true);
    const again = await client.createOrder(body, { idempotencyKey: key });
    expect(again).toMatchObject({ created: false, order: { id: first.order.id } });

    const read = await client.order(first.order.id, first.order.accessToken);
    expect(read.vietqr.memo).toContain(read.reference);
    expect(await client.qrSvg(read.id, read.accessToken)).toContain('<svg');
    const png = await client.qrPng(read.id, read.accessToken);
    expect([...png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('turns every refusal into a MotcuaPayError with the code, the Vietnamese words and the fields', async () => {
    const bad = await client.createOrder({ procedureCode: '1.001022', agencyId, quantity: 0 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(MotcuaPayError);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'quantity' })] });
    expect((bad as MotcuaPayError).messageVi).toMatch(/hợp lệ/);
    const { order } = await client.createOrder({ procedureCode: '1.001022', agencyId });
    await expect(client.order(order.id, 'not-the-token')).rejects.toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
  });

  it('follows an order to PAID and CONFIRMED, and checks its receipt', async () => {
    const { order } = await client.createOrder({ procedureCode: '1.001022', agencyId, payer: { name: 'Lê Thị Hoa' } });
    const paid = await fetch(`${server.url}/__dev/simulate-payment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId: order.id, token: order.accessToken }) });
    expect(paid.status).toBe(200);
    expect((await client.order(order.id, order.accessToken)).status).toBe('PAID');

    const confirm = await fetch(`${server.url}/api/staff/orders/${order.id}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${await staffToken('clerk')}` } });
    expect(confirm.status).toBe(200);
    const confirmed = await client.order(order.id, order.accessToken);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', paidAmount: order.amount });
    expect(publicOrderSchema.safeParse(confirmed).error?.issues).toBeUndefined();
    const check = await client.verifyReceipt(confirmed.receipt!.verifyUrl);
    expect(check).toMatchObject({ genuine: true, status: expect.any(String) });
    expect(receiptVerifySchema.safeParse(check).error?.issues).toBeUndefined();
    expect(await client.verifyReceipt('a.b.c')).toMatchObject({ genuine: false });
  });

  it('the integration routes, once the app serves them (contract: Integrations)', async (ctx) => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    if (!doc.paths['/api/integration/orders'] || !doc.paths['/api/staff/integrations']) return ctx.skip();
    const admin = await staffToken('admin');
    const made = await fetch(`${server.url}/api/staff/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Phần mềm một cửa tỉnh', webhookUrl: 'https://motcua.example.vn/su-kien', agencyIds: [agencyId] }),
    });
    expect(made.status).toBe(201);
    const { apiKey } = (await made.json()) as { apiKey: string };
    const integration = createClient({ baseUrl: server.url, apiKey }).integration;
    const body = { procedureCode: '1.001022', agencyId, dossierCode: `H58.32-${Date.now()}` };
    const first = await integration.createOrder(body);
    expect(first.order.dossierCode).toBe(body.dossierCode);
    expect((await integration.createOrder(body)).order.id).toBe(first.order.id);
    expect((await integration.findOrder(body.dossierCode)).id).toBe(first.order.id);
    await expect(createClient({ baseUrl: server.url, apiKey: 'sai' }).integration.findOrder(body.dossierCode)).rejects.toMatchObject({ status: 401 });
  });
});

describe('verifyEvent', () => {
  const secret = `whsec_${Buffer.from('khoa-ky-su-kien-cua-tich-hop-32b').toString('base64')}`;
  const body = JSON.stringify({ type: 'order.paid', timestamp: '2026-12-03T02:20:41.000Z', data: { orderId: 'MCPAB3K7MX2', reference: 'AB3K7MX2', dossierCode: 'H58.32-261203-0001', amount: 15000, paidAmount: 15000, status: 'PAID' } });
  const signed = (payload: string, at = new Date()) => ({ 'webhook-id': 'msg_2b7Yc1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_2b7Yc1', at, payload) });

  it('accepts a genuine event and gives its id', () => {
    const headers = new Headers(signed(body));
    expect(verifyEvent(secret, body, headers)).toMatchObject({ id: 'msg_2b7Yc1', type: 'order.paid', data: { dossierCode: 'H58.32-261203-0001', paidAmount: 15000 } });
  });

  it('refuses a changed body, another secret, and an old timestamp', () => {
    expect(() => verifyEvent(secret, body.replace('15000', '1500'), signed(body))).toThrow();
    expect(() => verifyEvent(`whsec_${Buffer.from('mot-khoa-khac-hoan-toan-32-byte!').toString('base64')}`, body, signed(body))).toThrow();
    expect(() => verifyEvent(secret, body, signed(body, new Date(Date.now() - 3600_000)))).toThrow();
  });
});
