/** Signing in, with every attempt in the audit log: a success as LOGIN, a refusal as LOGIN_FAILED. */
import { ApiError } from '../../lib/platform/errors';
import { login, type LoginResult } from '../../lib/accounts/login';
import type { StaffDeps } from '../context';
import { recordAudit } from './audit';

export async function auditedLogin(d: StaffDeps, input: { username: string; password: string; clientIp?: string | undefined }): Promise<LoginResult> {
  const session = { username: input.username.trim().toLowerCase().slice(0, 64), role: 'anonymous' };
  try {
    const result = await login({ users: d.users, limiter: d.limiter, keys: d.keys, now: d.now }, input);
    await recordAudit(d, { ...result.user, agencyId: result.user.agencyId ?? undefined }, 'LOGIN', { type: 'session', id: result.user.username });
    return result;
  } catch (err) {
    // Wrong password, unknown user or blocked: on record (a deluge of these is an attack to see).
    if (err instanceof ApiError && (err.code === 'INVALID_CREDENTIALS' || err.code === 'TOO_MANY_ATTEMPTS')) {
      await recordAudit(d, session, 'LOGIN_FAILED', { type: 'session', id: session.username }, { note: err.code });
    }
    throw err;
  }
}
