/**
 * What the pay page says about an order, and how soon it looks again. Pure, so the
 * rules sit in one place: the words for each status, whether the QR may still be
 * paid, and the polling pace.
 */
import type { MessageKey, Params } from '../i18n';
import type { PublicOrder } from './api';
import { formatVnd } from './format';
import { formatReceiptNumber, receiptPagePath, tokenFromUrl } from './receipt-view';

export type ViewKind = 'PENDING' | 'PAID' | 'CONFIRMED' | 'UNDERPAID' | 'OVERPAID' | 'EXPIRED' | 'CANCELLED' | 'LATE';

export interface OrderView {
  kind: ViewKind;
  headline: MessageKey;
  next: MessageKey;
  params: Params;
  /** Show the QR and the transfer details (only while money is still due). */
  payable: boolean;
  /** Amount still to transfer (the whole amount, or what is left when underpaid). */
  due: number;
  /** Tone for colour and icon. */
  tone: 'wait' | 'ok' | 'warn' | 'stop';
  /** Link to the printable electronic receipt page, when issued. */
  receiptUrl: string | null;
  receiptNumber: string | null;
  /** Offer "create a new order". */
  offerNewOrder: boolean;
  /** Milliseconds until the next look, or null to stop. */
  pollMs: number | null;
}

/** Waiting on the citizen's transfer: look often, "Đã thanh toán" must show within 3 s. */
export const FAST_POLL_MS = 2_000;
/** Waiting on a clerk (receipt, refund) or a late transfer: no hurry. */
export const SLOW_POLL_MS = 15_000;
/** After expiry, keep watching this long for a transfer already under way. */
export const LATE_WATCH_MS = 30 * 60_000;

function kindOf(order: PublicOrder): ViewKind {
  const paid = order.paidAmount ?? 0;
  if (order.status === 'CONFIRMED') return 'CONFIRMED';
  // A transfer that arrived after expiry is recorded: the API marks it `paidLate`, or
  // leaves the order EXPIRED with money on it.
  if (order.paidLate === true || (order.status === 'EXPIRED' && paid > 0)) return 'LATE';
  switch (order.status) {
    case 'PAID':
    case 'UNDERPAID':
    case 'OVERPAID':
    case 'EXPIRED':
    case 'CANCELLED':
      return order.status;
    default:
      return 'PENDING';
  }
}

export function orderView(order: PublicOrder, now: number = Date.now()): OrderView {
  const kind = kindOf(order);
  const paid = order.paidAmount ?? 0;
  const amount = order.amount;
  const left = Math.max(0, amount - paid);
  const params: Params = {
    amount: formatVnd(amount),
    paid: formatVnd(paid),
    left: formatVnd(left),
    extra: formatVnd(Math.max(0, paid - amount)),
    reference: order.reference ?? order.id,
    memo: order.vietqr?.memo ?? order.reference ?? '',
  };
  // The API's verifyUrl is its JSON check; people get the receipt page, which shows,
  // prints and checks the same signed receipt.
  const receiptToken = order.receipt?.status === 'CANCELLED' ? null : tokenFromUrl(order.receipt?.verifyUrl);
  const receiptUrl = receiptToken ? receiptPagePath(receiptToken) : null;
  const n = order.receipt?.number;
  const receiptNumber = n === undefined ? null : typeof n === 'number' ? formatReceiptNumber(n) : n;
  if (receiptNumber) params.number = receiptNumber;

  const base = { kind, params, receiptUrl, receiptNumber, due: amount, payable: false, offerNewOrder: false };
  switch (kind) {
    case 'PENDING':
      return { ...base, headline: 'status.PENDING', next: 'status.PENDING.next', payable: true, tone: 'wait', pollMs: FAST_POLL_MS };
    case 'UNDERPAID':
      return { ...base, headline: 'status.UNDERPAID', next: 'status.UNDERPAID.next', payable: true, due: left, tone: 'warn', pollMs: FAST_POLL_MS };
    case 'PAID':
      return { ...base, headline: 'status.PAID', next: 'status.PAID.next', tone: 'ok', pollMs: SLOW_POLL_MS };
    case 'CONFIRMED':
      return { ...base, headline: 'status.CONFIRMED', next: receiptUrl ? 'status.CONFIRMED.next' : 'status.CONFIRMED.noReceipt', tone: 'ok', pollMs: receiptUrl ? null : SLOW_POLL_MS };
    case 'OVERPAID':
      return { ...base, headline: 'status.OVERPAID', next: 'status.OVERPAID.next', tone: 'warn', pollMs: SLOW_POLL_MS };
    case 'LATE':
      return { ...base, headline: 'status.LATE', next: 'status.LATE.next', tone: 'warn', pollMs: SLOW_POLL_MS };
    case 'EXPIRED': {
      const expiredAt = order.expiresAt ? Date.parse(order.expiresAt) : NaN;
      const watching = Number.isFinite(expiredAt) && now - expiredAt < LATE_WATCH_MS;
      return { ...base, headline: 'status.EXPIRED', next: 'status.EXPIRED.next', tone: 'stop', offerNewOrder: true, pollMs: watching ? SLOW_POLL_MS : null };
    }
    case 'CANCELLED':
      return { ...base, headline: 'status.CANCELLED', next: 'status.CANCELLED.next', tone: 'stop', offerNewOrder: true, pollMs: null };
  }
}
