/**
 * Calls to the staff API: the API call of api.ts with the session's bearer token. A 401
 * means the token expired or was revoked: the session is dropped and the person goes back
 * to the login page with a message, and returns here after logging in.
 */
import { callApi, type ApiRequest, type ApiResult } from './api';
import { leave, loadSession } from './staff-session';

export type StaffRequest = Pick<ApiRequest, 'method' | 'json' | 'idempotencyKey' | 'file'>;

/** Never throws: a network failure is `{ ok: false, status: 0 }`. */
export async function staffApi<T>(path: string, request: StaffRequest = {}): Promise<ApiResult<T>> {
  const session = loadSession();
  if (!session) {
    leave('expired');
    return { ok: false, status: 401, body: null };
  }
  try {
    const result = await callApi<T>(path, { ...request, headers: { Authorization: `Bearer ${session.token}` } });
    if (!result.ok && result.status === 401) leave('expired');
    return result;
  } catch {
    return { ok: false, status: 0, body: null };
  }
}
