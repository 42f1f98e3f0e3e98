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

/** Failed logins per username and per client address, counted in fixed 15-minute windows. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface LoginLimiter {
  /** Whether either limit is reached now (read only). */
  isBlocked(username: string, ip: string, now: Date): Promise<boolean>;
  /**
   * Counts one attempt as failed before its password is checked, atomically and only
   * while both counts are under their limits; false means blocked and nothing counted.
   * Counting first is what makes the limit hold against parallel guesses on many
   * Lambda instances (check-then-record would let a burst through).
   */
  claimAttempt(username: string, ip: string, now: Date): Promise<boolean>;
  /** Counts a failure unconditionally. */
  recordFailure(username: string, ip: string, now: Date): Promise<void>;
  /**
   * Forgets the username's failures (a successful login, an admin's password reset);
   * with `ip`, also gives the address back the attempt claimed for this login, so an
   * office behind one address is not locked out by its own successful logins.
   */
  reset(username: string, now: Date, ip?: string): Promise<void>;
}
