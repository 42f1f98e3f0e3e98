/**
 * Development only: POST /__dev/simulate-payment {orderId, token, amount?, provider?}, the
 * endpoint behind the pay page's "Mô phỏng thanh toán ngân hàng" button.
 *
 * It checks the order's access token (the same capability the pay page holds, so it pays
 * only an order the caller could already see), builds a bank transfer the way
 * `npm run pay` does (a Vietcombank-style memo around the order's memo, a fresh bank
 * transaction id), signs it as the aggregator would with the server's own secret
 * (functions/webhooks/providers signedNotification, functions/lib/platform/config secret), and POSTs
 * it over HTTP to this very server's /api/webhooks/<provider>. Verification, matching and
 * settlement are therefore the real ones; this route decides nothing about the order.
 *
 * Mounted only by local/server.ts, and never when NODE_ENV=production.
 */
import type { Hono } from 'hono';
import * as z from 'zod';
import { errorBody, zodDetails, type ErrorCode, type ErrorDetail } from '../shared/errors';
import { PROVIDERS } from '../shared/transfer';
import { isProduction, PROVIDER_SECRET, secret, sepayAuthFor, sepayWebhookAuthFromEnv } from '../functions/lib/platform/config';
import { jsonBodyLimit } from '../functions/lib/platform/http';
import type { Deps } from '../functions/lib/deps';
import { signedNotification } from '../functions/webhooks/providers';
import { simulatedTransfer } from '../scripts/pay';

export const SIMULATE_PAYMENT_PATH = '/__dev/simulate-payment';

const simulateSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  token: z.string().min(1).max(128),
  amount: z.number().int().min(1).max(499_999_999).optional(),
  provider: z.enum(PROVIDERS).optional(),
});

/** The payer every simulated transfer comes from (the one `npm run pay` uses). */

function fail(code: ErrorCode, status: number, details?: ErrorDetail[]): Response {
  return new Response(JSON.stringify(errorBody(code, details)), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/**
 * This server's own address, from the socket the request arrived on (never from the
 * Host header, which the client writes).
 */
function selfOrigin(env: unknown): string | null {
  const socket = (env as { incoming?: { socket?: { localAddress?: string; localPort?: number } } } | undefined)?.incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) return null;
  const host = socket.localAddress.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${socket.localPort}`;
}

/**
 * Adds the dev routes to `app` unless NODE_ENV=production (then it adds nothing and
 * returns false). `deps` are the public API's, `env` where the apps read their secrets.
 */
export function mountDevRoutes(app: Hono, deps: () => Deps, env: NodeJS.ProcessEnv = process.env): boolean {
  if (isProduction(env)) return false;
  // The body limit of every JSON route (functions/lib/platform/http.ts): a body over it is
  // refused with 413 as it arrives, never read whole.
  app.post(SIMULATE_PAYMENT_PATH, jsonBodyLimit, async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return fail('MALFORMED_JSON', 400);
    }
    const parsed = simulateSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) return fail('VALIDATION_FAILED', 400, zodDetails(parsed.error));
    const { orderId, token, amount: asked, provider = 'payos' } = parsed.data;

    const d = deps();
    if (!d.orderTokens.verify(orderId, token)) return fail('ORDER_NOT_FOUND', 404);
    const order = await d.store.getOrder(orderId);
    if (!order) return fail('ORDER_NOT_FOUND', 404);

    const now = new Date();
    const sample = simulatedTransfer(order, asked, now);
    // SePay as the server expects it for this agency: API key or HMAC, with that secret.
    const sepay = provider === 'sepay' ? sepayAuthFor(sepayWebhookAuthFromEnv(env), order.agencyId) : undefined;
    const notification = sepay ? signedNotification(provider, sample, sepay.secret, now, sepay.method) : signedNotification(provider, sample, secret(PROVIDER_SECRET[provider], env), now);
    const origin = selfOrigin(c.env);
    if (!origin) return fail('SERVICE_UNAVAILABLE', 503);
    const res = await fetch(`${origin}/api/webhooks/${provider}`, { method: 'POST', ...notification, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return c.json({ provider, amount: sample.amount, memo: sample.memo, bankReference: sample.reference, notification: { status: res.status, body } });
  });
  return true;
}
