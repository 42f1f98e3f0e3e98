/**
 * The audit log: every staff action, who did it, when, what, before and after.
 * Append-only: no route edits or deletes an entry. Snapshots carry no personal data.
 */
export const AUDIT_ACTIONS = [
  'LOGIN',
  'LOGIN_FAILED',
  'ORDER_ASSISTED',
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'TRANSFER_MATCHED',
  'REFUND_RECORDED',
  'CASH_RECORDED',
  'RECEIPT_CANCELLED',
  'USER_CREATED',
  'USER_DISABLED',
  'USER_ENABLED',
  'USER_PASSWORD_RESET',
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
  target: { type: 'order' | 'transfer' | 'receipt' | 'user' | 'session'; id: string; agencyId?: string };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}

/** The money-and-state part of an order, for before/after: no names, no phone numbers. */
export function orderSnapshot(o: { status: string; paidAmount: number; refundDue: number; paidLate: boolean; version: number; receipt?: unknown }): Record<string, unknown> {
  return { status: o.status, paidAmount: o.paidAmount, refundDue: o.refundDue, paidLate: o.paidLate, version: o.version };
}
