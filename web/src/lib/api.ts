/**
 * The web front's one way to call the API: same origin, never cached, JSON in and out (or
 * a report file's bytes), a timeout for slow networks, and the API's error body when it refuses.
 * The answers are the server's own types (shared/views.ts, shared/report-views.ts); the
 * error shape is ErrorBody of shared/errors.ts. Staff calls add their token on top
 * (staff-api.ts); the public pages' few calls are below.
 */
import type { ErrorBody } from '../../../shared/errors';
import type { OrderReceipt } from '../../../shared/order';
import type { PublicOrderView } from '../../../shared/views';

/** Read defensively: any part may be missing, so an older or newer API cannot break a page. */
export type Loose<T> = T extends readonly (infer U)[] ? Loose<U>[] : T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;

/** An error answer, read defensively (a proxy's 502 has no body at all). */
export interface ApiErrorBody {
  error?: Partial<ErrorBody['error']>;
}

export type Failure = { ok: false; status: number; body: ApiErrorBody | null };
export type ApiResult<T> = { ok: true; status: number; body: T } | Failure;

export interface ApiRequest {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is: JSON already written (what an idempotency key was drawn for). */
  body?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Ask for a file of this media type (a report as CSV or .xlsx) instead of JSON: the answer is its bytes, as a Blob. */
  file?: string;
}

// Slow 2G can take a long while; past this, report and let the person retry.
const TIMEOUT_MS = 20_000;

async function errorBody(res: Response): Promise<ApiErrorBody | null> {
  try {
    const body = (await res.json()) as ApiErrorBody;
    return body && typeof body === 'object' && body.error ? body : null;
  } catch {
    return null;
  }
}

/**
 * Calls the API. A refusal is `{ ok: false }` with the API's error body; throws only when
 * the network fails (or the timeout passes) or an answer is not what was asked for.
 */
export async function callApi<T>(path: string, request: ApiRequest = {}): Promise<ApiResult<T>> {
  const body = request.json !== undefined ? JSON.stringify(request.json) : request.body;
  const headers: Record<string, string> = { Accept: request.file ?? 'application/json', ...request.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
  try {
    const res = await fetch(path, {
      method: request.method ?? (body !== undefined ? 'POST' : 'GET'),
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      ...(body !== undefined ? { body } : {}),
      ...(controller ? { signal: controller.signal } : {}),
    });
    if (!res.ok) return { ok: false, status: res.status, body: await errorBody(res) };
    // A file is kept as the bytes the API wrote: decoding a CSV would drop its byte-order
    // mark, by which Excel knows its encoding.
    const answer = request.file ? new Blob([await res.arrayBuffer()], { type: res.headers.get('content-type') ?? request.file }) : await res.json();
    return { ok: true, status: res.status, body: answer as T };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the pay page and the counter's QR screen read of an order: PublicOrderView, read
 * defensively. Only the id and the amount are certain; a status the page does not know
 * yet arrives as text, and a receipt's number may come formatted.
 */
export type PublicOrder = Pick<PublicOrderView, 'id' | 'amount'> &
  Loose<Omit<PublicOrderView, 'id' | 'amount' | 'status' | 'receipt'>> & {
    status: string;
    receipt?: (Loose<Omit<OrderReceipt, 'number'>> & { number?: number | string }) | null;
  };

/** A same-site path only: never send the citizen to another site from an API answer. */
function safePath(path: unknown): string | null {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : null;
}

export function payPagePath(id: string, token: string): string {
  return `/pay.html?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}

/** POST /api/orders. Throws only when the network fails. */
export async function postOrder(body: string, idempotencyKey: string): Promise<{ ok: true; payPage: string; order: Loose<PublicOrderView> } | Failure> {
  const result = await callApi<Loose<PublicOrderView>>('/api/orders', { body, idempotencyKey });
  if (!result.ok) return result;
  const order = result.body;
  const payPage = safePath(order.links?.payPage) ?? (order.id && order.accessToken ? payPagePath(order.id, order.accessToken) : null);
  if (!payPage) return { ok: false, status: result.status, body: null };
  return { ok: true, payPage, order };
}

/** GET /api/orders/{id} with the order's token. Throws only when the network fails. */
export async function getOrder(id: string, token: string): Promise<{ ok: true; order: PublicOrder } | Failure> {
  const result = await callApi<PublicOrderView>(`/api/orders/${encodeURIComponent(id)}`, { headers: { 'X-Order-Token': token } });
  return result.ok ? { ok: true, order: result.body } : result;
}
