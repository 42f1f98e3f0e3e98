/**
 * The order state machine: the one place that says how a fee order's status and money
 * move. Pure: times arrive inside the events, nothing is read from a clock.
 *
 * Money, in integers of VND, follows two sums kept on the order:
 *   paidAmount = every transfer ever recorded against the order (nothing is dropped);
 *   refundDue  = the part of it that must go back to the payer.
 * Their difference, the money kept towards the fee, is 0 for PENDING, EXPIRED and
 * CANCELLED, between 0 and the fee for UNDERPAID, and exactly the fee for PAID,
 * OVERPAID and CONFIRMED. `paidLate` marks an order settled by money that arrived after
 * its expiry.
 *
 * A payment is never refused: money that reached the agency's account is always
 * recorded, at worst as refund-due for a clerk. The other events are refused, with a
 * reason, outside the table below.
 */
import type { OrderEvent, OrderStatus } from './order';

export const ORDER_EVENT_TYPES = ['PAYMENT', 'EXPIRE', 'CONFIRM', 'CANCEL', 'CANCEL_RECEIPT', 'PAID_ON_PORTAL'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export type OrderStateEvent =
  /** A transfer matched to this order. `transferKey` is provider + provider id, for the ledger. */
  | { type: 'PAYMENT'; amount: number; at: string; transferKey: string }
  /** The sweeper found the order past its expiry. */
  | { type: 'EXPIRE'; at: string }
  /** A clerk confirmed the payment and the receipt is issued. */
  | { type: 'CONFIRM'; at: string; by: string }
  /** Withdrawn by staff (or by the citizen through staff) before any money arrived. */
  | { type: 'CANCEL'; at: string; by: string; reason: string }
  /**
   * The order's receipt was cancelled (a mistake on it): the receipt is never edited or
   * deleted, its number stays used, and the order goes back to paid so a replacing
   * receipt can be issued.
   */
  | { type: 'CANCEL_RECEIPT'; at: string; by: string; reason: string }
  /**
   * The fee was paid on the national public-service portal for this dossier (filed
   * online): the order is closed without a second payment, before any money arrived here.
   * It ends CANCELLED, so a transfer arriving later is recorded and owed back whole.
   */
  | { type: 'PAID_ON_PORTAL'; at: string; by: string; reference: string };

/** What the machine needs of an order; a stored `FeeOrder` (plus the two money flags) fits. */
export interface OrderSnapshot {
  status: OrderStatus;
  /** The fee, positive integer VND. */
  amount: number;
  paidAmount: number;
  expiresAt: string;
  /** Absent on an order that never received a surplus: 0. */
  refundDue?: number;
  /** Absent on an order that was never paid late: false. */
  paidLate?: boolean;
}

export interface OrderState {
  status: OrderStatus;
  paidAmount: number;
  refundDue: number;
  paidLate: boolean;
}

/** What one event did, for the transfer record and the clerk's list. */
export type TransitionOutcome =
  | 'UNDERPAID' // the payment did not reach the fee (yet)
  | 'PAID' // the payment brought the money kept to exactly the fee
  | 'OVERPAID' // the payment passed the fee: the surplus is refund-due
  | 'DUPLICATE_PAYMENT' // the order was already paid: the whole transfer is refund-due
  | 'PAYMENT_TO_CANCELLED' // the order was withdrawn: the whole transfer is refund-due
  | 'EXPIRED'
  | 'CONFIRMED'
  | 'CANCELLED'
  | 'RECEIPT_CANCELLED'
  | 'PAID_ON_PORTAL';

/** A history entry as the ledger keeps it: the common fields plus what a payment moved. */
export interface OrderHistoryEntry extends OrderEvent {
  transferKey?: string;
  /** The transfer's amount (payments only). */
  amount?: number;
  /** The part of this transfer that is refund-due (payments only). */
  refund?: number;
  /** This payment arrived after the order's expiry. */
  late?: boolean;
}

export type RefusalCode =
  /** The (status, event) pair is not in the table. */
  | 'NOT_ALLOWED'
  /** EXPIRE before the order's expiry. */
  | 'NOT_YET_DUE'
  /** The event itself is malformed (amount, time, missing reason…). */
  | 'INVALID_EVENT'
  /** The snapshot's numbers cannot be an order's. */
  | 'INVALID_ORDER';

export type Refusal = { ok: false; code: RefusalCode; reason: string };

export type ApplyResult = { ok: true; next: OrderState; historyEntry: OrderHistoryEntry; outcome: TransitionOutcome; refund: number } | Refusal;

export type TransitionRule = { readonly to: readonly OrderStatus[]; readonly why?: string } | { readonly refused: string };

const BY_AMOUNTS = ['UNDERPAID', 'PAID', 'OVERPAID'] as const;

/**
 * Every (status, event) pair: the statuses it may lead to, or why it is refused.
 * `applyEvent` consults this table before anything else, and checks that what it computed
 * is among the statuses listed here.
 */
export const TRANSITIONS: { readonly [S in OrderStatus]: { readonly [E in OrderEventType]: TransitionRule } } = {
  PENDING: {
    PAYMENT: { to: BY_AMOUNTS, why: 'less, exactly or more than the fee' },
    EXPIRE: { to: ['EXPIRED'] },
    CONFIRM: { refused: 'Nothing has been paid yet.' },
    CANCEL: { to: ['CANCELLED'], why: 'no money has arrived, so nothing is owed back' },
    CANCEL_RECEIPT: { refused: 'No receipt has been issued for this order.' },
    PAID_ON_PORTAL: { to: ['CANCELLED'], why: 'paid on the national portal: closed here without a second payment' },
  },
  UNDERPAID: {
    PAYMENT: { to: BY_AMOUNTS, why: 'later transfers add up' },
    EXPIRE: {
      refused: 'Money was received: the order stays UNDERPAID past its expiry so that a clerk settles it (top-up or refund) and the money cannot vanish.',
    },
    CONFIRM: { refused: 'The fee is not paid in full.' },
    CANCEL: { refused: 'Money was received: a clerk must settle it before the order can be withdrawn.' },
    CANCEL_RECEIPT: { refused: 'No receipt has been issued for this order.' },
    PAID_ON_PORTAL: { refused: 'Money was received here: a clerk must settle it (refund) instead of closing the order as paid on the portal.' },
  },
  PAID: {
    PAYMENT: { to: ['PAID'], why: 'a duplicate payment, refund-due as a whole' },
    EXPIRE: { refused: 'The order is paid.' },
    CONFIRM: { to: ['CONFIRMED'] },
    CANCEL: { refused: 'The order is paid: the money goes back through a refund, not a cancellation.' },
    CANCEL_RECEIPT: { refused: 'No receipt has been issued for this order.' },
    PAID_ON_PORTAL: { refused: 'The order is paid here: a payment on the portal too is settled by a refund, not by closing the order.' },
  },
  OVERPAID: {
    PAYMENT: { to: ['OVERPAID'], why: 'a duplicate payment, refund-due as a whole' },
    EXPIRE: { refused: 'The order is paid.' },
    CONFIRM: { to: ['CONFIRMED'], why: 'the fee is covered; the surplus stays refund-due' },
    CANCEL: { refused: 'The order is paid: the money goes back through a refund, not a cancellation.' },
    CANCEL_RECEIPT: { refused: 'No receipt has been issued for this order.' },
    PAID_ON_PORTAL: { refused: 'The order is paid here: a payment on the portal too is settled by a refund, not by closing the order.' },
  },
  CONFIRMED: {
    PAYMENT: { to: ['CONFIRMED'], why: 'a duplicate payment, refund-due as a whole' },
    EXPIRE: { refused: 'The order is confirmed.' },
    CONFIRM: { refused: 'The order is already confirmed and its receipt issued.' },
    CANCEL: { refused: 'A receipt has been issued for this order.' },
    CANCEL_RECEIPT: { to: ['PAID', 'OVERPAID'], why: 'back to paid (OVERPAID while money is owed back) so a replacing receipt can be issued' },
    PAID_ON_PORTAL: { refused: 'A receipt has been issued for this order.' },
  },
  EXPIRED: {
    PAYMENT: { to: BY_AMOUNTS, why: 'paid late: recorded and settled by the amounts, never dropped' },
    EXPIRE: { refused: 'The order has already expired.' },
    CONFIRM: { refused: 'Nothing has been paid.' },
    CANCEL: {
      to: ['CANCELLED'],
      why: 'withdrawing an expired order (e.g. replaced by a new one) makes a late payment to it refund-due instead of settling it',
    },
    CANCEL_RECEIPT: { refused: 'No receipt has been issued for this order.' },
    PAID_ON_PORTAL: { to: ['CANCELLED'], why: 'nothing arrived here: the portal payment closes it, and a late transfer is refund-due' },
  },
  CANCELLED: {
    PAYMENT: { to: ['CANCELLED'], why: 'recorded, refund-due as a whole' },
    EXPIRE: { refused: 'The order is cancelled.' },
    CONFIRM: { refused: 'The order is cancelled.' },
    CANCEL: { refused: 'The order is already cancelled.' },
    CANCEL_RECEIPT: { refused: 'No receipt has been issued for this order.' },
    PAID_ON_PORTAL: { refused: 'The order is already closed.' },
  },
};

const isMoney = (n: number) => Number.isSafeInteger(n) && n >= 0;

function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

function checkEvent(event: OrderStateEvent): string | undefined {
  if (!Number.isFinite(Date.parse(event.at))) return 'The event time is not a valid ISO 8601 time.';
  switch (event.type) {
    case 'PAYMENT':
      if (!Number.isSafeInteger(event.amount) || event.amount <= 0) return 'A payment amount must be a positive integer of VND.';
      if (!event.transferKey) return 'A payment needs the key of its transfer.';
      return undefined;
    case 'EXPIRE':
      return undefined;
    case 'CONFIRM':
      return event.by ? undefined : 'A confirmation needs the clerk who made it.';
    case 'PAID_ON_PORTAL':
      if (!event.by) return 'Closing an order as paid on the portal needs the person who did it.';
      return event.reference.trim() ? undefined : 'Closing an order as paid on the portal needs the portal’s payment reference.';
    case 'CANCEL':
    case 'CANCEL_RECEIPT':
      if (!event.by) return 'A cancellation needs the person who made it.';
      return event.reason.trim() ? undefined : 'A cancellation needs a reason.';
  }
}

function checkOrder(order: OrderSnapshot): string | undefined {
  const refundDue = order.refundDue ?? 0;
  if (!Number.isSafeInteger(order.amount) || order.amount <= 0) return 'The fee must be a positive integer of VND.';
  if (!isMoney(order.paidAmount) || !isMoney(refundDue) || refundDue > order.paidAmount) return 'The paid and refund-due sums are inconsistent.';
  if (!Number.isFinite(Date.parse(order.expiresAt))) return 'The order has no valid expiry time.';
  // The money kept must fit the status (see the module comment). A store that forgot to
  // keep refundDue would otherwise compute wrong refunds silently.
  const kept = order.paidAmount - refundDue;
  const fits: Record<OrderStatus, boolean> = {
    PENDING: order.paidAmount === 0,
    EXPIRED: order.paidAmount === 0,
    CANCELLED: kept === 0,
    UNDERPAID: kept > 0 && kept < order.amount,
    PAID: kept === order.amount,
    OVERPAID: kept === order.amount && refundDue > 0,
    CONFIRMED: kept === order.amount,
  };
  if (!fits[order.status]) return `The paid (${order.paidAmount}) and refund-due (${refundDue}) sums do not fit status ${order.status}.`;
  return undefined;
}

const NOTES: Partial<Record<TransitionOutcome, string>> = {
  UNDERPAID: 'Less than the fee received so far.',
  OVERPAID: 'More than the fee received: the surplus is refund-due.',
  DUPLICATE_PAYMENT: 'The order was already paid: the whole transfer is refund-due.',
  PAYMENT_TO_CANCELLED: 'The order was cancelled: the whole transfer is refund-due.',
};

function paymentNote(outcome: TransitionOutcome, late: boolean): string | undefined {
  const parts = [NOTES[outcome], late ? 'Paid after the order expired.' : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

const HISTORY_EVENT: Record<OrderEventType, string> = {
  PAYMENT: 'PAYMENT_RECEIVED',
  EXPIRE: 'EXPIRED',
  CONFIRM: 'CONFIRMED',
  CANCEL: 'CANCELLED',
  CANCEL_RECEIPT: 'RECEIPT_CANCELLED',
  PAID_ON_PORTAL: 'PAID_ON_PORTAL',
};

/**
 * Apply one event to an order. Refused pairs, malformed events and impossible snapshots
 * answer `{ ok: false }` with a reason and change nothing; the caller stores `next` and
 * appends `historyEntry`, conditional on the status it read.
 */
export function applyEvent(order: OrderSnapshot, event: OrderStateEvent): ApplyResult {
  const rule = TRANSITIONS[order.status][event.type];
  if ('refused' in rule) return refuse('NOT_ALLOWED', rule.refused);
  const badOrder = checkOrder(order);
  if (badOrder) return refuse('INVALID_ORDER', badOrder);
  const badEvent = checkEvent(event);
  if (badEvent) return refuse('INVALID_EVENT', badEvent);

  const from = order.status;
  const before: OrderState = {
    status: from,
    paidAmount: order.paidAmount,
    refundDue: order.refundDue ?? 0,
    paidLate: order.paidLate ?? false,
  };
  let next: OrderState;
  let outcome: TransitionOutcome;
  let refund = 0;
  const entry: OrderHistoryEntry = { at: event.at, event: HISTORY_EVENT[event.type], from, to: from };

  switch (event.type) {
    case 'PAYMENT': {
      const late = from === 'EXPIRED' || Date.parse(event.at) > Date.parse(order.expiresAt);
      if (from === 'PENDING' || from === 'UNDERPAID' || from === 'EXPIRED') {
        const kept = before.paidAmount - before.refundDue + event.amount;
        const status = kept < order.amount ? 'UNDERPAID' : kept === order.amount ? 'PAID' : 'OVERPAID';
        refund = Math.max(0, kept - order.amount);
        next = { status, paidAmount: before.paidAmount + event.amount, refundDue: before.refundDue + refund, paidLate: before.paidLate || late };
        outcome = status;
        entry.late = late;
      } else {
        // PAID, OVERPAID, CONFIRMED: the fee is already covered. CANCELLED: nothing is owed.
        // Either way the transfer is kept and owed back whole; the status does not move,
        // and a late duplicate does not make the order "paid late".
        refund = event.amount;
        next = { ...before, paidAmount: before.paidAmount + event.amount, refundDue: before.refundDue + refund };
        outcome = from === 'CANCELLED' ? 'PAYMENT_TO_CANCELLED' : 'DUPLICATE_PAYMENT';
      }
      entry.transferKey = event.transferKey;
      entry.amount = event.amount;
      entry.refund = refund;
      const note = paymentNote(outcome, entry.late ?? false);
      if (note) entry.note = note;
      break;
    }
    case 'EXPIRE':
      if (Date.parse(event.at) < Date.parse(order.expiresAt)) return refuse('NOT_YET_DUE', 'The order has not reached its expiry time.');
      next = { ...before, status: 'EXPIRED' };
      outcome = 'EXPIRED';
      break;
    case 'CONFIRM':
      next = { ...before, status: 'CONFIRMED' };
      outcome = 'CONFIRMED';
      entry.by = event.by;
      break;
    case 'CANCEL':
      next = { ...before, status: 'CANCELLED' };
      outcome = 'CANCELLED';
      entry.by = event.by;
      entry.note = event.reason;
      break;
    case 'PAID_ON_PORTAL':
      next = { ...before, status: 'CANCELLED' };
      outcome = 'PAID_ON_PORTAL';
      entry.by = event.by;
      entry.note = `Paid on the national public-service portal, reference ${event.reference}.`;
      break;
    case 'CANCEL_RECEIPT':
      next = { ...before, status: before.refundDue > 0 ? 'OVERPAID' : 'PAID' };
      outcome = 'RECEIPT_CANCELLED';
      entry.by = event.by;
      entry.note = event.reason;
      break;
  }

  if (!rule.to.includes(next.status)) {
    // A defect, not an answer: the rules above and the table disagree.
    throw new Error(`order state machine: ${from} + ${event.type} computed ${next.status}, table allows ${rule.to.join('/')}`);
  }
  entry.to = next.status;
  return { ok: true, next, historyEntry: entry, outcome, refund };
}

/** An order as stored: the snapshot plus the version its writes are conditional on and its history. */
export interface VersionedOrder extends OrderSnapshot {
  version: number;
  history: readonly OrderEvent[];
}

export type Advanced<T extends VersionedOrder> =
  | { ok: true; order: T; historyEntry: OrderHistoryEntry; outcome: TransitionOutcome; refund: number }
  | Refusal;

/**
 * One step of an order, the only way an order moves: the event applied, the version
 * bumped and the history entry appended. The caller writes `order` conditional on the
 * version it read (and reads again when that fails); a refusal changes nothing.
 */
export function advance<T extends VersionedOrder>(order: T, event: OrderStateEvent): Advanced<T> {
  const applied = applyEvent(order, event);
  if (!applied.ok) return applied;
  const historyEntry = storedEntry(applied.historyEntry);
  const next = { ...order, ...applied.next, version: order.version + 1, history: [...order.history, historyEntry] } as T;
  return { ok: true, order: next, historyEntry, outcome: applied.outcome, refund: applied.refund };
}

/** A history entry as stored: without its undefined fields (DynamoDB refuses them). */
export function storedEntry(entry: OrderHistoryEntry): OrderHistoryEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as OrderHistoryEntry;
}
