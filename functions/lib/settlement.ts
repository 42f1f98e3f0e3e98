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
import { ApiError } from './errors';
import { log } from './log';
import { countNotification } from './metrics';

export type Settlement =
  | { kind: 'duplicate'; key: string }
  | { kind: 'ignored'; key: string; reason: UnsettledReason }
  | { kind: 'unmatched'; key: string; reason: UnsettledReason }
  | { kind: 'settled'; key: string; orderId: string; outcome: string; refundDue: number; late: boolean };

// Two notifications racing for one order both count: the loser reads again and retries.
const MAX_ATTEMPTS = 40;
const MAX_ORDER_HISTORY = 200;

export async function settleTransfer(deps: Pick<BaseDeps, 'store' | 'catalogue' | 'now'>, transfer: IncomingTransfer, rawBody: string): Promise<Settlement> {
  const settlement = await settle(deps, transfer, rawBody);
  // Counted by result: the unmatched-rate alarm is unmatched / (settled + unmatched).
  countNotification(settlement.kind);
  return settlement;
}

async function settle(deps: Pick<BaseDeps, 'store' | 'catalogue' | 'now'>, transfer: IncomingTransfer, rawBody: string): Promise<Settlement> {
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
    if (!applied.ok) return unmatched('ORDER_INCONSISTENT', order.id);
    // An order item holds its history; a flood of tiny transfers to one reference must
    // not grow it towards DynamoDB's item limit: past this, a clerk takes over.
    if (order.history.length >= MAX_ORDER_HISTORY) return unmatched('TOO_MANY_PAYMENTS', order.id);

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
    if (res === 'duplicate') return duplicate();
    if (res === 'recorded') {
      return { kind: 'settled', key, orderId: order.id, outcome: applied.outcome, refundDue: applied.refund, late: Boolean(applied.historyEntry.late) };
    }
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 10 * (attempt + 1))));
  }
  // Not a defect of the request: the provider retries a 503 later, when the order is calm.
  log.warn('order kept changing while settling', { key, orderId: match.reference });
  throw new ApiError('SERVICE_UNAVAILABLE');
}

/** History entries are stored without undefined fields (DynamoDB refuses them). */
function historyOf(entry: OrderHistoryEntry): OrderHistoryEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as OrderHistoryEntry;
}
