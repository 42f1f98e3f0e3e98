/**
 * A small typed client of the motcua-pay API for integrators (the province's one-stop
 * software, a portal, a kiosk). Its types are inferred from the very zod schemas the
 * server validates with and documents in /api/openapi.json (functions/openapi/), so the
 * client, the document and the server cannot disagree about a field's name.
 *
 * Uses only `fetch` and, for events, the `standardwebhooks` package. See
 * docs/integration.md for the walk-through.
 */
import { Webhook } from 'standardwebhooks';
import type * as z from 'zod';
import type { createOrderSchema } from '../shared/order';
import type { agencySchema, procedureSummarySchema, publicOrderSchema, receiptVerifySchema } from '../functions/openapi/shapes';
import type { eventSchema } from '../functions/openapi/webhooks';

export type OrderRequest = z.input<typeof createOrderSchema>;
/** An integration's order: a citizen's order with its dossier code (required: it makes the call idempotent). */
export type IntegrationOrderRequest = OrderRequest & { dossierCode: string };
export type Order = z.output<typeof publicOrderSchema>;
export type Agency = z.output<typeof agencySchema>;
export type ProcedureSummary = z.output<typeof procedureSummarySchema>;
export type ReceiptCheck = z.output<typeof receiptVerifySchema>;
export type OrderEvent = z.output<typeof eventSchema>;

export interface ErrorDetail {
  path: string;
  message: string;
  messageEn?: string;
}

/** Any answer of the API that is not a success, in the API's one error shape. */
export class MotcuaPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Vietnamese, to show a citizen or clerk. */
    readonly messageVi: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(`${status} ${code}: ${messageVi}`);
    this.name = 'MotcuaPayError';
  }
}

export interface ClientOptions {
  /** Where the API is, e.g. `https://thuphi.vinhlong.gov.vn` (the API is under /api). */
  baseUrl: string;
  /** The integration's key (X-Api-Key), for the /api/integration routes. */
  apiKey?: string;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function call(method: 'GET' | 'POST', path: string, init: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(url, { method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    if (res.ok) return res;
    const text = await res.text();
    let error: { code?: string; message?: string; details?: ErrorDetail[] } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // not the API's JSON (a proxy's page): keep the status
    }
    throw new MotcuaPayError(res.status, error.code ?? `HTTP_${res.status}`, error.message ?? text.slice(0, 200), error.details ?? []);
  }
  const json = async <T>(res: Promise<Response>) => (await (await res).json()) as T;
  const withToken = (token: string) => ({ headers: { 'x-order-token': token } });
  const withKey = () => {
    if (!options.apiKey) throw new Error('apiKey is required for the integration routes');
    return { 'x-api-key': options.apiKey };
  };

  return {
    agencies: () => json<{ items: Agency[] }>(call('GET', '/api/agencies')).then((r) => r.items),
    procedures: (query: { q?: string; level?: string; agencyId?: string } = {}) => json<{ items: ProcedureSummary[] }>(call('GET', '/api/procedures', { query })).then((r) => r.items),

    /** POST /api/orders. With an idempotency key, a retry gives the same order (`created: false`). */
    async createOrder(body: OrderRequest, opts: { idempotencyKey?: string } = {}): Promise<{ order: Order; created: boolean }> {
      const res = await call('POST', '/api/orders', { body, ...(opts.idempotencyKey ? { headers: { 'idempotency-key': opts.idempotencyKey } } : {}) });
      return { order: (await res.json()) as Order, created: res.status === 201 };
    },
    /** GET /api/orders/{id} with the order's accessToken (404 without it). */
    order: (id: string, token: string) => json<Order>(call('GET', `/api/orders/${encodeURIComponent(id)}`, withToken(token))),
    /** The VietQR code as SVG text, asking for what is still due. */
    qrSvg: async (id: string, token: string) => (await call('GET', `/api/orders/${encodeURIComponent(id)}/qr.svg`, withToken(token))).text(),
    /** The VietQR code as PNG bytes. */
    qrPng: async (id: string, token: string) => new Uint8Array(await (await call('GET', `/api/orders/${encodeURIComponent(id)}/qr.png`, withToken(token))).arrayBuffer()),
    /** GET /api/receipts/verify: a receipt's token, or its `verifyUrl` as the order gives it. */
    verifyReceipt(tokenOrUrl: string): Promise<ReceiptCheck> {
      const token = tokenOrUrl.includes('token=') ? new URL(tokenOrUrl, 'http://x').searchParams.get('token')! : tokenOrUrl;
      return json<ReceiptCheck>(call('GET', '/api/receipts/verify', { query: { token } }));
    },

    /** The routes of an integration (header X-Api-Key), for its own agencies only. */
    integration: {
      /** POST /api/integration/orders: idempotent on the dossier code (same body → the same order; another body → 409). */
      async createOrder(body: IntegrationOrderRequest): Promise<{ order: Order; created: boolean }> {
        const res = await call('POST', '/api/integration/orders', { body, headers: withKey() });
        return { order: (await res.json()) as Order, created: res.status === 201 };
      },
      /** GET /api/integration/orders?dossierCode=: the orders made for a dossier. */
      /** The order made for this dossier (404 when there is none). */
      async findOrder(dossierCode: string): Promise<Order> {
        return json<Order>(call('GET', '/api/integration/orders', { query: { dossierCode }, headers: withKey() }));
      },
    },
  };
}

export type MotcuaPayClient = ReturnType<typeof createClient>;

/**
 * An event as POSTed to the integration's webhookUrl, verified with its `whsec_…` signing
 * secret (Standard Webhooks: webhook-id, webhook-timestamp within 5 minutes,
 * webhook-signature). Pass the raw body, exactly as received. Throws if it is not genuine.
 * The `webhook-id` is the event's identity: an event seen before is a repeat to drop.
 */
export function verifyEvent(signingSecret: string, rawBody: string, headers: Record<string, string> | Headers): OrderEvent & { id: string } {
  const h = headers instanceof Headers ? Object.fromEntries(headers) : Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const event = new Webhook(signingSecret).verify(rawBody, h) as OrderEvent;
  return { ...event, id: h['webhook-id']! };
}
