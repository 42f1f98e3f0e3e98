/**
 * Settling an incoming transfer: find its order from the memo, move the order along the
 * state machine, and record the transfer and the order's new state together, exactly
 * once however often and in whatever order the notification arrives.
 */
import { matchReference } from '../../../shared/memo';
import { advance, applyEvent, storedEntry, type ApplyResult, type OrderStateEvent } from '../../../shared/order-state';
import type { FeeOrder } from '../../../shared/order';
import { transferKey, type IncomingTransfer, type TransferRecord, type UnsettledReason } from '../../../shared/transfer';
import type { BaseDeps } from '../deps';
import type { AssumedPayment } from '../storage/store';
import { log } from '../platform/log';
import { countNotification } from '../platform/metrics';
import { RACE_LOST, retryOnConflict } from '../platform/retry';

export type Settlement =
  | { kind: 'duplicate'; key: string }
  | { kind: 'ignored'; key: string; reason: UnsettledReason }
  | { kind: 'unmatched'; key: string; reason: UnsettledReason }
  | { kind: 'settled'; key: string; orderId: string; outcome: string; refundDue: number; late: boolean };

const MAX_ORDER_HISTORY = 200;

/**
 * The order kept changing under every attempt to settle the transfer (retry.ts gave up).
 * Not a defect of the notification: nothing was recorded, and the provider, told to try
 * again later (the webhooks route answers 503), will find the order calm.
 */
export class OrderKeptChanging extends Error {
  constructor(
    readonly key: string,
    readonly orderId: string,
  ) {
    super(`order ${orderId} kept changing while settling ${key}`);
    this.name = 'OrderKeptChanging';
  }
}

export interface SettleOptions {
  /** false: always read the order before writing (tests compare both ways). */
  assume?: boolean;
}

export async function settleTransfer(deps: Pick<BaseDeps, 'store' | 'catalogue' | 'now' | 'paymentCodePrefix'>, transfer: IncomingTransfer, rawBody: string, options: SettleOptions = {}): Promise<Settlement> {
  const settlement = await settle(deps, transfer, rawBody, options);
  // Counted by result: the unmatched-rate alarm is unmatched / (settled + unmatched).
  countNotification(settlement.kind);
  return settlement;
}

async function settle(deps: Pick<BaseDeps, 'store' | 'catalogue' | 'now' | 'paymentCodePrefix'>, transfer: IncomingTransfer, rawBody: string, options: SettleOptions): Promise<Settlement> {
  const key = transferKey(transfer);
  const { store } = deps;
  // No read-before-write for duplicates: every write below is conditional on the
  // transfer being new, which is what guarantees "once"; a retry costs a failed write.
  const duplicate = async (): Promise<Settlement> => {
    const first = await store.getTransfer(key);
    // Same provider id, other content: a provider bug or a forged resend. Keep the first, say so.
    if (first && (first.transfer.amount !== transfer.amount || first.transfer.accountNumber !== transfer.accountNumber || first.transfer.memo !== transfer.memo)) {
      log.warn('duplicate transfer id with different content', { key, amountDiffers: first.transfer.amount !== transfer.amount, accountDiffers: first.transfer.accountNumber !== transfer.accountNumber, memoDiffers: first.transfer.memo !== transfer.memo });
    }
    return { kind: 'duplicate', key };
  };

  const receivedAt = deps.now().toISOString();
  const base = { key, transfer, rawBody, receivedAt, refundDue: 0 };

  const agency = (await deps.catalogue.agencies()).find((a) => a.bank.accountNumber === transfer.accountNumber);
  const ignore = async (reason: UnsettledReason, agencyId?: string): Promise<Settlement> => {
    const res = await store.recordTransfer({ ...base, status: 'IGNORED', reason, ...(agencyId ? { agencyId } : {}) });
    return res === 'duplicate' ? duplicate() : { kind: 'ignored', key, reason };
  };
  if (transfer.direction === 'out') return ignore('OUTGOING', agency?.id);
  if (!agency) return ignore('UNKNOWN_ACCOUNT');

  const unmatched = async (reason: UnsettledReason, orderId?: string): Promise<Settlement> => {
    const res = await store.recordTransfer({ ...base, status: 'UNMATCHED', reason, agencyId: agency.id, ...(orderId ? { orderId } : {}) });
    return res === 'duplicate' ? duplicate() : { kind: 'unmatched', key, reason };
  };
  // The memo, read around our payment-code prefix; SePay's own reading of it (`code`) counts too.
  const match = matchReference(transfer.memo, { prefix: deps.paymentCodePrefix, code: transfer.paymentCode });
  if (match.kind === 'none') return unmatched('NO_REFERENCE');
  if (match.kind === 'ambiguous') return unmatched('AMBIGUOUS_REFERENCE');

  const matched = (order: Pick<FeeOrder, 'id'>, applied: Applied): TransferRecord => ({
    ...base,
    status: 'MATCHED',
    agencyId: agency.id,
    orderId: order.id,
    outcome: applied.outcome,
    refundDue: applied.refund,
    ...(applied.historyEntry.late ? { late: true } : {}),
  });
  const settled = (orderId: string, applied: Applied): Settlement => ({
    kind: 'settled', key, orderId, outcome: applied.outcome, refundDue: applied.refund, late: Boolean(applied.historyEntry.late),
  });
  const event = { type: 'PAYMENT', amount: transfer.amount, at: transfer.occurredAt, transferKey: key } as const;

  // The usual case first, in one write: the memo names a pending order and the transfer
  // pays its fee exactly, in time (the QR carried both). Nothing is read: the write holds
  // only if the stored order is what this assumes. If it is not, the order comes back
  // with the refusal and is settled below as read.
  let known: FeeOrder | undefined;
  const guess = options.assume === false ? undefined : assumedExactPayment(match.reference, agency.id, event);
  if (guess) {
    const res = await store.recordAssumedPayment(matched({ id: match.reference }, guess.applied), guess.payment);
    if (res.kind === 'recorded') return settled(match.reference, guess.applied);
    if (res.kind === 'duplicate') return duplicate();
    known = res.order;
  }

  // Two notifications racing for one order both count: the loser reads again and retries.
  const settlement = await retryOnConflict(async () => {
    const order = known ?? (await store.getOrder(match.reference));
    known = undefined;
    if (!order) return unmatched('ORDER_NOT_FOUND');
    // The reference must have been paid into its own agency's account.
    if (order.agencyId !== agency.id) return unmatched('WRONG_ACCOUNT', order.id);

    const step = advance(order, event);
    // A payment is never refused by the machine; if it were, the order itself is broken
    // and a person must look: keep the money visible as unmatched.
    if (!step.ok) return unmatched('ORDER_INCONSISTENT', order.id);
    // An order item holds its history; a flood of tiny transfers to one reference must
    // not grow it towards DynamoDB's item limit: past this, a clerk takes over.
    if (order.history.length >= MAX_ORDER_HISTORY) return unmatched('TOO_MANY_PAYMENTS', order.id);

    const res = await store.recordPayment(matched(order, step), step.order, order.version);
    if (res === 'duplicate') return duplicate();
    if (res === 'recorded') return settled(order.id, step);
    return RACE_LOST;
  });
  if (settlement !== RACE_LOST) return settlement;
  log.warn('order kept changing while settling', { key, orderId: match.reference });
  throw new OrderKeptChanging(key, match.reference);
}

/** What one step of the machine did to the order, as the transfer record keeps it. */
type Applied = Pick<Extract<ApplyResult, { ok: true }>, 'outcome' | 'refund' | 'historyEntry'>;

/**
 * The state machine's answer for a pending order whose fee is exactly this payment and
 * which does not expire before it, with the assumption spelled out field by field for
 * the store's condition. `applyEvent` reads status, amount, paidAmount, refundDue,
 * paidLate and (for lateness) expiresAt, and the settlement reads agencyId and the
 * history's length: all of them are in `assumed`, so a write that holds computes exactly
 * what reading the order would have.
 */
export function assumedExactPayment(orderId: string, agencyId: string, event: Extract<OrderStateEvent, { type: 'PAYMENT' }>): { payment: AssumedPayment; applied: Extract<ApplyResult, { ok: true }> } | undefined {
  // Adapters hand over toISOString() text; anything else is settled the long way.
  if (new Date(Date.parse(event.at)).toISOString() !== event.at) return undefined;
  const snapshot = { status: 'PENDING', amount: event.amount, paidAmount: 0, refundDue: 0, paidLate: false, expiresAt: event.at } as const;
  const applied = applyEvent(snapshot, event);
  if (!applied.ok) return undefined;
  return {
    applied,
    payment: {
      orderId,
      assumed: {
        status: snapshot.status, agencyId, amount: snapshot.amount, paidAmount: snapshot.paidAmount, refundDue: snapshot.refundDue, paidLate: snapshot.paidLate,
        expiresNotBefore: snapshot.expiresAt, historyBelow: MAX_ORDER_HISTORY,
      },
      next: applied.next,
      historyEntry: storedEntry(applied.historyEntry),
    },
  };
}
