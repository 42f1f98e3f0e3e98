/**
 * Reports, pure: the daily reconciliation of one agency, the receipt register for the tax
 * authority (form 01/TH-BLĐT), the per-agency-per-day summary the district dashboard is
 * merged from, and their CSV. Records come in, figures go out: no store, no clock (times
 * are handed in), so tests recompute any figure from the same records.
 *
 * Days are Vietnamese days (UTC+7); money is integer VND; every {count, amount} pair is a
 * Tally. See docs/reports.md for the shapes and the caching rule.
 */
import type { FeeOrder } from '../../shared/order';
import { formatReceiptNumber } from '../../shared/receipt';
import { daysBetween, vietnamDate, vietnamDayBounds, vnDateTime, vnDay, VIETNAM_TIME_ZONE } from '../../shared/time';
import type { PaymentSource, TransferRecord } from '../../shared/transfer';
import type { StoredReceipt } from './storage/store';


/** How many transfers (or receipts) and how much money. */
export interface Tally {
  count: number;
  amount: number;
}

const tally = (): Tally => ({ count: 0, amount: 0 });
function add(t: Tally, amount: number): void {
  t.count += 1;
  t.amount += amount;
}
const plus = (a: Tally, b: Tally): Tally => ({ count: a.count + b.count, amount: a.amount + b.amount });
const minus = (a: Tally, b: Tally): Tally => ({ count: a.count - b.count, amount: a.amount - b.amount });
const same = (a: Tally, b: Tally) => a.count === b.count && a.amount === b.amount;

export const SOURCES: readonly PaymentSource[] = ['payos', 'sepay', 'casso', 'cash'];
export const SOURCE_LABEL: Record<PaymentSource, string> = { payos: 'payOS', sepay: 'SePay', casso: 'Casso', cash: 'Tiền mặt' };

const seconds = (fromIso: string, toIso: string) => Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));

/** Median of integers; the mean of the middle two (rounded) for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

// ---- Transfers ----------------------------------------------------------------------

/** Money kept towards fees: what a matched transfer paid, less the part owed back. */
const kept = (t: TransferRecord) => (t.status === 'MATCHED' ? t.transfer.amount - t.refundDue : 0);
/** The transfer that brought its order's money up to the fee. */
const covers = (t: TransferRecord) => t.status === 'MATCHED' && (t.outcome === 'PAID' || t.outcome === 'OVERPAID');
/** It matched no order on arrival (still unmatched, or matched by a clerk later). Cash never arrives unmatched. */
const arrivedUnmatched = (t: TransferRecord) => t.transfer.provider !== 'cash' && (t.status === 'UNMATCHED' || (t.status === 'MATCHED' && Boolean(t.matchedBy)));

/** One transfer as a line of the report (nulls rather than absent fields, so JSON and CSV line up). */
export interface TransactionLine {
  id: string;
  provider: PaymentSource;
  direction: 'in' | 'out';
  receivedAt: string;
  occurredAt: string;
  amount: number;
  status: TransferRecord['status'];
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

// ---- Daily reconciliation -----------------------------------------------------------

export interface DailyInput {
  agency: { id: string; name: string };
  date: string;
  generatedAt: string;
  /** Every transfer recorded for the agency during the day (by receivedAt). */
  transfers: readonly TransferRecord[];
  /** Receipts issued by the agency during the day (by issuedAt). */
  receipts: readonly StoredReceipt[];
  /** The agency's last receipt issued before the day, if any: the day's numbers continue from it. */
  previousReceipt?: StoredReceipt;
  /** Receipts (of any day) cancelled during the day. */
  cancelledOnDay: readonly StoredReceipt[];
  /** Transfers (of any day) whose refund was recorded during the day. */
  refundedOnDay: readonly TransferRecord[];
  /** What is still open, all days together. */
  backlog: { unmatched: readonly TransferRecord[]; refundDue: readonly TransferRecord[] };
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
  status: StoredReceipt['status'];
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface Check {
  code: 'TRANSFERS_TIE_OUT' | 'PROVIDERS_TIE_OUT' | 'MONEY_TIES_OUT' | 'RECEIPTS_GAPLESS' | 'RECEIPTS_CONTINUOUS';
  ok: boolean;
  label: string;
  detail: string;
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
  refunds: { due: Tally; refunded: Tally; outstanding: Tally; recordedOnDay: Tally & { items: TransactionLine[] } };
  backlog: { unmatched: Tally; refundDue: Tally };
  checks: Check[];
  transactions: TransactionLine[];
}

function receiptLine(r: StoredReceipt): ReceiptLine {
  const c = r.content as { template?: string; amount?: number; paymentMethod?: string };
  return {
    id: r.id,
    template: c.template ?? 'EBL01',
    symbol: r.symbol,
    number: r.number,
    issuedAt: r.issuedAt,
    amount: typeof c.amount === 'number' ? c.amount : 0,
    orderId: r.orderId,
    paymentMethod: c.paymentMethod ?? null,
    status: r.status,
    cancelledAt: r.cancellation?.at ?? null,
    cancelReason: r.cancellation?.reason ?? null,
  };
}

const byTime = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function dailyReport(input: DailyInput): DailyReport {
  const { start, end } = vietnamDayBounds(input.date);
  const transfers = [...input.transfers].sort(byTime((t) => `${t.receivedAt}#${t.key}`));

  const received = tally();
  const status = { MATCHED: tally(), UNMATCHED: tally(), IGNORED: tally() };
  const rows = new Map<PaymentSource, ProviderRow>(
    SOURCES.map((p) => [p, { provider: p, label: SOURCE_LABEL[p], received: tally(), incoming: tally(), outgoing: tally(), matched: tally(), unmatched: tally(), ignored: tally() }]),
  );
  const direction = { incoming: tally(), outgoing: tally() };
  const outcomes = { paid: tally(), overpaid: tally(), underpaid: tally(), duplicate: tally(), toCancelled: tally() };
  const outcomeKey: Record<string, keyof typeof outcomes> = { PAID: 'paid', OVERPAID: 'overpaid', UNDERPAID: 'underpaid', DUPLICATE_PAYMENT: 'duplicate', PAYMENT_TO_CANCELLED: 'toCancelled' };
  const orders = { paid: tally(), paidLate: tally(), confirmed: tally() };
  const collected = { total: tally(), cashless: tally(), cash: tally() };
  const cash = tally();
  const unmatched = tally();
  const refunds = { due: tally(), refunded: tally() };
  let matchedRefundDue = 0;

  for (const t of transfers) {
    const amount = t.transfer.amount;
    add(received, amount);
    // An unknown status (none today) lands in no bucket: the difference below shows it.
    const bucket = (status as Record<string, Tally>)[t.status];
    if (bucket) add(bucket, amount);
    let row = rows.get(t.transfer.provider);
    if (!row) {
      row = { provider: t.transfer.provider, label: t.transfer.provider, received: tally(), incoming: tally(), outgoing: tally(), matched: tally(), unmatched: tally(), ignored: tally() };
      rows.set(t.transfer.provider, row);
    }
    add(row.received, amount);
    add(t.transfer.direction === 'out' ? row.outgoing : row.incoming, amount);
    add(t.transfer.direction === 'out' ? direction.outgoing : direction.incoming, amount);
    if (t.status === 'MATCHED') add(row.matched, amount);
    else if (t.status === 'UNMATCHED') add(row.unmatched, amount);
    else if (t.status === 'IGNORED') add(row.ignored, amount);

    if (t.status === 'MATCHED') {
      const o = outcomeKey[t.outcome ?? ''];
      if (o) add(outcomes[o], amount);
      if (covers(t)) {
        add(orders.paid, amount);
        if (t.late) add(orders.paidLate, amount);
      }
      add(collected.total, kept(t));
      add(t.transfer.provider === 'cash' ? collected.cash : collected.cashless, kept(t));
      matchedRefundDue += t.refundDue;
      if (t.transfer.provider === 'cash') add(cash, amount);
    }
    if (t.status === 'UNMATCHED') add(unmatched, amount);
    if (t.refundDue > 0) {
      add(refunds.due, t.refundDue);
      if (t.refund) add(refunds.refunded, t.refundDue);
    }
  }
  const sumStatus = plus(plus(status.MATCHED, status.UNMATCHED), status.IGNORED);
  const difference = minus(received, sumStatus);
  const tiesOut = same(difference, tally());
  const providerSum = [...rows.values()].reduce((s, r) => plus(s, r.received), tally());

  // Receipts: numbers per symbol must run on without a gap, from the previous day's last.
  const receipts = [...input.receipts].sort((a, b) => (a.symbol === b.symbol ? a.number - b.number : a.symbol < b.symbol ? -1 : 1));
  const issued = tally();
  const valid = tally();
  const cancelled = tally();
  const series: ReceiptSeries[] = [];
  for (const r of receipts) {
    const line = receiptLine(r);
    add(issued, line.amount);
    add(r.status === 'CANCELLED' ? cancelled : valid, line.amount);
    add(orders.confirmed, line.amount);
  }
  for (const symbol of [...new Set(receipts.map((r) => r.symbol))]) {
    const numbers = receipts.filter((r) => r.symbol === symbol).map((r) => r.number);
    const first = numbers[0]!;
    const last = numbers[numbers.length - 1]!;
    const have = new Set(numbers);
    const gaps: number[] = [];
    // Bounded: a broken counter must not make the report itself enormous.
    for (let n = first + 1; n < last && gaps.length < 1000; n++) if (!have.has(n)) gaps.push(n);
    const previous = input.previousReceipt && input.previousReceipt.symbol === symbol ? input.previousReceipt.number : null;
    series.push({
      template: receiptLine(receipts.find((r) => r.symbol === symbol)!).template,
      symbol,
      first,
      last,
      count: have.size,
      previous,
      gaps,
      continuous: first === (previous ?? 0) + 1,
    });
  }
  const gapless = series.every((s) => s.gaps.length === 0 && s.count === numbersCount(receipts, s.symbol));

  const recordedOnDay = tally();
  const refundedLines = [...input.refundedOnDay].sort(byTime((t) => t.refund?.at ?? '')).map(transactionLine);
  for (const t of input.refundedOnDay) add(recordedOnDay, t.refundDue);
  const backlog = { unmatched: tally(), refundDue: tally() };
  for (const t of input.backlog.unmatched) add(backlog.unmatched, t.transfer.amount);
  for (const t of input.backlog.refundDue) add(backlog.refundDue, t.refundDue);

  const fmt = (t: Tally) => `${t.count} giao dịch, ${t.amount} đồng`;
  const checks: Check[] = [
    {
      code: 'TRANSFERS_TIE_OUT',
      ok: tiesOut,
      label: 'Nhận được = đã khớp + chưa khớp + bỏ qua',
      detail: tiesOut ? `Khớp: ${fmt(received)}` : `Chênh lệch ${fmt(difference)}`,
    },
    {
      code: 'PROVIDERS_TIE_OUT',
      ok: same(providerSum, received),
      label: 'Tổng theo nguồn = tổng nhận được',
      detail: `${fmt(providerSum)} / ${fmt(received)}`,
    },
    {
      code: 'MONEY_TIES_OUT',
      ok: status.MATCHED.amount === collected.total.amount + matchedRefundDue,
      label: 'Đã khớp = thu phí + phải hoàn',
      detail: `${status.MATCHED.amount} = ${collected.total.amount} + ${matchedRefundDue}`,
    },
    {
      code: 'RECEIPTS_GAPLESS',
      ok: gapless,
      label: 'Số biên lai liên tục, không trùng, không bỏ số',
      detail: gapless ? `${issued.count} biên lai` : `Thiếu số: ${series.flatMap((s) => s.gaps.map((n) => `${s.symbol}-${n}`)).join(', ')}`,
    },
    {
      code: 'RECEIPTS_CONTINUOUS',
      ok: series.every((s) => s.continuous),
      label: 'Số đầu ngày nối tiếp số cuối của ngày trước',
      detail: series.map((s) => `${s.symbol}: trước ${s.previous ?? '—'}, đầu ngày ${s.first}`).join('; ') || 'Không có biên lai',
    },
  ];

  const lines = transfers.map(transactionLine);
  return {
    report: 'daily-reconciliation',
    date: input.date,
    timeZone: VIETNAM_TIME_ZONE,
    window: { from: start, to: end },
    generatedAt: input.generatedAt,
    closed: Date.parse(input.generatedAt) >= Date.parse(end),
    agency: { id: input.agency.id, name: input.agency.name },
    totals: { received, matched: status.MATCHED, unmatched: status.UNMATCHED, ignored: status.IGNORED, difference, tiesOut },
    byProvider: [...rows.values()],
    direction,
    outcomes,
    orders,
    collected,
    cash,
    receipts: {
      issued,
      valid,
      cancelled,
      series,
      gapless,
      items: receipts.map(receiptLine),
      cancelledOnDay: [...input.cancelledOnDay].sort(byTime((r) => r.cancellation?.at ?? '')).map(receiptLine),
    },
    unmatched: { ...unmatched, items: lines.filter((l) => l.status === 'UNMATCHED') },
    refunds: { due: refunds.due, refunded: refunds.refunded, outstanding: minus(refunds.due, refunds.refunded), recordedOnDay: { ...recordedOnDay, items: refundedLines } },
    backlog,
    checks,
    transactions: lines,
  };
}

/** Receipts of a symbol, counting a duplicated number twice (so a reused number is caught too). */
function numbersCount(receipts: readonly StoredReceipt[], symbol: string): number {
  return receipts.filter((r) => r.symbol === symbol).length;
}

// ---- Receipt register (form 01/TH-BLĐT) -----------------------------------------------

export const REGISTER_FORM = '01/TH-BLĐT';
export const REGISTER_TITLE = 'BẢNG TỔNG HỢP DỮ LIỆU BIÊN LAI ĐIỆN TỬ';

export interface RegisterLine {
  no: number;
  template: string;
  symbol: string;
  number: number;
  /** The number as printed, 8 digits. */
  numberText: string;
  issuedAt: string;
  /** The date of issue, Vietnam time, YYYY-MM-DD. */
  issuedDate: string;
  payerName: string | null;
  feeName: string;
  procedureCode: string | null;
  amount: number;
  paymentMethod: 'bank_transfer' | 'cash' | null;
  status: StoredReceipt['status'];
  cancelledAt: string | null;
  cancelReason: string | null;
  orderId: string;
  reference: string | null;
}

export interface ReceiptRegister {
  report: 'receipt-register';
  form: typeof REGISTER_FORM;
  title: typeof REGISTER_TITLE;
  date: string;
  timeZone: typeof VIETNAM_TIME_ZONE;
  generatedAt: string;
  agency: { id: string; name: string; taxCode: string; address: string };
  items: RegisterLine[];
  totals: { count: number; valid: Tally; cancelled: Tally };
}

export function receiptRegister(input: { agency: { id: string; name: string; taxCode: string; address: string }; date: string; generatedAt: string; receipts: readonly StoredReceipt[] }): ReceiptRegister {
  const receipts = [...input.receipts].sort((a, b) => (a.symbol === b.symbol ? a.number - b.number : a.symbol < b.symbol ? -1 : 1));
  const valid = tally();
  const cancelled = tally();
  const items = receipts.map((r, i): RegisterLine => {
    const c = r.content as { template?: string; feeName?: string; procedureCode?: string; amount?: number; payer?: { name?: string }; paymentMethod?: 'bank_transfer' | 'cash'; reference?: string };
    const amount = typeof c.amount === 'number' ? c.amount : 0;
    add(r.status === 'CANCELLED' ? cancelled : valid, amount);
    return {
      no: i + 1,
      template: c.template ?? 'EBL01',
      symbol: r.symbol,
      number: r.number,
      numberText: formatReceiptNumber(r.number),
      issuedAt: r.issuedAt,
      issuedDate: vietnamDate(r.issuedAt),
      payerName: c.payer?.name ?? null,
      feeName: c.feeName ?? '',
      procedureCode: c.procedureCode ?? null,
      amount,
      paymentMethod: c.paymentMethod ?? null,
      status: r.status,
      cancelledAt: r.cancellation?.at ?? null,
      cancelReason: r.cancellation?.reason ?? null,
      orderId: r.orderId,
      reference: c.reference ?? null,
    };
  });
  return {
    report: 'receipt-register',
    form: REGISTER_FORM,
    title: REGISTER_TITLE,
    date: input.date,
    timeZone: VIETNAM_TIME_ZONE,
    generatedAt: input.generatedAt,
    agency: input.agency,
    items,
    totals: { count: items.length, valid, cancelled },
  };
}

// ---- Day summaries and the dashboard --------------------------------------------------

/**
 * One agency's day, as the dashboard needs it, computed from the records homed on that day
 * (orders created, transfers received, receipts issued) and, for the two durations, the
 * orders those transfers paid and those receipts confirmed. Every figure here is either an
 * immutable fact of those records or one of the amendments counted in `amended`, so a closed
 * day's summary stays true until `amended` no longer matches (see docs/reports.md).
 */
export interface DaySummary {
  agencyId: string;
  day: string;
  orders: {
    created: number;
    /** Fees of the orders created. */
    amount: number;
    /** Created at the counter by a volunteer on a citizen's behalf. */
    assisted: number;
    /** By procedure code (names come from the catalogue when merged: a stored day stays small). */
    byProcedure: Record<string, { count: number; amount: number }>;
    byVolunteer: Record<string, number>;
  };
  /** Orders whose fee was covered by a transfer of the day, and of those, late. */
  paid: number;
  paidLate: number;
  /** Money kept towards fees from the day's transfers. */
  collected: { cashless: Tally; cash: Tally };
  transfers: {
    /** Incoming money that reached the agency (matched or unmatched; cash included). */
    incoming: Tally;
    /** Incoming bank transfers (aggregator notifications). */
    bankIncoming: number;
    unmatchedOnArrival: number;
    unmatchedNow: Tally;
    refundDue: Tally;
    refunded: Tally;
    ignored: number;
  };
  receipts: { issued: Tally; cancelled: number };
  /** Seconds; order→payment by the day of payment, payment→confirmation by the day of confirmation. */
  durations: { orderToPayment: number[]; paymentToConfirmation: number[] };
  /** What staff can still change in the day's records, counted: the staleness fingerprint. */
  fingerprint: Fingerprint;
}

/**
 * After a day closes, its records change only by staff: an unmatched transfer matched by
 * hand (leaves the unmatched index), a refund paid back (leaves the refund-due index), a
 * receipt cancelled (enters the cancelled index). The first two counts only ever fall
 * (a hand match may add a refund due, but then the unmatched count has fallen for good)
 * and the third only rises, so equal counts mean nothing changed; and they are read
 * from indexes holding just the open (or cancelled) items, not the whole day.
 */
export interface Fingerprint {
  unmatchedOpen: number;
  refundOpen: number;
  receiptsCancelled: number;
}

export function fingerprintOf(transfers: readonly TransferRecord[], receipts: readonly StoredReceipt[]): Fingerprint {
  return {
    unmatchedOpen: transfers.filter((t) => t.status === 'UNMATCHED').length,
    refundOpen: transfers.filter((t) => t.refundDue > 0 && !t.refund).length,
    receiptsCancelled: receipts.filter((r) => r.status === 'CANCELLED').length,
  };
}

export const sameFingerprint = (a: Fingerprint | undefined, b: Fingerprint) =>
  a !== undefined && a.unmatchedOpen === b.unmatchedOpen && a.refundOpen === b.refundOpen && a.receiptsCancelled === b.receiptsCancelled;

/** Orders a day's summary must look up beyond those created that day: the ones its transfers paid and its receipts confirmed. */
export function ordersNeeded(transfers: readonly TransferRecord[], receipts: readonly StoredReceipt[]): string[] {
  return [...new Set([...transfers.filter(covers).map((t) => t.orderId!), ...receipts.map((r) => r.orderId)])];
}

type HistoryEntry = FeeOrder['history'][number] & { transferKey?: string };

/** When the order's money first reached the fee. */
function paidAt(order: FeeOrder): string | undefined {
  const h = order.history as HistoryEntry[];
  return h.find((e) => e.event === 'PAYMENT_RECEIVED' && (e.to === 'PAID' || e.to === 'OVERPAID') && e.from !== 'PAID' && e.from !== 'OVERPAID' && e.from !== 'CONFIRMED')?.at;
}

export function summariseDay(input: {
  agencyId: string;
  day: string;
  orders: readonly FeeOrder[];
  transfers: readonly TransferRecord[];
  receipts: readonly StoredReceipt[];
  /** At least the orders ordersNeeded() names (missing ones are left out of the durations). */
  orderById: ReadonlyMap<string, FeeOrder>;
}): DaySummary {
  const s: DaySummary = {
    agencyId: input.agencyId,
    day: input.day,
    orders: { created: 0, amount: 0, assisted: 0, byProcedure: {}, byVolunteer: {} },
    paid: 0,
    paidLate: 0,
    collected: { cashless: tally(), cash: tally() },
    transfers: { incoming: tally(), bankIncoming: 0, unmatchedOnArrival: 0, unmatchedNow: tally(), refundDue: tally(), refunded: tally(), ignored: 0 },
    receipts: { issued: tally(), cancelled: 0 },
    durations: { orderToPayment: [], paymentToConfirmation: [] },
    fingerprint: fingerprintOf(input.transfers, input.receipts),
  };
  for (const o of input.orders) {
    s.orders.created += 1;
    s.orders.amount += o.amount;
    const p = (s.orders.byProcedure[o.procedureCode] ??= { count: 0, amount: 0 });
    p.count += 1;
    p.amount += o.amount;
    if (o.assistedBy) {
      s.orders.assisted += 1;
      s.orders.byVolunteer[o.assistedBy] = (s.orders.byVolunteer[o.assistedBy] ?? 0) + 1;
    }
  }
  for (const t of input.transfers) {
    if (t.status === 'IGNORED') {
      s.transfers.ignored += 1;
      continue;
    }
    const amount = t.transfer.amount;
    add(s.transfers.incoming, amount);
    if (t.transfer.provider !== 'cash') s.transfers.bankIncoming += 1;
    if (arrivedUnmatched(t)) s.transfers.unmatchedOnArrival += 1;
    if (t.status === 'UNMATCHED') add(s.transfers.unmatchedNow, amount);
    if (t.refundDue > 0) add(s.transfers.refundDue, t.refundDue);
    if (t.refundDue > 0 && t.refund) add(s.transfers.refunded, t.refundDue);
    if (t.status === 'MATCHED') add(t.transfer.provider === 'cash' ? s.collected.cash : s.collected.cashless, kept(t));
    if (covers(t)) {
      s.paid += 1;
      if (t.late) s.paidLate += 1;
      const order = input.orderById.get(t.orderId!);
      if (order) {
        const entry = (order.history as HistoryEntry[]).find((e) => e.transferKey === t.key);
        s.durations.orderToPayment.push(seconds(order.createdAt, entry?.at ?? t.transfer.occurredAt));
      }
    }
  }
  for (const r of input.receipts) {
    const amount = typeof (r.content as { amount?: unknown }).amount === 'number' ? ((r.content as { amount: number }).amount) : 0;
    add(s.receipts.issued, amount);
    if (r.status === 'CANCELLED') s.receipts.cancelled += 1;
    const order = input.orderById.get(r.orderId);
    if (!order) continue;
    // A replacing receipt (after a cancelled one) is not a second confirmation of the payment.
    const firstConfirmation = order.history.find((e) => e.event === 'CONFIRMED');
    const paid = paidAt(order);
    if (paid && firstConfirmation?.at === r.issuedAt) s.durations.paymentToConfirmation.push(seconds(paid, r.issuedAt));
  }
  s.durations.orderToPayment.sort((a, b) => a - b);
  s.durations.paymentToConfirmation.sort((a, b) => a - b);
  return s;
}

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

export function mergeFigures(agencyId: string | null, agencyName: string, days: readonly DaySummary[], procedureNames: ReadonlyMap<string, string> = new Map()): AgencyFigures {
  const cashless = tally();
  const cash = tally();
  const procedures = new Map<string, { procedureCode: string; procedureName: string; count: number; amount: number }>();
  const volunteers = new Map<string, number>();
  const toPayment: number[] = [];
  const toConfirmation: number[] = [];
  const f: AgencyFigures = {
    agencyId,
    agencyName,
    collected: { cashless, cash, total: tally(), cashlessShare: null },
    orders: { created: 0, amount: 0, paid: 0, paidLate: 0, confirmed: 0, byProcedure: [] },
    timing: { orderToPayment: { count: 0, medianSeconds: null }, paymentToConfirmation: { count: 0, medianSeconds: null } },
    volunteers: { assistedOrders: 0, volunteers: 0, byVolunteer: [] },
    transfers: { incoming: tally(), bankIncoming: 0, unmatchedOnArrival: 0, unmatchedRate: null, unmatchedNow: tally(), refundDue: tally(), refunded: tally(), refundRate: null, ignored: 0 },
    receipts: { issued: tally(), cancelled: 0 },
  };
  const acc = (t: Tally, u: Tally) => {
    t.count += u.count;
    t.amount += u.amount;
  };
  for (const d of days) {
    acc(cashless, d.collected.cashless);
    acc(cash, d.collected.cash);
    f.orders.created += d.orders.created;
    f.orders.amount += d.orders.amount;
    f.orders.paid += d.paid;
    f.orders.paidLate += d.paidLate;
    f.orders.confirmed += d.receipts.issued.count;
    for (const [code, p] of Object.entries(d.orders.byProcedure)) {
      const row = procedures.get(code) ?? { procedureCode: code, procedureName: procedureNames.get(code) ?? code, count: 0, amount: 0 };
      row.count += p.count;
      row.amount += p.amount;
      procedures.set(code, row);
    }
    f.volunteers.assistedOrders += d.orders.assisted;
    for (const [u, n] of Object.entries(d.orders.byVolunteer)) volunteers.set(u, (volunteers.get(u) ?? 0) + n);
    toPayment.push(...d.durations.orderToPayment);
    toConfirmation.push(...d.durations.paymentToConfirmation);
    acc(f.transfers.incoming, d.transfers.incoming);
    f.transfers.bankIncoming += d.transfers.bankIncoming;
    f.transfers.unmatchedOnArrival += d.transfers.unmatchedOnArrival;
    acc(f.transfers.unmatchedNow, d.transfers.unmatchedNow);
    acc(f.transfers.refundDue, d.transfers.refundDue);
    acc(f.transfers.refunded, d.transfers.refunded);
    f.transfers.ignored += d.transfers.ignored;
    acc(f.receipts.issued, d.receipts.issued);
    f.receipts.cancelled += d.receipts.cancelled;
  }
  f.collected.total = plus(cashless, cash);
  f.collected.cashlessShare = ratio(cashless.amount, f.collected.total.amount);
  f.orders.byProcedure = [...procedures.values()].sort((a, b) => b.count - a.count || (a.procedureCode < b.procedureCode ? -1 : 1));
  f.timing.orderToPayment = { count: toPayment.length, medianSeconds: median(toPayment) };
  f.timing.paymentToConfirmation = { count: toConfirmation.length, medianSeconds: median(toConfirmation) };
  f.volunteers.volunteers = volunteers.size;
  f.volunteers.byVolunteer = [...volunteers.entries()].map(([username, orders]) => ({ username, orders })).sort((a, b) => b.orders - a.orders || (a.username < b.username ? -1 : 1));
  f.transfers.unmatchedRate = ratio(f.transfers.unmatchedOnArrival, f.transfers.bankIncoming);
  f.transfers.refundRate = ratio(f.transfers.refundDue.count, f.transfers.incoming.count);
  return f;
}

export const DISTRICT_TOTAL_NAME = 'Toàn huyện';

export function buildDashboard(input: {
  from: string;
  to: string;
  generatedAt: string;
  agencies: readonly { id: string; name: string }[];
  summaries: readonly DaySummary[];
  source: Dashboard['source'];
  procedureNames?: ReadonlyMap<string, string>;
}): Dashboard {
  const names = input.procedureNames ?? new Map<string, string>();
  const ids = new Set(input.agencies.map((a) => a.id));
  const summaries = input.summaries.filter((s) => ids.has(s.agencyId) && s.day >= input.from && s.day <= input.to);
  const days = daysBetween(input.from, input.to);
  const byDay = new Map(days.map((d) => [d, { date: d, cashless: 0, cash: 0, ordersCreated: 0, paid: 0 }]));
  for (const s of summaries) {
    const row = byDay.get(s.day)!;
    row.cashless += s.collected.cashless.amount;
    row.cash += s.collected.cash.amount;
    row.ordersCreated += s.orders.created;
    row.paid += s.paid;
  }
  return {
    report: 'dashboard',
    from: input.from,
    to: input.to,
    days: days.length,
    timeZone: VIETNAM_TIME_ZONE,
    generatedAt: input.generatedAt,
    agencies: input.agencies.map((a) => mergeFigures(a.id, a.name, summaries.filter((s) => s.agencyId === a.id), names)),
    total: mergeFigures(null, input.agencies.length === 1 ? input.agencies[0]!.name : DISTRICT_TOTAL_NAME, summaries, names),
    daily: [...byDay.values()],
    source: input.source,
  };
}

// ---- CSV ------------------------------------------------------------------------------

export type Cell = string | number | boolean | null | undefined;

/**
 * One field: numbers as they are (no thousands separators, so a spreadsheet sums them);
 * text quoted when it holds a comma, a quote or a line break; and text a spreadsheet would
 * run as a formula (=, +, -, @ first, e.g. in a bank memo) kept as text with a leading '
 * (OWASP "CSV injection").
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  let s = value.normalize('NFC');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), CRLF line ends
 * (RFC 4180); tables one after another, an empty line between them.
 */
export function toCsv(tables: readonly (readonly (readonly Cell[])[])[]): string {
  return `\uFEFF${tables.map((rows) => rows.map((r) => r.map(csvField).join(',')).join('\r\n')).join('\r\n\r\n')}\r\n`;
}

const percent = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);
const STATUS_LABEL: Record<string, string> = { MATCHED: 'Đã khớp', UNMATCHED: 'Chưa khớp', IGNORED: 'Bỏ qua' };
const DIRECTION_LABEL = { in: 'Tiền vào', out: 'Tiền ra' } as const;
const RECEIPT_STATUS_LABEL: Record<StoredReceipt['status'], string> = { ISSUED: 'Đã lập', CANCELLED: 'Đã hủy' };
const METHOD_LABEL: Record<string, string> = { bank_transfer: 'Chuyển khoản', cash: 'Tiền mặt' };

export const DAILY_SUMMARY_HEADER = ['Mã', 'Mục', 'Chỉ tiêu', 'Số lượng', 'Số tiền (đồng)'] as const;
export const DAILY_TRANSACTION_HEADER = [
  'STT',
  'Mã giao dịch',
  'Nguồn',
  'Chiều',
  'Thời điểm ghi nhận',
  'Thời điểm ngân hàng',
  'Số tiền (đồng)',
  'Trạng thái',
  'Lý do',
  'Kết quả',
  'Mã đơn',
  'Phải hoàn (đồng)',
  'Đã hoàn',
  'Nộp muộn',
  'Khớp tay bởi',
  'Nội dung chuyển khoản',
] as const;
export const DAILY_RECEIPT_HEADER = ['STT', 'Ký hiệu mẫu', 'Ký hiệu', 'Số', 'Thời điểm lập', 'Số tiền (đồng)', 'Hình thức', 'Mã đơn', 'Trạng thái', 'Thời điểm hủy', 'Lý do hủy'] as const;

/** The summary rows of the daily report: [code, section, item, count, amount]; codes are stable for machines. */
export function dailySummaryRows(r: DailyReport): Cell[][] {
  const rows: Cell[][] = [];
  const t = (code: string, section: string, item: string, v: Tally) => rows.push([code, section, item, v.count, v.amount]);
  const n = (code: string, section: string, item: string, count: Cell, amount: Cell = null) => rows.push([code, section, item, count, amount]);
  const sec = 'Tổng hợp giao dịch';
  t('received', sec, 'Nhận được', r.totals.received);
  t('matched', sec, 'Đã khớp đơn', r.totals.matched);
  t('unmatched', sec, 'Chưa khớp', r.totals.unmatched);
  t('ignored', sec, 'Bỏ qua (tiền ra, không thuộc cơ quan)', r.totals.ignored);
  t('difference', sec, 'Chênh lệch (nhận được − khớp − chưa khớp − bỏ qua)', r.totals.difference);
  n('tiesOut', sec, 'Khớp tổng', r.totals.tiesOut);
  t('incoming', sec, 'Tiền vào', r.direction.incoming);
  t('outgoing', sec, 'Tiền ra', r.direction.outgoing);
  for (const p of r.byProvider) {
    const s = `Nguồn ${p.label}`;
    t(`provider.${p.provider}.received`, s, 'Nhận được', p.received);
    t(`provider.${p.provider}.matched`, s, 'Đã khớp', p.matched);
    t(`provider.${p.provider}.unmatched`, s, 'Chưa khớp', p.unmatched);
    t(`provider.${p.provider}.ignored`, s, 'Bỏ qua', p.ignored);
  }
  const o = 'Kết quả khớp đơn';
  t('outcome.paid', o, 'Trả đủ', r.outcomes.paid);
  t('outcome.overpaid', o, 'Trả thừa', r.outcomes.overpaid);
  t('outcome.underpaid', o, 'Trả thiếu', r.outcomes.underpaid);
  t('outcome.duplicate', o, 'Trả trùng', r.outcomes.duplicate);
  t('outcome.toCancelled', o, 'Trả cho đơn đã hủy', r.outcomes.toCancelled);
  const od = 'Đơn phí';
  t('orders.paid', od, 'Đã thanh toán đủ', r.orders.paid);
  t('orders.paidLate', od, 'Trong đó thanh toán sau hạn', r.orders.paidLate);
  t('orders.confirmed', od, 'Đã xác nhận, cấp biên lai', r.orders.confirmed);
  const c = 'Thu phí, lệ phí';
  t('collected.total', c, 'Tổng thu (đã trừ phải hoàn)', r.collected.total);
  t('collected.cashless', c, 'Không dùng tiền mặt', r.collected.cashless);
  t('collected.cash', c, 'Tiền mặt', r.collected.cash);
  t('cash', c, 'Tiền mặt nhận tại quầy', r.cash);
  const b = 'Biên lai';
  t('receipts.issued', b, 'Đã lập trong ngày', r.receipts.issued);
  t('receipts.valid', b, 'Còn hiệu lực', r.receipts.valid);
  t('receipts.cancelled', b, 'Đã hủy', r.receipts.cancelled);
  for (const s of r.receipts.series) {
    n(`receipts.series.${s.symbol}`, b, `${s.template} ${s.symbol}: từ số ${formatReceiptNumber(s.first)} đến ${formatReceiptNumber(s.last)}`, s.count);
    n(`receipts.series.${s.symbol}.previous`, b, `${s.symbol}: số cuối ngày trước`, s.previous);
    n(`receipts.series.${s.symbol}.gaps`, b, `${s.symbol}: số bị thiếu`, s.gaps.length, null);
  }
  n('receipts.gapless', b, 'Không thiếu số', r.receipts.gapless);
  n('receipts.cancelledOnDay', b, 'Biên lai bị hủy trong ngày (kể cả lập ngày trước)', r.receipts.cancelledOnDay.length, r.receipts.cancelledOnDay.reduce((s, x) => s + x.amount, 0));
  const h = 'Hoàn trả';
  t('refunds.due', h, 'Phải hoàn (giao dịch trong ngày)', r.refunds.due);
  t('refunds.refunded', h, 'Đã hoàn', r.refunds.refunded);
  t('refunds.outstanding', h, 'Còn phải hoàn', r.refunds.outstanding);
  t('refunds.recordedOnDay', h, 'Đã hoàn trong ngày (mọi ngày nhận)', r.refunds.recordedOnDay);
  const k = 'Tồn đọng (mọi ngày)';
  t('backlog.unmatched', k, 'Chưa khớp', r.backlog.unmatched);
  t('backlog.refundDue', k, 'Chưa hoàn', r.backlog.refundDue);
  for (const ch of r.checks) n(`check.${ch.code}`, 'Kiểm tra', `${ch.label}: ${ch.detail}`, ch.ok);
  return rows;
}

export function transactionRow(l: TransactionLine, i: number): Cell[] {
  return [
    i + 1,
    l.id,
    SOURCE_LABEL[l.provider] ?? l.provider,
    DIRECTION_LABEL[l.direction],
    vnDateTime(l.receivedAt),
    vnDateTime(l.occurredAt),
    l.amount,
    STATUS_LABEL[l.status] ?? l.status,
    l.reason,
    l.outcome,
    l.orderId,
    l.refundDue,
    l.refunded,
    l.late,
    l.matchedBy,
    l.memo,
  ];
}

export function dailyReportCsv(r: DailyReport): string {
  const head: Cell[][] = [
    [`BÁO CÁO ĐỐI SOÁT THU PHÍ, LỆ PHÍ NGÀY ${vnDay(r.date)}`],
    ['Cơ quan', r.agency.name],
    ['Mã cơ quan', r.agency.id],
    ['Ngày', r.date],
    ['Múi giờ', `${r.timeZone} (UTC+7)`],
    ['Lập lúc', vnDateTime(r.generatedAt)],
    ['Khớp tổng', r.totals.tiesOut],
  ];
  const receipts: Cell[][] = [
    [...DAILY_RECEIPT_HEADER],
    ...r.receipts.items.map((x, i) => [i + 1, x.template, x.symbol, formatReceiptNumber(x.number), vnDateTime(x.issuedAt), x.amount, METHOD_LABEL[x.paymentMethod ?? ''] ?? x.paymentMethod, x.orderId, RECEIPT_STATUS_LABEL[x.status], x.cancelledAt ? vnDateTime(x.cancelledAt) : null, x.cancelReason]),
  ];
  return toCsv([head, [[...DAILY_SUMMARY_HEADER], ...dailySummaryRows(r)], [[...DAILY_TRANSACTION_HEADER], ...r.transactions.map(transactionRow)], receipts]);
}

export const REGISTER_HEADER = [
  'STT',
  'Ký hiệu mẫu biên lai',
  'Ký hiệu biên lai',
  'Số biên lai',
  'Ngày lập',
  'Tên người nộp phí, lệ phí',
  'Tên loại phí, lệ phí',
  'Mã thủ tục',
  'Số tiền (đồng)',
  'Hình thức thu',
  'Trạng thái',
  'Ngày hủy',
  'Lý do hủy',
  'Mã đơn',
] as const;

export function registerRow(l: RegisterLine): Cell[] {
  return [
    l.no,
    l.template,
    l.symbol,
    l.numberText,
    vnDay(l.issuedDate),
    l.payerName,
    l.feeName,
    l.procedureCode,
    l.amount,
    METHOD_LABEL[l.paymentMethod ?? ''] ?? l.paymentMethod,
    RECEIPT_STATUS_LABEL[l.status],
    l.cancelledAt ? vnDay(vietnamDate(l.cancelledAt)) : null,
    l.cancelReason,
    l.orderId,
  ];
}

export function receiptRegisterCsv(r: ReceiptRegister): string {
  const head: Cell[][] = [
    [`Mẫu số ${r.form}`],
    [r.title],
    ['Kỳ dữ liệu', `Ngày ${vnDay(r.date)}`],
    ['Tên tổ chức thu phí, lệ phí', r.agency.name],
    ['Mã số thuế', r.agency.taxCode],
    ['Địa chỉ', r.agency.address],
    ['Lập lúc', vnDateTime(r.generatedAt)],
  ];
  const totals: Cell[][] = [
    ['Tổng hợp', 'Số biên lai', 'Số tiền (đồng)'],
    ['Đã lập, còn hiệu lực', r.totals.valid.count, r.totals.valid.amount],
    ['Đã hủy', r.totals.cancelled.count, r.totals.cancelled.amount],
  ];
  return toCsv([head, [[...REGISTER_HEADER], ...r.items.map(registerRow)], totals]);
}

export const DASHBOARD_HEADER = [
  'Mã cơ quan',
  'Cơ quan',
  'Thu không dùng tiền mặt: số giao dịch',
  'Thu không dùng tiền mặt: số tiền (đồng)',
  'Thu tiền mặt: số giao dịch',
  'Thu tiền mặt: số tiền (đồng)',
  'Tổng thu (đồng)',
  'Tỷ lệ không dùng tiền mặt (%)',
  'Đơn phí đã lập',
  'Đơn đã thanh toán đủ',
  'Trong đó sau hạn',
  'Đơn đã xác nhận',
  'Trung vị lập đơn → thanh toán (giây)',
  'Trung vị thanh toán → xác nhận (giây)',
  'Đơn do tình nguyện viên hỗ trợ',
  'Số tình nguyện viên',
  'Giao dịch chuyển khoản đến',
  'Không tự khớp khi đến',
  'Tỷ lệ không tự khớp (%)',
  'Còn chưa khớp',
  'Giao dịch phải hoàn',
  'Số tiền phải hoàn (đồng)',
  'Tỷ lệ phải hoàn (%)',
] as const;

export function dashboardRow(f: AgencyFigures): Cell[] {
  return [
    f.agencyId ?? '',
    f.agencyName,
    f.collected.cashless.count,
    f.collected.cashless.amount,
    f.collected.cash.count,
    f.collected.cash.amount,
    f.collected.total.amount,
    percent(f.collected.cashlessShare),
    f.orders.created,
    f.orders.paid,
    f.orders.paidLate,
    f.orders.confirmed,
    f.timing.orderToPayment.medianSeconds,
    f.timing.paymentToConfirmation.medianSeconds,
    f.volunteers.assistedOrders,
    f.volunteers.volunteers,
    f.transfers.bankIncoming,
    f.transfers.unmatchedOnArrival,
    percent(f.transfers.unmatchedRate),
    f.transfers.unmatchedNow.count,
    f.transfers.refundDue.count,
    f.transfers.refundDue.amount,
    percent(f.transfers.refundRate),
  ];
}

export const DASHBOARD_PROCEDURE_HEADER = ['Mã cơ quan', 'Cơ quan', 'Mã thủ tục', 'Tên thủ tục', 'Số đơn', 'Số tiền phí (đồng)'] as const;
export const DASHBOARD_DAILY_HEADER = ['Ngày', 'Thu không dùng tiền mặt (đồng)', 'Thu tiền mặt (đồng)', 'Đơn phí đã lập', 'Đơn đã thanh toán đủ'] as const;

export function dashboardCsv(d: Dashboard): string {
  const head: Cell[][] = [
    ['BẢNG SỐ LIỆU THU PHÍ, LỆ PHÍ KHÔNG DÙNG TIỀN MẶT'],
    ['Từ ngày', d.from],
    ['Đến ngày', d.to],
    ['Múi giờ', `${d.timeZone} (UTC+7)`],
    ['Lập lúc', vnDateTime(d.generatedAt)],
  ];
  const figures = [d.total, ...d.agencies];
  const procedures: Cell[][] = [[...DASHBOARD_PROCEDURE_HEADER]];
  for (const f of figures) for (const p of f.orders.byProcedure) procedures.push([f.agencyId ?? '', f.agencyName, p.procedureCode, p.procedureName, p.count, p.amount]);
  const daily: Cell[][] = [[...DASHBOARD_DAILY_HEADER], ...d.daily.map((x) => [x.date, x.cashless, x.cash, x.ordersCreated, x.paid])];
  return toCsv([head, [[...DASHBOARD_HEADER], ...figures.map(dashboardRow)], procedures, daily]);
}
