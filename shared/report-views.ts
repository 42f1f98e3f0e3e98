/**
 * The reports' JSON, as types (docs/reports.md describes each field and the rules behind
 * it): the daily reconciliation of one agency and the dashboard of the agencies in scope. The report
 * routes answer these and the staff pages read them. Types only, and the files a report
 * downloads as.
 *
 * Days are Vietnamese days (UTC+7); money is integer VND; every {count, amount} pair is a
 * Tally.
 */
import type { ReceiptStatus } from './receipt';
import type { VIETNAM_TIME_ZONE } from './time';
import type { PaymentSource, TransferStatus } from './transfer';
import type { RefundState } from './refund';

/** How many transfers (or receipts) and how much money. */
export interface Tally {
  count: number;
  amount: number;
}

/** One transfer as a line of the report (nulls rather than absent fields, so JSON and CSV line up). */
export interface TransactionLine {
  id: string;
  provider: PaymentSource;
  direction: 'in' | 'out';
  receivedAt: string;
  occurredAt: string;
  amount: number;
  status: TransferStatus;
  reason: string | null;
  outcome: string | null;
  orderId: string | null;
  refundDue: number;
  refunded: boolean;
  refundedAt: string | null;
  late: boolean;
  matchedBy: string | null;
  memo: string;
}

export interface ProviderRow {
  provider: PaymentSource;
  label: string;
  received: Tally;
  incoming: Tally;
  outgoing: Tally;
  matched: Tally;
  unmatched: Tally;
  ignored: Tally;
}

export interface ReceiptSeries {
  template: string;
  symbol: string;
  first: number;
  last: number;
  count: number;
  /** The number of the agency's last receipt of this symbol before the day (null: none). */
  previous: number | null;
  /** Numbers between the first and the last that no receipt of the day carries. */
  gaps: number[];
  /** The day's first number follows the previous one (or is 1 for a new symbol). */
  continuous: boolean;
}

export interface ReceiptLine {
  id: string;
  template: string;
  symbol: string;
  number: number;
  issuedAt: string;
  amount: number;
  orderId: string;
  paymentMethod: string | null;
  status: ReceiptStatus;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface Check {
  code: 'TRANSFERS_TIE_OUT' | 'PROVIDERS_TIE_OUT' | 'MONEY_TIES_OUT' | 'RECEIPTS_GAPLESS' | 'RECEIPTS_CONTINUOUS';
  ok: boolean;
  label: string;
  detail: string;
}

/** GET /api/staff/reports/daily: everything recorded for one agency on one day, as it stands now. */
/** One order closed as paid on the national portal, as the day report lists it. */
export interface PortalClosing {
  orderId: string;
  dossierCode: string | null;
  amount: number;
  reference: string;
  at: string;
  by: string;
}

export interface DailyReport {
  report: 'daily-reconciliation';
  date: string;
  timeZone: typeof VIETNAM_TIME_ZONE;
  /** The day's bounds in UTC: [from, to). */
  window: { from: string; to: string };
  generatedAt: string;
  /** The day is over: nothing new can be recorded in it (amendments can still happen). */
  closed: boolean;
  agency: { id: string; name: string };
  totals: { received: Tally; matched: Tally; unmatched: Tally; ignored: Tally; difference: Tally; tiesOut: boolean };
  byProvider: ProviderRow[];
  direction: { incoming: Tally; outgoing: Tally };
  /** Matched transfers by what they did to their order (transfer amounts). */
  outcomes: { paid: Tally; overpaid: Tally; underpaid: Tally; duplicate: Tally; toCancelled: Tally };
  /** Orders fully paid by a transfer of the day (amount: those transfers), of which late; confirmed = receipts issued (fees). */
  orders: { paid: Tally; paidLate: Tally; confirmed: Tally };
  /** Money kept towards fees (matched amount less refund due). */
  /**
   * Orders closed during the day as paid on the national public-service portal (issue 14,
   * item 6): counted apart, never as money received here (no transfer, no receipt).
   */
  paidOnPortal: { count: number; amount: number; items: PortalClosing[] };
  collected: { total: Tally; cashless: Tally; cash: Tally };
  cash: Tally;
  receipts: {
    issued: Tally;
    valid: Tally;
    cancelled: Tally;
    series: ReceiptSeries[];
    gapless: boolean;
    items: ReceiptLine[];
    cancelledOnDay: ReceiptLine[];
  };
  unmatched: Tally & { items: TransactionLine[] };
  /** byState: the day's refunds due by where they stand now: REQUESTED → SENT → CONFIRMED (shared/refund.ts). */
  refunds: { due: Tally; refunded: Tally; outstanding: Tally; byState: Record<RefundState, Tally>; recordedOnDay: Tally & { items: TransactionLine[] } };
  backlog: { unmatched: Tally; refundDue: Tally };
  checks: Check[];
  transactions: TransactionLine[];
}

/** One agency's figures over the dashboard's period (or all the agencies in scope together). */
export interface AgencyFigures {
  agencyId: string | null;
  agencyName: string;
  collected: { cashless: Tally; cash: Tally; total: Tally; cashlessShare: number | null };
  orders: {
    created: number;
    amount: number;
    paid: number;
    paidLate: number;
    confirmed: number;
    byProcedure: { procedureCode: string; procedureName: string; count: number; amount: number }[];
  };
  timing: { orderToPayment: { count: number; medianSeconds: number | null }; paymentToConfirmation: { count: number; medianSeconds: number | null } };
  volunteers: { assistedOrders: number; volunteers: number; byVolunteer: { username: string; orders: number }[] };
  transfers: {
    incoming: Tally;
    bankIncoming: number;
    unmatchedOnArrival: number;
    unmatchedRate: number | null;
    unmatchedNow: Tally;
    refundDue: Tally;
    refunded: Tally;
    refundRate: number | null;
    ignored: number;
  };
  receipts: { issued: Tally; cancelled: number };
}

/** GET /api/staff/reports/dashboard: the figures of the agencies in scope for a period, by agency and day by day. */
export interface Dashboard {
  report: 'dashboard';
  from: string;
  to: string;
  days: number;
  timeZone: typeof VIETNAM_TIME_ZONE;
  generatedAt: string;
  agencies: AgencyFigures[];
  total: AgencyFigures;
  /** All agencies of the answer together, day by day (for charts). */
  daily: { date: string; cashless: number; cash: number; ordersCreated: number; paid: number }[];
  /** Where the agency-days came from: stored summaries, computed now and stored, or live (the day is still open). */
  source: { cached: number; computed: number; live: number };
}

/**
 * The files a report downloads as (docs/reports.md): `?format=csv` (RFC 4180, UTF-8, for
 * programs; with `&dialect=excel`, UTF-16LE and tabs, which Excel opens in columns in any
 * regional settings) or `?format=xlsx`; or the same by Accept.
 */
export const REPORT_FILE_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ReportFileFormat = keyof typeof REPORT_FILE_TYPES;
