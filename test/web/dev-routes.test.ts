/**
 * The development-only route behind the pay page's "simulate bank payment" button
 * (local/dev-routes.ts): absent under NODE_ENV=production; otherwise it pays only an
 * order whose token it is shown, and sends a notification the real provider adapters
 * accept, over HTTP, to the server it runs in.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { MAX_JSON_BODY_BYTES } from '../../functions/lib/platform/http';
import type { Deps } from '../../functions/lib/deps';
import { orderTokens } from '../../functions/lib/orders/order-token';
import { ADAPTERS } from '../../functions/webhooks/providers';
import { mountDevRoutes, SIMULATE_PAYMENT_PATH } from '../../local/dev-routes';
import type { FeeOrder } from '../../shared/order';

const tokens = orderTokens('test-order-token-secret');
const order = {
  id: 'AB3K7MX2',
  reference: 'AB3K7MX2',
  amount: 30_000,
  paidAmount: 10_000,
  refundDue: 0,
  vietqr: { accountNumber: '999900000102', bankName: 'Agribank', bankBin: '970405', accountName: 'UBND XA MY THANH', memo: 'AB3K7MX2', payload: '' },
} as unknown as FeeOrder;
const deps = () => ({ orderTokens: tokens, store: { getOrder: async (id: string) => (id === order.id ? order : undefined) } }) as unknown as Deps;
const post = (app: Hono, body: unknown) => app.request(SIMULATE_PAYMENT_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const servers: ServerType[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('dev routes', () => {
  it('mount nothing when NODE_ENV=production', async () => {
    const app = new Hono();
    expect(mountDevRoutes(app, deps, { NODE_ENV: 'production' })).toBe(false);
    expect((await post(app, { orderId: order.id, token: tokens.issue(order.id) })).status).toBe(404);
  });

  it('refuse a wrong token as if the order did not exist, and bad input with the contract’s error shape', async () => {
    const app = new Hono();
    expect(mountDevRoutes(app, deps, { NODE_ENV: 'development' })).toBe(true);
    const wrong = await post(app, { orderId: order.id, token: 'x'.repeat(32) });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ error: { code: 'ORDER_NOT_FOUND' } });
    const bad = await post(app, { orderId: order.id, token: tokens.issue(order.id), amount: 1.5, provider: 'momo' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['amount', 'provider']);
  });

  it('refuse a body over the limit every JSON route has (413, the contract’s shape), before reading it all', async () => {
    const app = new Hono();
    mountDevRoutes(app, deps, { NODE_ENV: 'development' });
    // Valid JSON, so only its size can refuse it (before: read whole, then a 400 for the unknown field).
    const big = JSON.stringify({ orderId: order.id, token: tokens.issue(order.id), padding: 'x'.repeat(MAX_JSON_BODY_BYTES) });
    const declared = await post(app, JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), messageEn: expect.any(String) } });
    // Streamed without a Content-Length: counted as it arrives.
    const chunks = [big.slice(0, 8000), big.slice(8000)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    const streamed = await app.request(SIMULATE_PAYMENT_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    // Just under the limit is still read (and refused for what it says, not its size).
    const under = await post(app, { orderId: order.id, token: 'x'.repeat(32), padding: 'x'.repeat(MAX_JSON_BODY_BYTES - 200) });
    expect(under.status).toBe(400);
  });

  it('send a notification the real adapter accepts, for what is still due, to this very server', async () => {
    const seen: { provider: string; body: string; headers: Headers }[] = [];
    const app = new Hono();
    app.post('/api/webhooks/:provider', async (c) => {
      seen.push({ provider: c.req.param('provider'), body: await c.req.text(), headers: c.req.raw.headers });
      return c.json({ success: true, result: 'settled' });
    });
    mountDevRoutes(app, deps, { NODE_ENV: 'development' });
    const server = await new Promise<ServerType>((resolve) => {
      const s: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    servers.push(server);
    const port = (server.address() as AddressInfo).port;

    for (const provider of ['payos', 'sepay', 'casso'] as const) {
      const res = await fetch(`http://127.0.0.1:${port}${SIMULATE_PAYMENT_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'evil.example' },
        body: JSON.stringify({ orderId: order.id, token: tokens.issue(order.id), provider }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ provider, amount: 20_000, notification: { status: 200, body: { result: 'settled' } } });
      const sent = seen.at(-1)!;
      expect(sent.provider).toBe(provider);
      const secret = { payos: DEV_SECRETS.PAYOS_CHECKSUM_KEY, sepay: DEV_SECRETS.SEPAY_API_KEY, casso: DEV_SECRETS.CASSO_SECRET }[provider];
      const verified = ADAPTERS[provider].verify({ rawBody: sent.body, headers: sent.headers, now: new Date(), secret });
      expect(verified.ok, provider).toBe(true);
      if (!verified.ok) continue;
      const parsed = ADAPTERS[provider].parse(verified.body);
      expect(parsed.ok && parsed.transfer).toMatchObject({ amount: 20_000, accountNumber: order.vietqr.accountNumber });
      expect(parsed.ok && parsed.transfer.memo).toContain(order.reference);
    }
  });
});
