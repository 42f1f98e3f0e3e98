/**
 * The dashboard of the agencies in scope: per-agency-per-day summaries (computed once a day is closed,
 * docs/reports.md) merged into figures per agency and for them all.
 */
import type { FeeOrder } from '../../../shared/order';
import { linesOf } from '../../../shared/order-lines';
import { daysBetween, VIETNAM_TIME_ZONE } from '../../../shared/time';
import type { TransferRecord } from '../../../shared/transfer';
import type { StoredReceipt } from '../storage/store';
import { add, arrivedUnmatched, covers, kept, median, plus, ratio, seconds, tally, type Tally } from './figures';
import type { AgencyFigures, Dashboard } from '../../../shared/report-views';

export type { AgencyFigures, Dashboard };

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
    // Each line under its own procedure: an order of several fees counts once for each.
    for (const line of linesOf(o)) {
      const p = (s.orders.byProcedure[line.procedureCode] ??= { count: 0, amount: 0 });
      p.count += 1;
      p.amount += line.amount;
    }
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

/** The name of the total row: every agency the dashboard covers (the person's scope). */
export const TOTAL_NAME = 'Tất cả cơ quan';

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
    total: mergeFigures(null, input.agencies.length === 1 ? input.agencies[0]!.name : TOTAL_NAME, summaries, names),
    daily: [...byDay.values()],
    source: input.source,
  };
}
