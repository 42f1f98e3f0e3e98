/**
 * The daily summary table to the tax authority (form 01/TH-BLĐT, Circular 91/2026/TT-BTC):
 * Decree 254/2026/NĐ-CP, Art. 29.3.b has an organisation that sends receipt data as a
 * summary send it on the day the receipts were made (after an outage, within 3 working
 * days of the fix, Art. 27.3). Header [01] period, [02] first time, [03] amendment number,
 * [04] organisation, [05] tax code, with the summary's number and currency; then one row
 * per receipt with the thirteen columns of docs/e-receipts.md. Signed like a receipt.
 *
 * Element names come from ./names.ts; ./schemas/daily-summary.xsd describes the result.
 */
import * as z from 'zod';
import { vietnamDate } from '../time';
import * as f from './fields';
import { COMMON, DATA_ID, ID_ATTRIBUTE, SUMMARY, VALUES } from './names';
import { identityLeaves, unsignedSignatures, type ReceiptIdentity } from './receipt-xml';
import { document, element, leaf } from './xml-writer';

export type SummaryStatus = keyof typeof VALUES.summaryStatus;
const SUMMARY_STATUSES = Object.keys(VALUES.summaryStatus) as [SummaryStatus, ...SummaryStatus[]];

/** One receipt in the summary: columns (2) to (13), (2)-(5) its identity; (1) is its position. */
export interface SummaryRow extends ReceiptIdentity {
  /** (6) the kind of fee or charge. */
  feeName: string;
  /** (7) whole VND. */
  amount: number;
  /** (8) only for a currency other than VND; receipts here are VND, so normally absent. */
  exchangeRate?: number;
  /** (9) */
  status: SummaryStatus;
  /** (10) the period (YYYY-MM-DD) of the data this row adjusts. */
  adjustedPeriod?: string;
  /** (11) the receipt this one replaces or adjusts. */
  related?: Omit<ReceiptIdentity, 'issuedAt'>;
  /** (12) */
  explanation?: string;
  /** (13) */
  note?: string;
}

export interface DailySummary {
  /** [01] the Vietnam date the receipts were made. */
  day: string;
  /** The summary's own number (its sequence for this organisation). */
  summaryNumber: number;
  /** [02] true the first time this day is sent; false for an amendment. */
  firstTime: boolean;
  /** [03] the amendment number, from 1; only when firstTime is false. */
  amendment?: number;
  /** [04] and [05] */
  organisation: { name: string; taxCode: string };
  /** When the table was made (ISO 8601). */
  madeAt: string;
  rows: SummaryRow[];
}

export const dailySummarySchema = z
  .strictObject({
    day: f.calendarDate,
    summaryNumber: z.number().int().min(1).max(99_999_999),
    firstTime: z.boolean(),
    amendment: z.number().int().min(1).max(999).optional(),
    organisation: z.strictObject({ name: f.text(400), taxCode: f.organisationTaxCode }),
    madeAt: f.instant,
    rows: z
      .array(
        f.receiptIdentity.extend({
          feeName: f.text(500),
          amount: f.amount,
          exchangeRate: z.number().positive().max(1e9).optional(),
          status: z.enum(SUMMARY_STATUSES),
          adjustedPeriod: f.calendarDate.optional(),
          related: f.receiptIdentity.omit({ issuedAt: true }).optional(),
          explanation: f.text(500).optional(),
          note: f.text(500).optional(),
        }),
      )
      .max(1_000_000),
  })
  .superRefine((s, ctx) => {
    if (s.firstTime === (s.amendment !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amendment'], message: 'an amendment number goes with an amendment, and only with one' });
    }
    s.rows.forEach((row, i) => {
      if (vietnamDate(row.issuedAt) !== s.day && row.status === 'new') {
        ctx.addIssue({ code: 'custom', path: ['rows', i, 'issuedAt'], message: `a new receipt in the summary of ${s.day} must have been made that day` });
      }
    });
  });

/** The summary's XML, unsigned. Throws RangeError when the input breaks a rule. */
export function buildDailySummaryXml(input: DailySummary): string {
  const s = f.parseOrThrow(dailySummarySchema, input, 'daily summary');
  const general = element(COMMON.general, [
    leaf(COMMON.version, VALUES.formatVersion),
    leaf(COMMON.form, VALUES.summaryForm),
    leaf(SUMMARY.title, VALUES.summaryTitle),
    leaf(SUMMARY.summaryNumber, s.summaryNumber),
    leaf(SUMMARY.periodKind, VALUES.dailyPeriodKind),
    leaf(SUMMARY.period, s.day),
    leaf(SUMMARY.firstTime, s.firstTime ? 1 : 0),
    leaf(SUMMARY.amendment, s.amendment),
    leaf(COMMON.dateMade, vietnamDate(s.madeAt)),
    leaf(COMMON.organisationName, s.organisation.name),
    leaf(COMMON.taxCode, s.organisation.taxCode),
    leaf(COMMON.currency, VALUES.currency),
  ]);
  const rows = s.rows.map((row, i) =>
    element(SUMMARY.row, [
      leaf(SUMMARY.rowNo, i + 1),
      ...identityLeaves(row),
      leaf(SUMMARY.feeName, row.feeName),
      leaf(SUMMARY.amount, row.amount),
      leaf(SUMMARY.exchangeRate, row.exchangeRate),
      leaf(SUMMARY.status, VALUES.summaryStatus[row.status]),
      leaf(SUMMARY.adjustedPeriod, row.adjustedPeriod),
      leaf(SUMMARY.relatedTemplate, row.related?.template),
      leaf(SUMMARY.relatedSymbol, row.related?.symbol),
      leaf(SUMMARY.relatedNumber, row.related?.number),
      leaf(SUMMARY.explanation, row.explanation),
      leaf(COMMON.note, row.note),
    ]),
  );
  const content = element(SUMMARY.content, [element(SUMMARY.rows, rows)]);
  return document(element(SUMMARY.root, [element(SUMMARY.data, [general, content], { [ID_ATTRIBUTE]: DATA_ID }), unsignedSignatures()]));
}
