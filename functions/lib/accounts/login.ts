/**
 * Logging in, with its failure limits, and the staff principal behind a bearer token.
 */
import type { SigningKeys } from '../auth/keys';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { AuthError, issueStaffToken, verifyStaffToken, type StaffRole } from '../auth/tokens';
import { clientAddressKey } from '../platform/client-ip';
import { ApiError } from '../platform/errors';
import type { LoginLimiter, UserStore } from './ports';
import { USERNAME_PATTERN } from './users';

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
 * Every refused login ends here: unknown user, wrong password, disabled account. Each
 * path did the same work before (a claimed attempt, a user read, one scrypt), so neither
 * the answer nor its timing says which it was.
 */
const invalidCredentials = () => new ApiError('INVALID_CREDENTIALS');

export async function login(deps: LoginDeps, input: { username: string; password: string; clientIp?: string | undefined }): Promise<LoginResult> {
  const now = deps.now();
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const ip = clientAddressKey(input.clientIp);
  if (!(await deps.limiter.claimAttempt(username, ip, now))) throw new ApiError('TOO_MANY_ATTEMPTS');

  const user = USERNAME_PATTERN.test(username) ? await deps.users.getUser(username) : undefined;
  const passwordOk = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  if (!user || !passwordOk || user.disabled) throw invalidCredentials();

  await deps.limiter.reset(username, now, ip);
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
  /** Absent for admin and leader. */
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
