/**
 * The audit log: every staff action, who did it, when, what, before and after.
 * Append-only: no route edits or deletes an entry; only the counts of a LOGIN_FAILED
 * entry grow (RefusedLogins). Snapshots carry no personal data.
 */
export const AUDIT_ACTIONS = [
  'LOGIN',
  'LOGIN_FAILED',
  'ORDER_ASSISTED',
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'ORDER_PAID_ON_PORTAL',
  'TRANSFER_MATCHED',
  'REFUND_RECORDED',
  'REFUND_CONFIRMED',
  'CASH_RECORDED',
  'RECEIPT_CANCELLED',
  'USER_CREATED',
  'USER_DISABLED',
  'USER_ENABLED',
  'USER_PASSWORD_RESET',
  'INTEGRATION_CREATED',
  'INTEGRATION_KEY_ROTATED',
  'INTEGRATION_REVOKED',
  'INTEGRATION_ORDER_CREATED',
  'INTEGRATION_ORDER_READ',
  'INTEGRATION_KEY_REFUSED',
  'WEBHOOK_REPLAYED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  role: string;
  /** The actor's agency (absent for district-wide roles). */
  actorAgencyId?: string;
  action: AuditAction;
  target: { type: 'order' | 'transfer' | 'receipt' | 'user' | 'session' | 'integration' | 'delivery'; id: string; agencyId?: string };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
  /** LOGIN_FAILED: the refused logins this one entry counts. */
  refusals?: RefusedLogins;
}

/**
 * Refused logins are not one entry each (a flood would fill the log with whatever an
 * attacker typed): one LOGIN_FAILED entry counts those of one username from one client
 * address in one 15-minute window. Its actor and target are that username as counted
 * (a valid name, or "(not-a-username)"), or ANY_USERNAME for the 429s of an address
 * whose budget was spent on usernames not checked from it: so an address adds at most
 * one entry per username whose password was actually checked from it (its budget: 20)
 * and one more, whatever it sends.
 */
export interface RefusedLogins {
  /** IPv4, an IPv6 /64 ("2001:db8:1:2::/64"), or "unknown". */
  address: string;
  /** The window's first instant (ISO). */
  windowStart: string;
  /** 401: wrong password, unknown or disabled user. */
  invalidCredentials: number;
  /** 429: refused by a limit before any password was checked. */
  tooManyAttempts: number;
  /** The latest refusal counted. */
  lastAt: string;
}

/** The actor of an address's refusals not counted under a username. */
export const ANY_USERNAME = '(any)';

/** The money-and-state part of an order, for before/after: no names, no phone numbers. */
export function orderSnapshot(o: { status: string; paidAmount: number; refundDue: number; paidLate: boolean; version: number; receipt?: unknown }): Record<string, unknown> {
  return { status: o.status, paidAmount: o.paidAmount, refundDue: o.refundDue, paidLate: o.paidLate, version: o.version };
}
