/**
 * Settling an incoming transfer: find its order from the memo, move the order along the
 * state machine, and record the transfer and the order's new state together, exactly
 * once however often and in whatever order the notification arrives.
 */
import { matchReference } from '../../shared/memo';
import { applyEvent, type OrderHistoryEntry } from '../../shared/order-state';
import type { FeeOrder } from '../../shared/order';
import { transferKey, type IncomingTransfer, type TransferRecord, type UnsettledReason } from '../../shared/transfer';
import type { BaseDeps } from './deps';

export type Settlement =
  | { kind: 'duplicate'; key: string }
  | { kind: 'ignored'; key: string; reason: UnsettledReason }
  | { kind: 'unmatched'; key: string; reason: UnsettledReason }
  | { kind: 'settled'; key: string; orderId: string; outcome: string; refundDue: number; late: boolean };

// Two notifications racing for one order both count: the loser reads again and retries.
const MAX_ATTEMPTS = 20;

export async function settleTransfer(deps: Pick<BaseDeps, 'store' | 'catalogue' | 'now'>, transfer: IncomingTransfer, rawBody: string): Promise<Settlement> {
  const key = transferKey(transfer);
  const { store } = deps;
  // Retries of a recorded transfer stop here with one read; the conditional writes
  // below are what guarantee "once", this only saves work.
  if (await store.getTransfer(key)) return { kind: 'duplicate', key };

  const receivedAt = deps.now().toISOString();
  const base = { key, transfer, rawBody, receivedAt, refundDue: 0 };

  const agency = (await deps.catalogue.agencies()).find((a) => a.bank.accountNumber === transfer.accountNumber);
  const ignore = async (reason: UnsettledReason, agencyId?: string): Promise<Settlement> => {
    const res = await store.recordTransfer({ ...base, status: 'IGNORED', reason, ...(agencyId ? { agencyId } : {}) });
    return res === 'duplicate' ? { kind: 'duplicate', key } : { kind: 'ignored', key, reason };
  };
  if (transfer.direction === 'out') return ignore('OUTGOING', agency?.id);
  if (!agency) return ignore('UNKNOWN_ACCOUNT');

  const unmatched = async (reason: UnsettledReason, orderId?: string): Promise<Settlement> => {
    const res = await store.recordTransfer({ ...base, status: 'UNMATCHED', reason, agencyId: agency.id, ...(orderId ? { orderId } : {}) });
    return res === 'duplicate' ? { kind: 'duplicate', key } : { kind: 'unmatched', key, reason };
  };
  const match = matchReference(transfer.memo);
  if (match.kind === 'none') return unmatched('NO_REFERENCE');
  if (match.kind === 'ambiguous') return unmatched('AMBIGUOUS_REFERENCE');

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await store.getOrder(match.reference);
    if (!order) return unmatched('ORDER_NOT_FOUND');
    // The reference must have been paid into its own agency's account.
    if (order.agencyId !== agency.id) return unmatched('WRONG_ACCOUNT', order.id);

    const applied = applyEvent(order, { type: 'PAYMENT', amount: transfer.amount, at: transfer.occurredAt, transferKey: key });
    // A payment is never refused by the machine; if it were, the order itself is broken
    // and a person must look: keep the money visible as unmatched.
    if (!applied.ok) return unmatched('ORDER_NOT_FOUND', order.id);

    const next: FeeOrder = {
      ...order,
      ...applied.next,
      version: order.version + 1,
      history: [...order.history, historyOf(applied.historyEntry)],
    };
    const record: TransferRecord = {
      ...base,
      status: 'MATCHED',
      agencyId: agency.id,
      orderId: order.id,
      outcome: applied.outcome,
      refundDue: applied.refund,
      ...(applied.historyEntry.late ? { late: true } : {}),
    };
    const res = await store.recordPayment(record, next, order.version);
    if (res === 'duplicate') return { kind: 'duplicate', key };
    if (res === 'recorded') {
      return { kind: 'settled', key, orderId: order.id, outcome: applied.outcome, refundDue: applied.refund, late: Boolean(applied.historyEntry.late) };
    }
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
  }
  throw new Error(`order ${match.reference} kept changing while settling ${key}`);
}

/** History entries are stored without undefined fields (DynamoDB refuses them). */
function historyOf(entry: OrderHistoryEntry): OrderHistoryEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as OrderHistoryEntry;
}
