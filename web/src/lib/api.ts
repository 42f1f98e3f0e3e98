/** The few API calls the public pages make. Shapes per /work/shared/contract.md. */

export interface ApiErrorBody {
  error?: {
    code?: string;
    message?: string;
    messageEn?: string;
    details?: { path: string; message: string; messageEn?: string }[];
  };
}

export interface Receipt {
  id?: string;
  number?: string | number;
  symbol?: string;
  issuedAt?: string;
  verifyUrl?: string;
  status?: 'ISSUED' | 'CANCELLED';
}

/** What the pay page reads of an order. Everything optional that the page can do without. */
export interface PublicOrder {
  id: string;
  reference?: string;
  amount: number;
  paidAmount?: number;
  status: string;
  paidLate?: boolean;
  expiresAt?: string;
  procedureCode?: string;
  procedureName?: string;
  agencyId?: string;
  quantity?: number;
  vietqr?: {
    bankBin?: string;
    bankName?: string;
    accountNumber?: string;
    accountName?: string;
    memo?: string;
  };
  receipt?: Receipt | null;
}

export type Failure = { ok: false; status: number; body: ApiErrorBody | null };

// Slow 2G can take a long while; past this, report and let the person retry.
const TIMEOUT_MS = 20_000;

async function request(url: string, init: RequestInit): Promise<Response> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
  try {
    return await fetch(url, { ...init, credentials: 'same-origin', ...(controller ? { signal: controller.signal } : {}) });
  } finally {
    clearTimeout(timer);
  }
}

async function errorBody(res: Response): Promise<ApiErrorBody | null> {
  try {
    const body = (await res.json()) as ApiErrorBody;
    return body && typeof body === 'object' && body.error ? body : null;
  } catch {
    return null;
  }
}

/** A same-site path only: never send the citizen to another site from an API answer. */
function safePath(path: unknown): string | null {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : null;
}

export function payPagePath(id: string, token: string): string {
  return `/pay.html?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}

/** POST /api/orders. Throws only when the network fails. */
export async function postOrder(body: string, idempotencyKey: string): Promise<{ ok: true; payPage: string } | Failure> {
  const res = await request('/api/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
    body,
  });
  if (!res.ok) return { ok: false, status: res.status, body: await errorBody(res) };
  const order = (await res.json()) as { id?: string; accessToken?: string; links?: { payPage?: string } };
  const payPage = safePath(order.links?.payPage) ?? (order.id && order.accessToken ? payPagePath(order.id, order.accessToken) : null);
  if (!payPage) return { ok: false, status: res.status, body: null };
  return { ok: true, payPage };
}

/** GET /api/orders/{id} with the order's token. Throws only when the network fails. */
export async function getOrder(id: string, token: string): Promise<{ ok: true; order: PublicOrder } | Failure> {
  const res = await request(`/api/orders/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json', 'X-Order-Token': token },
    cache: 'no-store',
  });
  if (!res.ok) return { ok: false, status: res.status, body: await errorBody(res) };
  return { ok: true, order: (await res.json()) as PublicOrder };
}
