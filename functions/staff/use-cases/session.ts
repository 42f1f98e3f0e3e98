/**
 * Signing in, with every attempt in the audit log: a success as its own LOGIN entry,
 * refusals counted in one LOGIN_FAILED entry per username, address and 15-minute window
 * (shared/audit.ts RefusedLogins), so a flood of them stays a bounded, truthful record
 * that holds no text an attacker chose.
 */
import { login, LoginRefused, type LoginResult } from '../../lib/accounts/login';
import type { StaffDeps } from '../context';
import { recordAudit } from './audit';

export async function auditedLogin(d: StaffDeps, input: { username: string; password: string; clientIp?: string | undefined }): Promise<LoginResult> {
  try {
    const result = await login({ users: d.users, limiter: d.limiter, keys: d.keys, now: d.now }, input);
    await recordAudit(d, { ...result.user, agencyId: result.user.agencyId ?? undefined }, 'LOGIN', { type: 'session', id: result.user.username });
    return result;
  } catch (err) {
    if (err instanceof LoginRefused) {
      const { username, address, windowStart } = err.attempt;
      await d.store.countRefusedLogin({ username, address, windowStart, at: d.now().toISOString(), code: err.code });
    }
    throw err;
  }
}
