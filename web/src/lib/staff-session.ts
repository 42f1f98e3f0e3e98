/**
 * The staff session in the browser: the bearer token from POST /api/auth/login, kept in
 * sessionStorage (this tab only, gone when it closes: a counter tablet is shared, and a
 * token in localStorage would outlive the shift). An expired or refused token sends the
 * person back to the login page with a message, and the page they were on to return to.
 */
import { STAFF_ROLES, type StaffRole } from '../../../shared/roles';
import type { StaffSessionView } from '../../../shared/views';
import { storageRemove, sessionGet, sessionSet } from './storage';

export type { StaffRole };
/** What the login answered, kept for this tab. */
export type StaffSession = StaffSessionView;

const KEY = 'motcua.staff';
export const LOGIN_PAGE = '/can-bo/dang-nhap.html';
export const COUNTER_PAGE = '/can-bo/tai-quay.html';
export const CONSOLE_PAGE = '/can-bo/ban-lam-viec.html';
export const DASHBOARD_PAGE = '/can-bo/bang-dieu-khien.html';

export type LogoutReason = 'expired' | 'logout' | 'required';

function isSession(value: unknown): value is StaffSession {
  const s = value as Partial<StaffSession> | null;
  return Boolean(
    s && typeof s.token === 'string' && typeof s.expiresAt === 'string' && s.user && typeof s.user.username === 'string' && (STAFF_ROLES as readonly string[]).includes(String(s.user.role)),
  );
}

/** The session if there is one and it has not expired. */
export function loadSession(now: number = Date.now()): StaffSession | null {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(sessionGet(KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  if (!isSession(parsed)) return null;
  const expires = Date.parse(parsed.expiresAt);
  if (!Number.isFinite(expires) || expires <= now) return null;
  return parsed;
}

export function saveSession(session: StaffSession): void {
  sessionSet(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  storageRemove(KEY);
}

/** Where a role starts its work. */
export function roleHome(role: StaffRole): string {
  // Leaders read figures only: their work is the dashboard of their scope.
  if (role === 'leader') return DASHBOARD_PAGE;
  return role === 'volunteer' ? COUNTER_PAGE : CONSOLE_PAGE;
}

/** Only our own staff pages are places to come back to after logging in. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/can-bo/') || next.startsWith(LOGIN_PAGE) || /[\\\s]/.test(next) || next.includes('//')) return null;
  return next;
}

export function loginUrl(reason: LogoutReason, next?: string): string {
  const params = new URLSearchParams({ reason });
  const back = next ? safeNext(next) : null;
  if (back) params.set('next', back);
  return `${LOGIN_PAGE}?${params.toString()}`;
}

function here(): string {
  return `${window.location.pathname}${window.location.hash}`;
}

/** Drops the session and goes to the login page, which says why. */
export function leave(reason: LogoutReason): void {
  clearSession();
  window.location.assign(loginUrl(reason, reason === 'logout' ? undefined : here()));
}

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The session of a page that needs one, for one of `roles`; otherwise leaves for the login
 * page (or the role's own page) and returns null. Leaves again the moment it expires.
 */
export function requireSession(roles: readonly StaffRole[]): StaffSession | null {
  const session = loadSession();
  if (!session) {
    // A session that was there but ran out is "expired"; none at all is "required".
    const had = sessionGet(KEY) !== null;
    leave(had ? 'expired' : 'required');
    return null;
  }
  if (!roles.includes(session.user.role)) {
    window.location.replace(roleHome(session.user.role));
    return null;
  }
  clearTimeout(expiryTimer);
  // setTimeout holds at most 2^31-1 ms; a staff token lasts hours at most.
  const left = Math.min(Date.parse(session.expiresAt) - Date.now(), 2_147_000_000);
  expiryTimer = setTimeout(() => leave('expired'), Math.max(0, left));
  return session;
}
