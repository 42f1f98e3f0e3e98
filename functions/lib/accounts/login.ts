/**
 * Logging in, with its failure limits (accounts/ports.ts says which and why), and the
 * staff principal behind a bearer token.
 */
import type { SigningKeys } from '../auth/keys';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { AuthError, issueStaffToken, verifyStaffToken, type StaffRole } from '../auth/tokens';
import { clientAddressKey } from '../platform/client-ip';
import { ApiError } from '../platform/errors';
import { loginWindowStart, type LoginLimiter, type UserStore } from './ports';
import { normaliseUsername } from './users';

// Where a client address is counted: beside clientIp, where the public function finds it too.
export { clientAddressKey };

export interface LoginDeps {
  users: UserStore;
  limiter: LoginLimiter;
  keys: SigningKeys;
  now(): Date;
  /** Default: STAFF_TOKEN_TTL_MINUTES (30). */
  tokenTtlMinutes?: number;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { username: string; role: StaffRole; agencyId: string | null; displayName: string };
}

/**
 * What an attempt is counted and recorded under: every string that cannot be a username
 * is this one name, which no account can have, so the attacker's text is never stored.
 */
export const NOT_A_USERNAME = '(not-a-username)';

/** A refused attempt, as counted: who it claimed to be, from where, in which window. */
export interface RefusedAttempt {
  /** A valid username (existing or not), or NOT_A_USERNAME. */
  username: string;
  /** clientAddressKey's form. */
  address: string;
  /** Epoch seconds (accounts/ports.ts loginWindowStart). */
  windowStart: number;
}

/** A refused login (401 INVALID_CREDENTIALS or 429 TOO_MANY_ATTEMPTS), with the attempt for the audit log. */
export class LoginRefused extends ApiError {
  declare readonly code: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS';
  constructor(
    code: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS',
    readonly attempt: RefusedAttempt,
    headers?: Record<string, string>,
  ) {
    super(code, undefined, headers);
  }
}

export async function login(deps: LoginDeps, input: { username: string; password: string; clientIp?: string | undefined }): Promise<LoginResult> {
  const now = deps.now();
  const username = normaliseUsername(input.username) ?? NOT_A_USERNAME;
  const address = clientAddressKey(input.clientIp);
  const attempt = { username, address, windowStart: loginWindowStart(now) };
  const claim = await deps.limiter.claimAttempt(username, address, now);
  if (!claim.allowed) throw new LoginRefused('TOO_MANY_ATTEMPTS', attempt, { 'Retry-After': String(claim.retryAfterSeconds) });

  // Every refused login below ends the same way: unknown user, wrong password, disabled
  // account. Each path did the same work before (a claimed attempt, a user read, one
  // scrypt), so neither the answer nor its timing says which it was.
  const user = username !== NOT_A_USERNAME ? await deps.users.getUser(username) : undefined;
  const passwordOk = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  if (!user || !passwordOk || user.disabled) throw new LoginRefused('INVALID_CREDENTIALS', attempt);

  await deps.limiter.succeeded(username, address, now, claim);
  const { token, expiresAt } = await issueStaffToken(user, deps.keys, now, deps.tokenTtlMinutes !== undefined ? { ttlMinutes: deps.tokenTtlMinutes } : {});
  return {
    token,
    expiresAt,
    user: { username: user.username, role: user.role, agencyId: user.agencyId ?? null, displayName: user.displayName },
  };
}

export interface StaffPrincipal {
  username: string;
  role: StaffRole;
  /** The one agency of a clerk or volunteer; the root of an admin's or leader's scope, absent for every agency. */
  agencyId?: string;
  displayName: string;
  /** The token's id, for the audit log. */
  tokenId: string;
}

/**
 * The user behind a bearer token, as the account stands now: a genuine token of a
 * disabled, reset or changed account is refused too. Throws AuthError (→ 401).
 */
export async function authenticate(deps: { users: UserStore; keys: SigningKeys; now(): Date }, token: string): Promise<StaffPrincipal> {
  const claims = await verifyStaffToken(token, deps.keys, deps.now());
  const user = await deps.users.getUser(claims.username);
  if (!user) throw new AuthError('no such user');
  if (user.disabled) throw new AuthError('disabled');
  if (user.tokenVersion !== claims.tokenVersion) throw new AuthError('revoked');
  if (user.role !== claims.role || (user.agencyId ?? null) !== (claims.agencyId ?? null)) throw new AuthError('role changed');
  return {
    username: user.username,
    role: user.role,
    ...(user.agencyId !== undefined ? { agencyId: user.agencyId } : {}),
    displayName: user.displayName,
    tokenId: claims.jti,
  };
}
