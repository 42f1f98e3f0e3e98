/**
 * Outgoing events: what the province's one-stop software is told, and when. An event is
 * recorded in the same transaction as the change it reports (the transactional outbox,
 * functions/lib/storage/outbox-items.ts) and delivered to each integration subscribed to
 * the order's agency as a Standard Webhook (docs/integration-events.md).
 *
 * Which change makes which event is read from the history entry the change appends to the
 * order (shared/order-state.ts): the one record of what happened, so no change can be
 * written without deciding its events.
 */
import type { OrderReceipt, OrderStatus } from './order';

export const EVENT_TYPES = ['order.paid', 'order.underpaid', 'order.overpaid', 'receipt.issued', 'receipt.replaced', 'receipt.cancelled', 'refund.due'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What an event says about its order (Standard Webhooks `data`). */
export interface EventData {
  orderId: string;
  reference: string;
  agencyId: string;
  /** Filled from the order at delivery when the change did not read it (an assumed payment). */
  dossierCode?: string;
  procedureCode?: string;
  amount: number;
  paidAmount: number;
  refundDue: number;
  status: OrderStatus;
  /** The payment that made the change (payments only): its amount and the part of it owed back. */
  payment?: { amount: number; refund: number; late: boolean };
  receipt?: OrderReceipt | null;
}

/** An event as the outbox keeps it. */
export interface OutgoingEvent {
  id: string;
  type: EventType;
  /** When the change was written (ISO 8601 UTC). */
  at: string;
  agencyId: string;
  data: EventData;
}

/** The body POSTed to a receiver: `{type, timestamp, data}`. */
export interface WebhookBody {
  type: EventType;
  timestamp: string;
  data: EventData;
}

/** The order's fields an event reads (a FeeOrder, or what an assumed payment knows of it). */
export interface ChangedOrder {
  id: string;
  reference?: string;
  agencyId: string;
  dossierCode?: string;
  procedureCode?: string;
  amount: number;
  paidAmount: number;
  refundDue: number;
  status: OrderStatus;
  receipt?: OrderReceipt;
  /** Whether the order's history holds a cancelled receipt before this change. */
  hadCancelledReceipt?: boolean;
}

/** The history entry of the change (shared/order-state.ts OrderHistoryEntry; `event` as HISTORY_EVENT names it). */
export interface ChangeEntry {
  event: string;
  to: OrderStatus;
  amount?: number;
  refund?: number;
  late?: boolean;
}

const PAYMENT_EVENTS: Partial<Record<OrderStatus, EventType>> = { PAID: 'order.paid', UNDERPAID: 'order.underpaid', OVERPAID: 'order.overpaid' };

/**
 * The events of one change. A payment that leaves the order paid, underpaid or overpaid
 * is told as such (each payment of an underpaid order is one: the sum changed); any part of
 * a payment owed back is a `refund.due` (a surplus, a duplicate, a payment to a cancelled
 * order); issuing a receipt is `receipt.issued`, or `receipt.replaced` when an earlier
 * receipt of the order was cancelled; cancelling one is `receipt.cancelled`.
 */
export function eventTypesOf(entry: ChangeEntry, order: Pick<ChangedOrder, 'hadCancelledReceipt'>): EventType[] {
  switch (entry.event) {
    case 'PAYMENT_RECEIVED': {
      const types: EventType[] = [];
      const paid = PAYMENT_EVENTS[entry.to];
      // A duplicate payment to an order already paid changes only what is owed back.
      if (paid && (entry.refund ?? 0) < (entry.amount ?? 0)) types.push(paid);
      if ((entry.refund ?? 0) > 0) types.push('refund.due');
      return types;
    }
    case 'CONFIRMED':
      return [order.hadCancelledReceipt ? 'receipt.replaced' : 'receipt.issued'];
    case 'RECEIPT_CANCELLED':
      return ['receipt.cancelled'];
    default:
      return [];
  }
}

/** The data of an event about this order after this change. */
export function eventDataOf(order: ChangedOrder, entry: ChangeEntry): EventData {
  return {
    orderId: order.id,
    reference: order.reference ?? order.id,
    agencyId: order.agencyId,
    ...(order.dossierCode ? { dossierCode: order.dossierCode } : {}),
    ...(order.procedureCode ? { procedureCode: order.procedureCode } : {}),
    amount: order.amount,
    paidAmount: order.paidAmount,
    refundDue: order.refundDue,
    status: order.status,
    ...(entry.event === 'PAYMENT_RECEIVED' ? { payment: { amount: entry.amount ?? 0, refund: entry.refund ?? 0, late: Boolean(entry.late) } } : {}),
    receipt: order.receipt ?? null,
  };
}

/**
 * When a delivery is tried again after its n-th failed attempt (1-based), in seconds after
 * its first attempt: the Standard Webhooks schedule over a day (immediately, then 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after). Undefined: give up.
 */
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400] as const;

export function retryOffsetSeconds(failedAttempts: number): number | undefined {
  return RETRY_SCHEDULE_SECONDS[failedAttempts - 1];
}

/**
 * A receiver's `Retry-After` (seconds or an HTTP date) in seconds from `now`, bounded to
 * a day; undefined when absent or unreadable.
 */
export function retryAfterSeconds(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  let seconds: number;
  if (/^\d{1,9}$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return undefined;
    seconds = Math.ceil((at - now.getTime()) / 1000);
  }
  return Math.min(Math.max(seconds, 0), 86_400);
}
