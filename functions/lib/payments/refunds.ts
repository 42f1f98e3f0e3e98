/**
 * A refund's last step seen from outside: the outgoing transfer that carried it back
 * (shared/refund.ts, SENT → CONFIRMED). A provider reports it (SePay and Casso notify
 * money leaving the account too; the webhooks function calls this for each), and the
 * bank statement shows it (the statements' reconciliation calls this for each debit).
 * The memo names the order (refundMemo: "HOAN TIEN <reference>", as the clerk is told to
 * write it and as payOS payouts send it); the refund is the order's transfer whose refund
 * was sent for exactly that amount and not yet confirmed. A guess is never confirmed:
 * no reference, another agency's order, or no refund of that amount → nothing happens.
 */
import { createHash } from 'node:crypto';
import { matchReference } from '../../../shared/memo';
import { confirmRefund, refundState, type RefundConfirmationSource } from '../../../shared/refund';
import type { TransferRecord } from '../../../shared/transfer';
import type { BaseDeps } from '../deps';
import { log } from '../platform/log';

export interface OutgoingTransfer {
  /** The agency whose account the money left. */
  agencyId: string;
  /** Positive VND. */
  amount: number;
  memo: string;
  occurredAt: string;
  source: Exclude<RefundConfirmationSource, 'clerk'>;
  /** The outgoing transfer as we recorded it (a provider's `provider:id`), when it was one. */
  transferKey?: string;
  bankReference?: string;
}

export type OutgoingResult = { kind: 'confirmed'; transferKey: string } | { kind: 'not_a_refund'; reason: string };

/** The refund's id: reproducible from its transfer, so a retried payout carries the same idempotency key. */
export function refundIdOf(transferKey: string): string {
  return `RF${createHash('sha256').update(transferKey).digest('hex').slice(0, 30)}`;
}

/** Confirms the refund an outgoing transfer carried, once (a repeat of the same is `not_a_refund`: already confirmed). */
export async function confirmRefundByOutgoing(deps: Pick<BaseDeps, 'store' | 'now' | 'paymentCodePrefix'>, out: OutgoingTransfer): Promise<OutgoingResult> {
  const match = matchReference(out.memo, { prefix: deps.paymentCodePrefix });
  if (match.kind !== 'one') return { kind: 'not_a_refund', reason: match.kind === 'none' ? 'no reference in the memo' : 'several references in the memo' };
  const order = await deps.store.getOrder(match.reference);
  if (!order || order.agencyId !== out.agencyId) return { kind: 'not_a_refund', reason: 'no such order at this agency' };
  const keys = [...new Set(order.history.flatMap((e) => ('transferKey' in e && typeof e.transferKey === 'string' && (e as { refund?: number }).refund ? [e.transferKey] : [])))];
  const records = (await Promise.all(keys.map((key) => deps.store.getTransfer(key)))).filter((r): r is TransferRecord => r !== undefined);
  const candidate = records.find((r) => refundState(r) === 'SENT' && r.refundDue === out.amount);
  if (!candidate) return { kind: 'not_a_refund', reason: 'no refund of this amount sent for the order' };
  const at = deps.now().toISOString();
  const step = confirmRefund(candidate, { at, source: out.source, ...(out.transferKey ? { transferKey: out.transferKey } : {}), ...(out.bankReference ? { bankReference: out.bankReference } : {}) }, out.amount);
  if (!step.ok) return { kind: 'not_a_refund', reason: step.refusal };
  // Recorded on the transfer (source, the outgoing transfer's key, when): the audit log is staff's own.
  if (!(await deps.store.confirmRefund(step.record))) return { kind: 'not_a_refund', reason: 'already confirmed' };
  log.info('refund confirmed by an outgoing transfer', { transfer: candidate.key, source: out.source });
  return { kind: 'confirmed', transferKey: candidate.key };
}
