/**
 * The counter's money actions. Each reads, moves the order along the state machine and
 * writes everything it touches in one conditional transaction with its audit entry;
 * when someone else changed the same order meanwhile, it reads again and retries.
 */
import { randomUUID } from 'node:crypto';
import { orderSnapshot } from '../../shared/audit';
import { applyEvent, type OrderStateEvent } from '../../shared/order-state';
import type { FeeOrder, OrderReceipt } from '../../shared/order';
import { buildReceiptContent, receiptSymbol, receiptYear, RECEIPT_TEMPLATE } from '../../shared/receipt';
import { transferKey, type TransferRecord } from '../../shared/transfer';
import { ApiError } from '../lib/platform/errors';
import { countReceiptIssued } from '../lib/platform/metrics';
import { signReceipt, verifyUrlFor } from '../lib/receipts/signing';
import type { StoredReceipt } from '../lib/storage/store';
import type { StaffPrincipal } from '../lib/accounts/login';
import { auditEntry, canActForAgency, type StaffDeps } from './context';

const MAX_ATTEMPTS = 60;

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * (attempt + 1))));

/** The order if this person may act on it; 404 otherwise (existence does not leak). */
async function orderToActOn(deps: StaffDeps, p: StaffPrincipal, id: string): Promise<FeeOrder> {
  const order = id.length <= 64 ? await deps.store.getOrder(id) : undefined;
  if (!order || !canActForAgency(p, order.agencyId)) throw new ApiError('ORDER_NOT_FOUND');
  return order;
}

function applyOrRefuse(order: FeeOrder, event: OrderStateEvent) {
  const applied = applyEvent(order, event);
  if (!applied.ok) {
    throw new ApiError('INVALID_ORDER_STATE', [
      { path: 'status', message: `Đơn đang ở trạng thái ${order.status}, không thực hiện được thao tác này.`, messageEn: applied.reason },
    ]);
  }
  return applied;
}

function moved(order: FeeOrder, applied: ReturnType<typeof applyOrRefuse>, extra: Partial<FeeOrder> = {}): FeeOrder {
  return { ...order, ...applied.next, ...extra, version: order.version + 1, history: [...order.history, stripUndefined(applied.historyEntry)] };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Confirm a paid order and issue its receipt: the number is the agency's next, gapless. */
export async function confirmOrder(deps: StaffDeps, p: StaffPrincipal, id: string): Promise<{ order: FeeOrder; receipt: StoredReceipt }> {
  const keys = await deps.receiptKeys();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await orderToActOn(deps, p, id);
    if (order.status === 'CONFIRMED') throw new ApiError('ALREADY_CONFIRMED');
    const now = deps.now();
    const applied = applyOrRefuse(order, { type: 'CONFIRM', at: now.toISOString(), by: p.username });
    const agency = await deps.catalogue.agency(order.agencyId);
    if (!agency) throw new Error(`order ${order.id} names unknown agency ${order.agencyId}`);

    const symbol = receiptSymbol(receiptYear(now), agency.receiptSymbol);
    const last = await deps.store.receiptCounter(agency.id, symbol);
    const number = last + 1;
    const paidInCash = order.history.some((e) => (e as { transferKey?: string }).transferKey?.startsWith('cash:'));
    const content = buildReceiptContent({
      order,
      agency,
      number,
      issuedAt: now,
      symbol,
      paymentMethod: paidInCash ? 'cash' : 'bank_transfer',
      collector: { username: p.username, displayName: p.displayName },
    });
    const token = await signReceipt(content, keys);
    const receipt: StoredReceipt = {
      id: `${agency.id}-${symbol}-${number}`,
      agencyId: agency.id,
      symbol,
      number,
      orderId: order.id,
      issuedAt: content.issuedAt,
      status: 'ISSUED',
      token,
      content: content as unknown as Record<string, unknown>,
    };
    const summary: OrderReceipt = {
      id: receipt.id,
      template: RECEIPT_TEMPLATE,
      symbol,
      number,
      issuedAt: content.issuedAt,
      amount: content.amount,
      amountInWords: content.amountInWords,
      verifyUrl: verifyUrlFor(token),
      status: 'ISSUED',
    };
    const next = moved(order, applied, { receipt: summary });
    const audit = auditEntry(deps, p, 'ORDER_CONFIRMED', { type: 'order', id: order.id, agencyId: order.agencyId }, {
      before: orderSnapshot(order),
      after: { ...orderSnapshot(next), receipt: `${symbol} ${number}` },
    });
    const res = await deps.store.issueReceipt(receipt, last, next, order.version, audit);
    if (res === 'issued') {
      countReceiptIssued();
      return { order: next, receipt };
    }
    await backoff(attempt);
  }
  throw new ApiError('CONCURRENT_UPDATE');
}

/** Cash paid at the counter, recorded like a transfer so the cashless share is honest. */
export async function recordCash(deps: StaffDeps, p: StaffPrincipal, id: string, input: { amount?: number; note?: string }): Promise<{ order: FeeOrder; transfer: TransferRecord }> {
  const providerId = randomUUID();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await orderToActOn(deps, p, id);
    const due = order.amount - (order.paidAmount - order.refundDue);
    const amount = input.amount ?? due;
    if (amount <= 0) throw new ApiError('INVALID_ORDER_STATE', [{ path: 'amount', message: 'Đơn không còn khoản nào phải nộp.', messageEn: 'Nothing is due on this order.' }]);
    const now = deps.now().toISOString();
    const key = transferKey({ provider: 'cash', providerId });
    const applied = applyOrRefuse(order, { type: 'PAYMENT', amount, at: now, transferKey: key });
    const agency = await deps.catalogue.agency(order.agencyId);
    const record: TransferRecord = {
      key,
      transfer: {
        provider: 'cash',
        providerId,
        direction: 'in',
        amount,
        memo: input.note ? `Tiền mặt: ${input.note}` : 'Tiền mặt tại quầy',
        accountNumber: agency?.bank.accountNumber ?? '',
        occurredAt: now,
      },
      status: 'MATCHED',
      agencyId: order.agencyId,
      orderId: order.id,
      outcome: applied.outcome,
      refundDue: applied.refund,
      rawBody: JSON.stringify({ cash: amount, by: p.username, note: input.note ?? null }),
      receivedAt: now,
      matchedBy: p.username,
    };
    const next = moved(order, applied);
    const audit = auditEntry(deps, p, 'CASH_RECORDED', { type: 'order', id: order.id, agencyId: order.agencyId }, {
      before: orderSnapshot(order),
      after: { ...orderSnapshot(next), cash: amount },
      ...(input.note ? { note: input.note } : {}),
    });
    if (await deps.store.recordCash(record, next, order.version, audit)) return { order: next, transfer: record };
    await backoff(attempt);
  }
  throw new ApiError('CONCURRENT_UPDATE');
}

export async function cancelOrder(deps: StaffDeps, p: StaffPrincipal, id: string, reason: string): Promise<FeeOrder> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await orderToActOn(deps, p, id);
    const applied = applyOrRefuse(order, { type: 'CANCEL', at: deps.now().toISOString(), by: p.username, reason });
    const next = moved(order, applied);
    const audit = auditEntry(deps, p, 'ORDER_CANCELLED', { type: 'order', id: order.id, agencyId: order.agencyId }, { before: orderSnapshot(order), after: orderSnapshot(next), note: reason });
    if (await deps.store.updateOrderAudited(next, order.version, audit)) return next;
    await backoff(attempt);
  }
  throw new ApiError('CONCURRENT_UPDATE');
}

async function transferToActOn(deps: StaffDeps, p: StaffPrincipal, key: string): Promise<TransferRecord> {
  const record = key.length <= 200 ? await deps.store.getTransfer(key) : undefined;
  if (!record || !canActForAgency(p, record.agencyId)) throw new ApiError('TRANSFER_NOT_FOUND');
  return record;
}

/** A clerk matches an unmatched transfer to an order: the order moves as if the memo had matched. */
export async function matchTransfer(deps: StaffDeps, p: StaffPrincipal, key: string, orderId: string): Promise<{ order: FeeOrder; transfer: TransferRecord }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const record = await transferToActOn(deps, p, key);
    if (record.status !== 'UNMATCHED') throw new ApiError('TRANSFER_ALREADY_MATCHED');
    const order = await deps.store.getOrder(orderId);
    // The money arrived in this agency's account: it can only pay this agency's order.
    if (!order || order.agencyId !== record.agencyId || !canActForAgency(p, order.agencyId)) {
      throw new ApiError('ORDER_NOT_FOUND', [{ path: 'orderId', message: 'Không có đơn này ở cơ quan nhận tiền.', messageEn: 'No such order at the receiving agency.' }]);
    }
    const applied = applyOrRefuse(order, { type: 'PAYMENT', amount: record.transfer.amount, at: record.transfer.occurredAt, transferKey: key });
    const matched: TransferRecord = {
      ...record,
      status: 'MATCHED',
      orderId: order.id,
      outcome: applied.outcome,
      refundDue: applied.refund,
      matchedBy: p.username,
      ...(applied.historyEntry.late ? { late: true } : {}),
    };
    delete matched.reason;
    const next = moved(order, applied);
    const audit = auditEntry(deps, p, 'TRANSFER_MATCHED', { type: 'transfer', id: key, agencyId: order.agencyId }, {
      before: { transfer: 'UNMATCHED', order: orderSnapshot(order) },
      after: { transfer: 'MATCHED', orderId: order.id, outcome: applied.outcome, order: orderSnapshot(next) },
    });
    const res = await deps.store.matchTransfer(matched, next, order.version, audit);
    if (res === 'matched') return { order: next, transfer: matched };
    if (res === 'transfer_changed') throw new ApiError('TRANSFER_ALREADY_MATCHED');
    await backoff(attempt);
  }
  throw new ApiError('CONCURRENT_UPDATE');
}

/** The refund-due part of a transfer was paid back; recorded once, with a note. */
export async function recordRefund(deps: StaffDeps, p: StaffPrincipal, key: string, note: string): Promise<TransferRecord> {
  const record = await transferToActOn(deps, p, key);
  if (record.refundDue <= 0) throw new ApiError('NO_REFUND_DUE');
  if (record.refund) throw new ApiError('ALREADY_REFUNDED');
  const refunded: TransferRecord = { ...record, refund: { at: deps.now().toISOString(), by: p.username, note } };
  const audit = auditEntry(deps, p, 'REFUND_RECORDED', { type: 'transfer', id: key, ...(record.agencyId ? { agencyId: record.agencyId } : {}) }, {
    before: { refundDue: record.refundDue, refunded: false },
    after: { refundDue: record.refundDue, refunded: true },
    note,
  });
  if (!(await deps.store.recordRefund(refunded, audit))) throw new ApiError('ALREADY_REFUNDED');
  return refunded;
}

export async function receiptToActOn(deps: StaffDeps, p: StaffPrincipal, id: string): Promise<StoredReceipt> {
  const receipt = id.length <= 100 ? await deps.store.getReceipt(id) : undefined;
  if (!receipt || !canActForAgency(p, receipt.agencyId)) throw new ApiError('RECEIPT_NOT_FOUND');
  return receipt;
}

/** Cancels an issued receipt: a cancellation record, never an edit; its number stays used. */
export async function cancelReceipt(deps: StaffDeps, p: StaffPrincipal, id: string, reason: string): Promise<{ receipt: StoredReceipt; order: FeeOrder }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const receipt = await receiptToActOn(deps, p, id);
    if (receipt.status === 'CANCELLED') throw new ApiError('RECEIPT_ALREADY_CANCELLED');
    const order = await deps.store.getOrder(receipt.orderId);
    if (!order) throw new Error(`receipt ${id} names missing order ${receipt.orderId}`);
    const at = deps.now().toISOString();
    const applied = applyOrRefuse(order, { type: 'CANCEL_RECEIPT', at, by: p.username, reason });
    const cancelled: StoredReceipt = { ...receipt, status: 'CANCELLED', cancellation: { at, by: p.username, reason } };
    const next = moved(order, applied, order.receipt ? { receipt: { ...order.receipt, status: 'CANCELLED' } } : {});
    const audit = auditEntry(deps, p, 'RECEIPT_CANCELLED', { type: 'receipt', id, agencyId: receipt.agencyId }, {
      before: { status: 'ISSUED', order: orderSnapshot(order) },
      after: { status: 'CANCELLED', order: orderSnapshot(next) },
      note: reason,
    });
    if (await deps.store.cancelReceipt(cancelled, next, order.version, audit)) return { receipt: cancelled, order: next };
    await backoff(attempt);
  }
  throw new ApiError('CONCURRENT_UPDATE');
}
