/**
 * Calls to the staff API with the session's bearer token. A 401 means the token expired
 * or was revoked: the session is dropped and the person goes back to the login page with
 * a message, and returns here after logging in.
 */
import type { ApiErrorBody, Failure } from './api';
import { leave, loadSession } from './staff-session';

const TIMEOUT_MS = 20_000;

export type StaffResult<T> = { ok: true; status: number; body: T } | Failure;

export interface StaffRequest {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  json?: unknown;
  idempotencyKey?: string;
  /** Ask for text (CSV) instead of JSON. */
  text?: boolean;
}

async function errorBody(res: Response): Promise<ApiErrorBody | null> {
  try {
    const body = (await res.json()) as ApiErrorBody;
    return body && typeof body === 'object' && body.error ? body : null;
  } catch {
    return null;
  }
}

/** Never throws: a network failure is `{ ok: false, status: 0 }`. */
export async function staffApi<T>(path: string, request: StaffRequest = {}): Promise<StaffResult<T>> {
  const session = loadSession();
  if (!session) {
    leave('expired');
    return { ok: false, status: 401, body: null };
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${session.token}`, Accept: request.text ? 'text/csv' : 'application/json' };
  if (request.json !== undefined) headers['Content-Type'] = 'application/json';
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
  try {
    const res = await fetch(path, {
      method: request.method ?? (request.json !== undefined ? 'POST' : 'GET'),
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      ...(controller ? { signal: controller.signal } : {}),
    });
    if (res.status === 401) {
      leave('expired');
      return { ok: false, status: 401, body: await errorBody(res) };
    }
    if (!res.ok) return { ok: false, status: res.status, body: await errorBody(res) };
    // Text keeps its byte order mark: the API writes CSV with one so that Excel reads it as
    // UTF-8, and res.text() would drop it from the file the person saves.
    const body = (request.text ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) : await res.json()) as T;
    return { ok: true, status: res.status, body };
  } catch {
    return { ok: false, status: 0, body: null };
  } finally {
    clearTimeout(timer);
  }
}
