/**
 * What the account use cases need from storage: the users, and the failed-login counts
 * (DynamoDB adapters: functions/lib/storage/user-store.ts, login-limiter.ts).
 */
import type { StaffUser } from './users';

export interface UserStore {
  /** Strongly consistent. */
  getUser(username: string): Promise<StaffUser | undefined>;
  /** 'exists' when the username is taken (nothing written). */
  createUser(user: StaffUser): Promise<'created' | 'exists'>;
  /** Saves a user read at `readVersion`; false if it changed meanwhile (read again). */
  updateUser(user: StaffUser, readVersion: number): Promise<boolean>;
  /** Users by username, a page at a time; a bad cursor is ApiError INVALID_QUERY. */
  listUsers(cursor?: string, limit?: number): Promise<{ items: StaffUser[]; nextCursor?: string }>;
}

/**
 * Failed logins, counted in fixed 15-minute windows (DynamoDB items that expire by TTL).
 *
 * Three counts, each a conditional write taken before the password is checked:
 * - per username and client address: the budget of one guesser against one account.
 *   Over it, that address waits for the next window (429 with Retry-After); the account is
 *   not locked, and the user at any other address is not affected.
 * - per client address, across usernames: one address spraying many accounts.
 * - per username, across addresses: the signal that one account is being guessed from
 *   many addresses (an IPv6 /48 holds 65,536 /64s, each counted as one address). Over
 *   it, guessing is slowed, not stopped: only an address with a clean record for this
 *   username in this window (no failure) may try, once. So a many-address attacker gets
 *   one guess per fresh address per window, and the user, from an address where they
 *   have not just mistyped, still logs in. The trade-off: a locking limit would make any
 *   account lockable by anyone with a handful of addresses; this one leaves the rate of
 *   a many-address attacker bounded only by how many addresses they hold, which the
 *   password policy (scrypt, 12+ characters), the per-address WAF rule on the login
 *   route and the LOGIN_FAILED entries of the audit log have to answer.
 */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_USERNAME_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_IP = 20;
export const MAX_FAILURES_PER_USERNAME = 10;

/** The start of the window `now` falls in, in epoch seconds. */
export const loginWindowStart = (now: Date): number => Math.floor(now.getTime() / 1000 / LOGIN_WINDOW_SECONDS) * LOGIN_WINDOW_SECONDS;

/** Which count refused an attempt. */
export type LoginLimit = 'username-and-address' | 'address' | 'username';

export type LoginClaim =
  /** Counted as a failure until the login succeeds; `username` says whether the username-wide count took it. */
  | { allowed: true; counted: { username: boolean } }
  /** Nothing counted; try again in `retryAfterSeconds` (when the window ends). */
  | { allowed: false; limit: LoginLimit; retryAfterSeconds: number };

export interface LoginLimiter {
  /** Whether an attempt for `username` from `address` would be refused now (read only). */
  isBlocked(username: string, address: string, now: Date): Promise<boolean>;
  /**
   * Counts one attempt as failed before its password is checked, atomically and only
   * while every count allows it; refused means nothing counted. Counting first is what
   * makes the limits hold against parallel guesses on many Lambda instances
   * (check-then-record would let a burst through).
   */
  claimAttempt(username: string, address: string, now: Date): Promise<LoginClaim>;
  /** Counts a failure on all three counts, unconditionally. */
  recordFailure(username: string, address: string, now: Date): Promise<void>;
  /**
   * A successful login: forgets this username's failures from this address and gives
   * back what the attempt took from the address (an office behind one address is not
   * held up by its own logins) and from the username-wide count. The other addresses'
   * failures stay: the user logging in does not reopen the door to a guesser.
   */
  succeeded(username: string, address: string, now: Date, claim: LoginClaim & { allowed: true }): Promise<void>;
  /** An administrator's password reset: forgets the username's failures of this window, from every address. */
  forgetUsername(username: string, now: Date): Promise<void>;
}
