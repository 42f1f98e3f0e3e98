/**
 * The day's summary to the tax authority (form 01/TH-BLĐT; Decree 254/2026/NĐ-CP Art.
 * 29.3.b: sent on the day the receipts were made), as rows from the receipts on record.
 * Pure: the store's receipts in, the rows and the unsigned table out.
 *
 * - A receipt made that day is a new row; if it was also cancelled that day, the row says
 *   so (status cancelled, the reason as its explanation).
 * - A receipt made on an earlier day and cancelled this day is a row of this day's table
 *   that adjusts the earlier period (column 10), status cancelled.
 * - The summary of a day is what it was on that day: a cancellation on a later day belongs
 *   to that later day's table, so an old day's table never changes.
 */
import { buildDailySummaryXml, type DailySummary, type SummaryRow } from '../../../shared/e-receipt/summary-xml';
import { RECEIPT_TEMPLATE } from '../../../shared/receipt';
import { vietnamDate } from '../../../shared/time';
import type { StoredReceipt } from '../storage/store';

export interface SummaryInput {
  day: string;
  agency: { name: string; taxCode: string };
  /** Receipts issued that day (Vietnam time). */
  issued: readonly StoredReceipt[];
  /** Receipts whose cancellation is dated that day (whenever issued). */
  cancelled: readonly StoredReceipt[];
}

/** A receipt as a row of the table: its identity and fee, with what the row says of it. */
function rowOf(r: StoredReceipt, says: Pick<SummaryRow, 'status' | 'adjustedPeriod' | 'explanation'>): SummaryRow {
  const c = r.content as { feeName?: unknown; amount?: unknown; template?: unknown };
  return {
    template: (typeof c.template === 'string' ? c.template : RECEIPT_TEMPLATE) as SummaryRow['template'],
    symbol: r.symbol,
    number: r.number,
    issuedAt: r.issuedAt,
    feeName: typeof c.feeName === 'string' ? c.feeName : '',
    amount: typeof c.amount === 'number' ? c.amount : 0,
    ...says,
  };
}

const byNumber = (a: StoredReceipt, b: StoredReceipt) => (a.symbol === b.symbol ? a.number - b.number : a.symbol < b.symbol ? -1 : 1);

export function summaryRows(input: SummaryInput): SummaryRow[] {
  const rows = [...input.issued].sort(byNumber).map((r) =>
    r.status === 'CANCELLED' && r.cancellation && vietnamDate(r.cancellation.at) === input.day
      ? rowOf(r, { status: 'cancelled', explanation: r.cancellation.reason })
      : rowOf(r, { status: 'new' }),
  );
  for (const r of [...input.cancelled].sort(byNumber)) {
    const issuedDay = vietnamDate(r.issuedAt);
    if (issuedDay >= input.day || !r.cancellation) continue; // made today: already a row above
    rows.push(rowOf(r, { status: 'cancelled', adjustedPeriod: issuedDay, explanation: r.cancellation.reason }));
  }
  return rows;
}

/**
 * The summary table for the day. Its number is the day written as digits (20261203):
 * one table a day per organisation, so the day numbers it uniquely and in order without
 * a counter. An amendment would carry the same number with an amendment count (not built).
 */
export function dailySummary(input: SummaryInput, madeAt: Date): DailySummary {
  return {
    day: input.day,
    summaryNumber: Number(input.day.replace(/-/g, '')),
    firstTime: true,
    organisation: { name: input.agency.name, taxCode: input.agency.taxCode },
    madeAt: madeAt.toISOString(),
    rows: summaryRows(input),
  };
}

export const dailySummaryXml = (input: SummaryInput, madeAt: Date): string => buildDailySummaryXml(dailySummary(input, madeAt));
