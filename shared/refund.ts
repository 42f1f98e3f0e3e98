/**
 * A refund's way back to the payer: REQUESTED (money was recorded that must go back:
 * a surplus, a duplicate, a payment to a cancelled order) → SENT (a clerk recorded the
 * bank transfer by hand, or payOS accepted a payout) → CONFIRMED (the outgoing transfer
 * was seen: reported by a provider, found on the bank's statement, or confirmed by a
 * clerk from the statement). Each step once, in order, for the exact amount due. Pure.
 */
export const REFUND_STATES = ['REQUESTED', 'SENT', 'CONFIRMED'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

/** How the money went back. */
export type RefundMethod = 'manual' | 'payos';

/** Who saw the outgoing transfer. */
export type RefundConfirmationSource = 'payos' | 'sepay' | 'casso' | 'statement' | 'clerk';

export interface RefundSent {
  at: string;
  by: string;
  note: string;
  /** Absent on refunds recorded before the method was kept: by hand. */
  method?: RefundMethod;
  /** VND sent: the refund due, exactly. */
  amount?: number;
  /** The bank's reference of the outgoing transfer (by hand), when the clerk has it. */
  bankReference?: string;
  /** The day the bank sent it (YYYY-MM-DD), by hand. */
  sentOn?: string;
  /** payOS's payout id. */
  payoutId?: string;
  /** Where it went (a payout; by hand when given), the account masked where shown. */
  to?: { bin: string; accountNumber: string };
}

export interface RefundConfirmation {
  at: string;
  source: RefundConfirmationSource;
  /** The outgoing transfer as recorded (a provider's), when it was one. */
  transferKey?: string;
  bankReference?: string;
  /** A clerk who confirmed it from the statement. */
  by?: string;
}

/** What a refund is recorded on (a TransferRecord, shared/transfer.ts). */
export interface RefundHolder {
  refundDue: number;
  refund?: RefundSent;
  refundConfirmation?: RefundConfirmation;
}

/** The refund's state; undefined when nothing is due on the transfer. */
export function refundState(record: RefundHolder): RefundState | undefined {
  if (record.refundDue <= 0) return undefined;
  if (record.refundConfirmation) return 'CONFIRMED';
  if (record.refund) return 'SENT';
  return 'REQUESTED';
}

export type RefundRefusal = 'NO_REFUND_DUE' | 'ALREADY_REFUNDED' | 'REFUND_NOT_SENT' | 'REFUND_ALREADY_CONFIRMED' | 'REFUND_AMOUNT_MISMATCH';

export type RefundStep<T> = { ok: true; record: T } | { ok: false; refusal: RefundRefusal };

/** REQUESTED → SENT: the amount, if given, must be the refund due to the đồng. */
export function sendRefund<T extends RefundHolder>(record: T, sent: RefundSent): RefundStep<T> {
  const state = refundState(record);
  if (state === undefined) return { ok: false, refusal: 'NO_REFUND_DUE' };
  if (state !== 'REQUESTED') return { ok: false, refusal: 'ALREADY_REFUNDED' };
  if (sent.amount !== undefined && sent.amount !== record.refundDue) return { ok: false, refusal: 'REFUND_AMOUNT_MISMATCH' };
  return { ok: true, record: { ...record, refund: { ...sent, amount: record.refundDue } } };
}

/** SENT → CONFIRMED: the outgoing transfer, if its amount is known, must be the amount sent. */
export function confirmRefund<T extends RefundHolder>(record: T, confirmation: RefundConfirmation, amount?: number): RefundStep<T> {
  const state = refundState(record);
  if (state === undefined) return { ok: false, refusal: 'NO_REFUND_DUE' };
  if (state === 'REQUESTED') return { ok: false, refusal: 'REFUND_NOT_SENT' };
  if (state === 'CONFIRMED') return { ok: false, refusal: 'REFUND_ALREADY_CONFIRMED' };
  if (amount !== undefined && amount !== record.refundDue) return { ok: false, refusal: 'REFUND_AMOUNT_MISMATCH' };
  return { ok: true, record: { ...record, refundConfirmation: confirmation } };
}

/** What the payer's bank sees as the memo of a refund: the order's reference, so the refund can be traced back. */
export function refundMemo(orderReference: string): string {
  return `HOAN TIEN ${orderReference}`;
}
