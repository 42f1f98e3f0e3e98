/**
 * An incoming bank transfer, as every payment-notification adapter (payOS, SePay,
 * Casso) reports it once verified. Amounts are integers in VND.
 */
import type { RefundConfirmation, RefundSent } from './refund';

export const PROVIDERS = ['payos', 'sepay', 'casso'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Where money came from: an aggregator's notification, or cash at the counter. */
export type PaymentSource = Provider | 'cash';

export interface IncomingTransfer {
  provider: PaymentSource;
  /** The provider's own id for this transfer: with `provider`, the key it is recorded under exactly once. */
  providerId: string;
  /** Only 'in' pays anything; 'out' is acknowledged and kept as ignored. */
  direction: 'in' | 'out';
  /** Positive integer VND. */
  amount: number;
  /** The memo as the bank delivered it (rewritten, prefixed, truncated…). */
  memo: string;
  /** The payment code the aggregator cut out of the memo (SePay's `code`: our prefix + a reference), when it gave one. */
  paymentCode?: string;
  /** The receiving account (ours, if it is an agency's). */
  accountNumber: string;
  bankName?: string;
  /** The bank's own transaction reference, when given. */
  bankReference?: string;
  /** When the bank says the money moved, ISO 8601 UTC. */
  occurredAt: string;
  counterAccount?: { name?: string; number?: string; bankName?: string };
}

/** Why a transfer paid no order. */
export type UnsettledReason =
  /** Money leaving the account: not a payment. */
  | 'OUTGOING'
  /** Into an account that is no agency's. */
  | 'UNKNOWN_ACCOUNT'
  /** No valid reference in the memo. */
  | 'NO_REFERENCE'
  /** More than one valid reference: a clerk decides. */
  | 'AMBIGUOUS_REFERENCE'
  /** A valid reference that no order has. */
  | 'ORDER_NOT_FOUND'
  /** The order belongs to another agency than the receiving account. */
  | 'WRONG_ACCOUNT'
  /** The order's stored amounts are inconsistent: a person must look. */
  | 'ORDER_INCONSISTENT'
  /** The order already holds an unusual number of payments: a person must look. */
  | 'TOO_MANY_PAYMENTS';

export type TransferStatus = 'MATCHED' | 'UNMATCHED' | 'IGNORED';

/** A transfer as recorded, exactly once per provider + provider id. */
export interface TransferRecord {
  /** `${provider}:${providerId}`. */
  key: string;
  transfer: IncomingTransfer;
  status: TransferStatus;
  reason?: UnsettledReason;
  /** The agency whose account received it (absent when no agency's). */
  agencyId?: string;
  orderId?: string;
  /** What the transfer did to its order: PAID, UNDERPAID, OVERPAID, DUPLICATE_PAYMENT… */
  outcome?: string;
  /** The part of this transfer owed back to the payer. */
  refundDue: number;
  late?: boolean;
  /** The notification exactly as received (audit, disputes). */
  rawBody: string;
  receivedAt: string;
  /** Set when a clerk matched it by hand (it was UNMATCHED). */
  matchedBy?: string;
  /** Set when the refund-due part was sent back (shared/refund.ts: SENT). */
  refund?: RefundSent;
  /** Set when the outgoing transfer of the refund was seen (shared/refund.ts: CONFIRMED). */
  refundConfirmation?: RefundConfirmation;
}

export function transferKey(t: Pick<IncomingTransfer, 'provider' | 'providerId'>): string {
  return `${t.provider}:${t.providerId}`;
}
