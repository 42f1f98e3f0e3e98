/**
 * What every report counts by, pure: a Tally ({count, amount}), the payment sources, and
 * what a transfer means for the money (kept, covering its order, arrived unmatched).
 * Reports take records in and give figures out: no store, no clock (times are handed in),
 * so tests recompute any figure from the same records. Days are Vietnamese days (UTC+7);
 * money is integer VND. See docs/reports.md for the shapes and the caching rule.
 */
import type { PaymentSource, TransferRecord } from '../../../shared/transfer';
import type { Tally, TransactionLine } from '../../../shared/report-views';

export type { Tally, TransactionLine };

export const tally = (): Tally => ({ count: 0, amount: 0 });
export function add(t: Tally, amount: number): void {
  t.count += 1;
  t.amount += amount;
}
export const plus = (a: Tally, b: Tally): Tally => ({ count: a.count + b.count, amount: a.amount + b.amount });
export const minus = (a: Tally, b: Tally): Tally => ({ count: a.count - b.count, amount: a.amount - b.amount });
export const same = (a: Tally, b: Tally) => a.count === b.count && a.amount === b.amount;

export const SOURCES: readonly PaymentSource[] = ['payos', 'sepay', 'casso', 'cash'];
export const SOURCE_LABEL: Record<PaymentSource, string> = { payos: 'payOS', sepay: 'SePay', casso: 'Casso', cash: 'Tiền mặt' };

export const seconds = (fromIso: string, toIso: string) => Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));

/** Median of integers; the mean of the middle two (rounded) for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

// ---- Transfers ----------------------------------------------------------------------

/** Money kept towards fees: what a matched transfer paid, less the part owed back. */
export const kept = (t: TransferRecord) => (t.status === 'MATCHED' ? t.transfer.amount - t.refundDue : 0);
/** The transfer that brought its order's money up to the fee. */
export const covers = (t: TransferRecord) => t.status === 'MATCHED' && (t.outcome === 'PAID' || t.outcome === 'OVERPAID');
/** It matched no order on arrival (still unmatched, or matched by a clerk later). Cash never arrives unmatched. */
export const arrivedUnmatched = (t: TransferRecord) => t.transfer.provider !== 'cash' && (t.status === 'UNMATCHED' || (t.status === 'MATCHED' && Boolean(t.matchedBy)));

export function transactionLine(t: TransferRecord): TransactionLine {
  return {
    id: t.key,
    provider: t.transfer.provider,
    direction: t.transfer.direction,
    receivedAt: t.receivedAt,
    occurredAt: t.transfer.occurredAt,
    amount: t.transfer.amount,
    status: t.status,
    reason: t.reason ?? null,
    outcome: t.outcome ?? null,
    orderId: t.orderId ?? null,
    refundDue: t.refundDue,
    refunded: Boolean(t.refund),
    refundedAt: t.refund?.at ?? null,
    late: Boolean(t.late),
    matchedBy: t.matchedBy ?? null,
    memo: t.transfer.memo,
  };
}

/** Sorts by a text key (ISO times sort as text). */
export const byTime = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
